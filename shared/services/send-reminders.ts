/**
 * The daily reminder sweep: every open decision past its due time, read from the open-decisions-by-due index,
 * is reminded to whoever is asked, at most once a business day (Monday to Friday, not an office holiday, in
 * the office's time zone), with the very link its step emailed (ports/link-vault.ts: never a second live
 * token). After `REMINDERS_BEFORE_ESCALATION` reminders the lead is told instead, once: an officer's step with
 * that same link, which from then on decides only with a staff session and records whoever is signed in
 * (services/officer-decider.ts), unless the lead declared a conflict with the partner; a partner's or
 * signatory's never with it (that link is theirs: the lead must never answer as them), but with the
 * partnership's console page, to chase them. The step's timeout, later, is the workflow's
 * (workflows/timeout-branch.ts).
 *
 * Each reminder is claimed on the decision first (noteReminder: a conditional write on its count and day), so
 * two runs at once never both send; an email that then fails to go is not tried again that day (logged).
 */

import { isBusinessDay } from "../domain/business-days.ts";
import { todayIn } from "../domain/calendar-dates.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import { conflictedOfficers } from "../domain/officers.ts";
import type { Decision, Partnership } from "../domain/partnership.ts";
import { askedOf } from "../domain/personal-fields.ts";
import { eventDraft } from "../events/draft.ts";
import { errorName, log } from "../http/log.ts";
import { STEP_LINK_PATHS } from "../steps/link-paths.ts";
import { officeOf } from "../web/emails.ts";
import { escalationEmail, reminderEmail } from "../web/reminder-emails.ts";
import type { Needs } from "./dependencies.ts";
import { sendRecorded } from "./sent-emails.ts";

/** Decisions read per page of the index; pages follow until the run's deadline. */
export const REMINDER_PAGE = 50;

export interface ReminderSweepReport {
  /** Whether today is a business day: on any other day nothing is sent. */
  businessDay: boolean;
  reminded: number;
  escalated: number;
  /** Past due but nothing to send today (reminded today already, escalated, past its timeout, ended). */
  skipped: number;
  /** Tried and failed: logged, tried again at the next run (not the same day once claimed). */
  failed: number;
  /** Not looked at: the run was out of time. */
  deferred: number;
}

type Asked = ReturnType<typeof askedOf>;

export async function sendReminders(
  deps: Needs<"repository" | "clock" | "config" | "mailer" | "linkVault">,
  options: { page?: number; deadline?: number } = {},
): Promise<ReminderSweepReport> {
  const now = deps.clock.now();
  const today = todayIn(now, deps.config.TIME_ZONE);
  const report: ReminderSweepReport = {
    businessDay: isBusinessDay(today, deps.config.HOLIDAYS),
    reminded: 0,
    escalated: 0,
    skipped: 0,
    failed: 0,
    deferred: 0,
  };
  if (!report.businessDay) return report;
  let cursor: string | undefined;
  do {
    const page = await deps.repository.listOpenDecisionsDueBefore(
      now.toISOString(),
      options.page ?? REMINDER_PAGE,
      cursor,
    );
    for (const decision of page.decisions) {
      if (options.deadline !== undefined && Date.now() >= options.deadline) {
        report.deferred++;
        continue;
      }
      try {
        const sent = await remind(deps, decision, now, today);
        report[sent]++;
      } catch (error) {
        report.failed++;
        log("error", "reminder not sent", {
          partnershipId: decision.partnershipId,
          decisionId: decision.decisionId,
          error: errorName(error),
        });
      }
    }
    cursor = page.next;
  } while (cursor && (options.deadline === undefined || Date.now() < options.deadline));
  return report;
}

