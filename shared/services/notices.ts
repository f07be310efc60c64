/** The emails the workflow's notices owe (see domain/pending-effects.ts), sent when a step pays them. */
import type { Partnership } from "../domain/partnership.ts";
import type { Notice } from "../domain/pending-effects.ts";
import { emails, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";
import type { Notify } from "./pending-effects.ts";

export function noticeMail(deps: Needs<"config">, p: Partnership, notice: Notice) {
  const org = p.organisationName;
  const office = officeOf(deps.config);
  switch (notice.kind) {
    case "approved":
      return emails.approved(office, p.intake.contact.email, org, notice.comment);
    case "vetted":
      return emails.vetted(office, p.intake.contact.email, org);
    case "authority-confirmed":
      return emails.authorityConfirmed(office, p.intake.contact.email, org);
    case "declined":
      return emails.declined(office, p.intake.contact.email, org, notice.comment);
    case "expired":
      return emails.expired(office, deps.config.OFFICE_EMAIL, org, p.id);
    case "vetting-renewed":
      return emails.vettingRenewed(office, p.intake.contact.email, org);
    case "at-risk":
      return emails.atRisk(
        office,
        [p.intake.contact.email, deps.config.OFFICE_EMAIL],
        org,
        p.id,
        notice.comment,
      );
    case "failure":
      return emails.failure(office, deps.config.OFFICE_EMAIL, p.id, notice.error);
  }
}

/** Notify for a step that may owe notices: each is sent by the mailer, as its email. */
export function notifier(deps: Needs<"mailer" | "config">): Notify {
  return async (p, notice) => deps.mailer.send(noticeMail(deps, p, notice));
}
