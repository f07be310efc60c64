/**
 * A human step timed out (the workflow's timeout branch, workflows/timeout-branch.ts): the lead is told, or the
 * office when there is no lead, before the workflow expires the partnership or marks it at risk. Records
 * `StepTimedOut` once per decision (a retried task that finds it recorded does nothing), and forgets the
 * decision's sealed link token, so that nothing sends that link again.
 */
import type { LedgerEvent } from "../domain/ledger.ts";
import type { Decision } from "../domain/partnership.ts";
import { eventDraft } from "../events/draft.ts";
import { officeOf } from "../web/emails.ts";
import { timedOutEmail } from "../web/reminder-emails.ts";
import type { Needs } from "./dependencies.ts";
import { sendRecorded } from "./sent-emails.ts";

export interface TimeoutInput {
  partnershipId: string;
  /** The branch's own state ($$.State.Name): the onboarding's TellLeadStepTimedOut, or a renewal's. */
  step: string;
  /**
   * What the workflow does next, as the lead is told: the onboarding expires (default); a renewal, at risk; an
   * amendment lapses (the partnership stays active on the agreement in force).
   */
  outcome?: "expired" | "at-risk" | "amendment-lapses" | undefined;
  /** The execution whose step timed out: its open decision is the one (another workflow may have one open). */
  executionId?: string | undefined;
}

export async function tellLeadOfTimeout(
  deps: Needs<"repository" | "clock" | "config" | "mailer">,
  input: TimeoutInput,
): Promise<{ told: boolean }> {
  const record = await deps.repository.getPartnershipRecord(input.partnershipId);
  if (!record) throw new Error(`No partnership ${input.partnershipId}`);
  const { partnership, events, decisions } = record;
  // The step that timed out: the open decision this execution was waiting on (the newest, if ever more than one;
  // a decision opened before decisions recorded their execution counts as any execution's).
  const timedOut = decisions
    .filter((d) => d.status === "open" && !d.retiredAt)
    .filter((d) => !input.executionId || !d.executionArn || d.executionArn === input.executionId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .at(-1);
  if (timedOut && events.some((e) => e.type === "StepTimedOut" && e.data.decisionId === timedOut.decisionId))
    return { told: false };
  const kind = timedOut?.kind ?? "step";
  const at = deps.clock.now().toISOString();
  const lead = deps.config.LEAD_EMAIL;
  const context = { partnershipId: partnership.id, at, actor: "system:workflow", step: input.step };
  await sendRecorded(
    deps,
    timedOutEmail(officeOf(deps.config), {
      to: lead ?? deps.config.OFFICE_EMAIL,
      org: partnership.organisationName,
      kind,
      dueAt: timedOut?.dueAt,
      after: input.outcome === "expired" || input.outcome === undefined ? "expires" : input.outcome,
      staffUrl: `${deps.config.PUBLIC_BASE_URL}/console/partnerships/${encodeURIComponent(partnership.id)}`,
    }),
    { ...context, template: "step-timed-out", role: lead ? "lead" : "office" },
  );
  await deps.repository.appendEvent(
    eventDraft("StepTimedOut", context, {
      kind,
      state: stateOf(timedOut, events) ?? input.step,
      ...(timedOut ? { decisionId: timedOut.decisionId, dueAt: timedOut.dueAt } : {}),
    }),
  );
  if (timedOut) await deps.repository.forgetLinkToken(timedOut);
  return { told: true };
}

/** The waiting state that asked for the decision: the step its request's ledger event records. */
function stateOf(decision: Decision | undefined, events: readonly LedgerEvent[]): string | undefined {
  if (!decision) return undefined;
  return events.find((e) => e.data.decisionId === decision.decisionId && e.step !== undefined)?.step;
}
