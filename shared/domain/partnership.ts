/** The partnership aggregate as the application sees it, and the human steps in flight. */
import type { Intake } from "../schemas/intake.ts";
import type { Assessment } from "./assessment-types.ts";
import type { Json } from "./canonical-json.ts";
import { isTerminal, type Stage } from "./lifecycle.ts";
import type { PendingEffects } from "./pending-effects.ts";

export interface Partnership {
  id: string;
  stage: Stage;
  organisationName: string;
  website?: string | undefined;
  intake: Intake;
  /** Bumped on every resubmission; earlier versions stay in the ledger. */
  intakeVersion: number;
  /** Which decision set each intake version after the first (a partner's resubmission). */
  intakeVersionBy?: { version: number; decisionId: string }[] | undefined;
  assessment?: Assessment | undefined;
  assessmentRound: number;
  /** The intake version the stored assessment is of; a repeated assessment step of that version does nothing. */
  assessedIntakeVersion?: number | undefined;
  /** When the partner's acknowledgement was sent. */
  acknowledgedAt?: string | undefined;
  /**
   * When a request took on sending the acknowledgement (given up if the send fails). Another request within a
   * minute of it (a double click) does not send it too.
   */
  acknowledgementClaimedAt?: string | undefined;
  /** When the intake sweep first failed to finish this intake (it gives up an hour after). */
  intakeSweepFailedAt?: string | undefined;
  /** What the last workflow step still owes (see pending-effects.ts); absent once done. */
  pending?: PendingEffects | undefined;
  /** What the failure step still owes, kept apart from `pending` (see pending-effects.ts). */
  failurePending?: PendingEffects | undefined;
  submittedAt: string;
  updatedAt: string;
}

export interface Resubmission {
  intakeVersion: number;
  intake: Intake;
}

/** How a partnership ends before its time: the partner withdraws, or the office lead terminates it. */
export type PartnershipEnding = "withdrawn" | "terminated";

/** A human step in flight: one link, one task token, one decision. */
export interface Decision {
  partnershipId: string;
  decisionId: string;
  /** The human step it belongs to: a kind of the step registry (shared/steps/index.ts). */
  kind: string;
  /** The assigned officer's email for an officer's step; `partner` for the partner's. */
  assignee: string;
  linkTokenHash: string;
  /** Step Functions task token: backend only, never in email, URL or log. */
  taskToken: string;
  createdAt: string;
  /** When it is due: the step's days after it was opened (what its email asks for). Reminders start after it. */
  dueAt: string;
  /**
   * When it times out (its link's expiry and the workflow's task timeout): after its due time, room for the
   * reminders and the escalation (shared/domain/business-days.ts). The same as dueAt for a decision opened
   * before reminders existed.
   */
  expiresAt: string;
  status: "open" | "decided";
  /**
   * Its link's token sealed with the partnership's personal data key (ports/link-vault.ts), so that a reminder
   * sends the same link; removed once the decision is made, replaced or closed.
   */
  sealedLinkToken?: string | undefined;
  /** How many reminders went to the assignee (the daily sweep, services/send-reminders.ts). */
  reminders?: number | undefined;
  /** The office's day (YYYY-MM-DD) of the last reminder or escalation: at most one a business day. */
  lastRemindedOn?: string | undefined;
  /** When the lead was told it is overdue (after the reminders). */
  escalatedAt?: string | undefined;
  /**
   * When a newer decision replaced this one before it was made: a retried step opens the decision again
   * under a new task token. Its link then answers "replaced", and nothing awaits it.
   */
  retiredAt?: string | undefined;
  /**
   * Why it was closed unanswered when its partnership ended (the partner withdrew, the lead terminated it); its
   * `retiredAt` is then when. Its link then says so, with the day.
   */
  closedBecause?: PartnershipEnding | undefined;
  /** The execution whose callback task opened it ($$.Execution.Id), so that an ending can stop that execution. */
  executionArn?: string | undefined;
  /**
   * The workflow state whose task opened it ($$.State.Name): with `executionArn` and `kind`, what a retried
   * attempt of that task (a new task token) finds it by, to take it over rather than open another.
   */
  state?: string | undefined;
  /**
   * When a retried attempt of its task (a new task token) last took it over: its task token is that attempt's
   * since, and its link, the link's sealed copy and its expiry are the ones first emailed.
   */
  reattachedAt?: string | undefined;
  /**
   * When its link was last replaced from the staff inbox (shared/services/open-decision.ts): a link it replaced
   * then answers that the decision is decided from the inbox, not "use the most recent email".
   */
  reissuedFromInboxAt?: string | undefined;
  /** What the officer asked for when the partner is asked to resubmit. */
  request?: string | undefined;
  outcome?: string | undefined;
  comment?: string | undefined;
  decidedAt?: string | undefined;
  decidedBy?: string | undefined;
  /**
   * The corrected intake a partner's resubmission brought, and the version it becomes. Stored with the decision
   * in the write that closes it, so that only the POST that won the link changes the intake, and applied to the
   * partnership after that (again by whoever finishes an interrupted resume).
   */
  resubmission?: Resubmission | undefined;
  /** What the decision's ledger event records besides its outcome and comment (shared/schemas/step-details.ts). */
  details?: { [key: string]: Json } | undefined;
  /** What the decider was shown (see Shown), recorded with the decision. */
  shown?: Shown | undefined;
  /** The staff member signed in when an officer's link was decided from a staff session (issue 12). */
  signedInAs?: SignedInAs | undefined;
  /** What a partner saved to come back to, before deciding (the checklist half done), and when. */
  draft?: { [key: string]: Json } | undefined;
  draftSavedAt?: string | undefined;
  /** What the decision resumed the workflow with (JSON), so that a repeat can finish an interrupted resume. */
  resumeOutput?: string | undefined;
  /** Set when the deciding POST could not record or resume it: a repeat, or the sweep, may finish it at once. */
  resumeFailedAt?: string | undefined;
  /**
   * When the sweep first failed to record this decision past its expiry. It keeps trying for a day from
   * then, and then gives up (the decision keeps this, beside resumeWindowClosedAt, and an error line names it).
   */
  recordFailedAt?: string | undefined;
  /** When the workflow was resumed with the decision. */
  resumedAt?: string | undefined;
  /**
   * When a resume found the workflow no longer waiting for this decision, or the sweep found its window past:
   * the step had timed out, or (rarely) an earlier resume had gone through without being noted.
   */
  resumeWindowClosedAt?: string | undefined;
}