/** One overdue decision's reminder or escalation, if it is owed today. */
async function remind(
  deps: Needs<"repository" | "clock" | "config" | "mailer" | "linkVault">,
  decision: Decision,
  now: Date,
  today: string,
): Promise<"reminded" | "escalated" | "skipped"> {
  const linkPath = STEP_LINK_PATHS[decision.kind];
  // Past its timeout the workflow's timeout branch tells the lead; escalated, the lead has it.
  if (
    !linkPath ||
    decision.escalatedAt ||
    decision.lastRemindedOn === today ||
    Date.parse(decision.expiresAt) <= now.getTime()
  )
    return "skipped";
  // The partnership alone: its ledger is read only for an escalation that may carry the link.
  const partnership = await deps.repository.getPartnership(decision.partnershipId);
  // Ended, or a failed workflow the lead is already told of (its step's task is gone until a retry asks again).
  if (!partnership || isTerminal(partnership.stage) || partnership.stage === "NEEDS_ATTENTION")
    return "skipped";
  const count = decision.reminders ?? 0;
  const escalate = count >= deps.config.REMINDERS_BEFORE_ESCALATION;
  const at = now.toISOString();
  const claimed = await deps.repository.noteReminder(decision, {
    on: today,
    count: escalate ? count : count + 1,
    ...(escalate ? { escalatedAt: at } : {}),
  });
  if (!claimed) return "skipped";
  const asked = askedOf(decision);
  const office = officeOf(deps.config);
  const base = {
    org: partnership.organisationName,
    kind: decision.kind,
    dueAt: decision.dueAt,
    expiresAt: decision.expiresAt,
  };
  const context = { partnershipId: partnership.id, at, actor: "system:reminders" };
  // The step's own link, opened from its sealed copy: never a second token.
  const ownLink = async () => {
    const token = decision.sealedLinkToken
      ? await deps.linkVault.open(decision.partnershipId, decision.sealedLinkToken)
      : undefined;
    return token ? `${deps.config.PUBLIC_BASE_URL}${linkPath}/${token}` : undefined;
  };
  if (escalate) {
    const lead = deps.config.LEAD_EMAIL;
    // An officer's step's link goes to the lead (escalated, it decides only signed in, as whoever is), unless
    // the lead may not decide it (a conflict declared); a partner's or signatory's never (see escalationEmail).
    const leadMayDecide =
      asked === "officer" &&
      lead !== undefined &&
      !conflictedOfficers(await deps.repository.listEvents(partnership.id)).has(lead.toLowerCase());
    const url = leadMayDecide ? await ownLink() : undefined;
    await sendRecorded(
      deps,
      escalationEmail(office, {
        ...base,
        to: lead ?? deps.config.OFFICE_EMAIL,
        reminders: count,
        asked,
        ...(asked === "officer" ? { officer: decision.assignee } : {}),
        url,
        signInUrl: `${deps.config.PUBLIC_BASE_URL}/sign-in`,
        staffUrl: staffUrl(deps.config.PUBLIC_BASE_URL, asked, partnership),
      }),
      {
        partnershipId: partnership.id,
        template: `${decision.kind}:escalation`,
        role: lead ? "lead" : "office",
        actor: context.actor,
      },
    );
    await deps.repository.appendEvent(
      eventDraft("DecisionEscalated", context, {
        decisionId: decision.decisionId,
        kind: decision.kind,
        reminders: count,
        assignee: asked,
        dueAt: decision.dueAt,
        withLink: url !== undefined,
      }),
    );
    return "escalated";
  }
  // The reminder carries the step's own link.
  const url = await ownLink();
  const to = asked === "partner" ? partnership.intake.contact.email : decision.assignee;
  await sendRecorded(deps, reminderEmail(office, { ...base, to, url }), {
    partnershipId: partnership.id,
    template: `${decision.kind}:reminder`,
    role: asked,
    actor: context.actor,
  });
  await deps.repository.appendEvent(
    eventDraft("ReminderSent", context, {
      decisionId: decision.decisionId,
      kind: decision.kind,
      count: count + 1,
      recipient: asked,
      dueAt: decision.dueAt,
    }),
  );
  return "reminded";
}

/** Where the lead follows it up: the inbox for an officer's step, the partnership's console page otherwise. */
function staffUrl(base: string, asked: Asked, partnership: Pick<Partnership, "id">): string {
  return asked === "officer"
    ? `${base}/console/inbox`
    : `${base}/console/partnerships/${encodeURIComponent(partnership.id)}`;
}
