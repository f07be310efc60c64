/** The partner's acknowledgement of an intake, with its status link: sent by one caller at a time, marked once sent. */
import { mintToken } from "../domain/link-tokens.ts";
import { STALLED_AFTER_MS } from "../domain/partnership.ts";
import type { EmailMessage } from "../ports/mailer.ts";
import { emails, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";
import { recordEmail } from "./sent-emails.ts";

/** A new status link for the partnership: the plain token exists only in the URL returned (and what sends it). */
export async function issueStatusLink(
  deps: Needs<"repository" | "config">,
  partnershipId: string,
  now: Date,
): Promise<string> {
  const status = mintToken();
  await deps.repository.putLink({
    tokenHash: status.hash,
    purpose: "status",
    partnershipId,
    expiresAt: new Date(now.getTime() + deps.config.STATUS_LINK_TTL_DAYS * 86_400_000).toISOString(),
    singleUse: false,
  });
  return `${deps.config.PUBLIC_BASE_URL}/status/${status.token}`;
}

export interface Acknowledged {
  id: string;
  organisationName: string;
  contactEmail: string;
}

/**
 * Sends the acknowledgement unless it was sent, or another caller took it on within the last minute (a double
 * click; a request cut short holds it that long). The claim is given up if the send fails, so a retry sends
 * it; it is marked sent only once sent. `statusUrl` is asked for only once the claim is this caller's. True
 * when this call sent it.
 */
export async function acknowledgeIntake(
  deps: Needs<"repository" | "mailer" | "config">,
  partnership: Acknowledged,
  statusUrl: () => Promise<string>,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const { repository } = deps;
  const staleBefore = new Date(now.getTime() - STALLED_AFTER_MS).toISOString();
  if (!(await repository.claimAcknowledgement(partnership.id, at, staleBefore))) return false;
  let mail: EmailMessage;
  try {
    const url = await statusUrl();
    mail = emails.acknowledgement(
      officeOf(deps.config),
      partnership.contactEmail,
      partnership.organisationName,
      url,
    );
    await deps.mailer.send(mail);
  } catch (error) {
    await repository.releaseAcknowledgement(partnership.id, at).catch(() => undefined);
    throw error;
  }
  await recordEmail(
    deps,
    mail,
    {
      partnershipId: partnership.id,
      template: "acknowledgement",
      role: "partner",
      actor: "system:intake",
    },
    at,
  );
  await repository.markOnce(partnership.id, "acknowledged", at);
  return true;
}