/**
 * The human step a partnership waits for: a decision still open and not yet past its expiry. An ended
 * partnership waits for nothing, even when the workflow stopped waiting before a decision's own expiry.
 */
export function awaitedDecision(
  stage: Stage,
  decisions: readonly Decision[],
  now: Date,
): Decision | undefined {
  if (isTerminal(stage)) return undefined;
  return decisions.find(
    (d) => d.status === "open" && !d.retiredAt && Date.parse(d.expiresAt) > now.getTime(),
  );
}

/** Longer than any handler runs (the functions time out after 10 s): a POST this old is not still running. */
export const STALLED_AFTER_MS = 60_000;

/**
 * Whether the resume of a decided decision is to be tried again: it has not ended, and either the deciding
 * POST said it failed, or the decision is old enough that its POST is no longer running (it crashed). A
 * decision made moments ago may still be on its way (a double click), and is left to its POST.
 */
export function resumeIsOverdue(decision: Decision, now: Date): boolean {
  return (
    decision.status === "decided" &&
    decision.resumeOutput !== undefined &&
    !decision.resumedAt &&
    !decision.resumeWindowClosedAt &&
    (decision.resumeFailedAt !== undefined ||
      Date.parse(decision.decidedAt ?? "") <= now.getTime() - STALLED_AFTER_MS)
  );
}

/** What a link token opens: the partner's status page or one decision. */
export interface Link {
  tokenHash: string;
  purpose: "status" | "decision";
  partnershipId: string;
  decisionId?: string | undefined;
  expiresAt: string;
  singleUse: boolean;
}

/**
 * Who was signed in when a link was decided from a staff session: the user's id (Cognito's `sub`, or the local
 * staff user's) and email. Staff addresses are the office's, not the partner's personal data: the ledger already
 * names officers by email in its actors (`officer:<email>`).
 */
export interface SignedInAs {
  sub: string;
  email: string;
}

/**
 * What a decider was shown when deciding: the SHA-256 of the step's page as it stood (rendered again from the
 * same data at the deciding POST), and the versions of the checklist and the agreement's template it was of.
 */
export interface Shown {
  pageSha256: string;
  checklistVersion?: string | undefined;
  templateVersion?: string | undefined;
}
