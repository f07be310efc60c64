/** Opening a human step: store the decision and its single-use link, record it, email the link. */
import { PartnershipNotFoundError, ValidationError } from "../domain/errors.ts";
import { idFromSecret } from "../domain/ids.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import { mintToken } from "../domain/link-tokens.ts";
import type { Decision } from "../domain/partnership.ts";
import { eventDraft } from "../events/draft.ts";
import { type StepRegistry, stepOf } from "../steps/registry.ts";
import type { HumanStep } from "../steps/step.ts";
import type { Needs } from "./dependencies.ts";
import { sendRecorded } from "./sent-emails.ts";

export interface OpenStepInput {
  partnershipId: string;
  /** The step's kind (shared/steps/index.ts). */
  kind: string;
  taskToken: string;
  /** When the step times out (the task's timeout): its link expires then. */
  timeoutSeconds: number;
  /**
   * When the step falls due, what its email asks for: the step's own days, before the reminders and the
   * escalation (workflows/human-step.ts). Absent (an execution started before reminders): the timeout.
   */
  dueSeconds?: number | undefined;
  /** The workflow state that opens it ($$.State.Name). */
  state: string;
  /** The values the step's descriptor asked for (HumanStep.inputs). */
  inputs?: Readonly<Record<string, unknown>> | undefined;
  /** The execution whose task this is ($$.Execution.Id): kept on the decision, so that an ending can stop it. */
  executionId?: string | undefined;
}

/**
 * Opens the step named by the input and emails its link to whoever it asks.
 *
 * Idempotent per task token: the decision's id is derived from it, so a repeated call (a retried task, or a
 * step replayed by the local engine after a restart) finds the decision its first attempt stored instead of
 * opening a second one. The plain link token cannot be recovered, so a repeat issues a new link, and the
 * earlier one stops working; the ledger records the repeat. A retry of the step by Step Functions comes with a
 * new task token: its decision replaces the one the earlier attempt opened (retired, recorded as replaced in
 * the request's event), so only one decision is ever awaited. A repeat for a decision already made, or one
 * that lost the race to reissue the link to a concurrent repeat, has no link to send.
 */
export async function openStep(
  deps: Needs<"repository" | "clock" | "config" | "mailer"> & Partial<Needs<"linkVault">>,
  registry: StepRegistry,
  input: OpenStepInput,
): Promise<{ decisionId: string; emailed: boolean }> {
  const step = stepOf(registry, input.kind);
  if (!step) throw new ValidationError(`No human step of kind ${input.kind}`);
  // The ledger says who may be assigned (a conflict declared, a delegation): read with the partnership.
  const record = await deps.repository.getPartnershipRecord(input.partnershipId);
  if (!record) throw new PartnershipNotFoundError(`No partnership ${input.partnershipId}`);
  const { partnership, events } = record;
  // Ended (withdrawn, terminated, declined, expired) while this task was on its way: nothing is asked of anyone any more (the ending
  // stops this execution; a task it had already started must not email a link).
  if (isTerminal(partnership.stage)) return { decisionId: idFromSecret(input.taskToken), emailed: false };
  const head = events.at(-1);
  const now = deps.clock.now();
  // One `now` for everything the step reads the day from: the items asked for, the event and the email agree.
  const view = { partnership, events, config: deps.config, now, inputs: input.inputs ?? {} };
  const at = now.toISOString();
  const due = new Date(now.getTime() + (input.dueSeconds ?? input.timeoutSeconds) * 1000).toISOString();
  const expires = new Date(now.getTime() + input.timeoutSeconds * 1000).toISOString();
  const link = mintToken();
  // The same link goes out again with each reminder: the token kept sealed beside its hash (ports/link-vault.ts).
  const sealedLinkToken = await deps.linkVault?.seal(partnership.id, link.token);
  let decision: Decision = {
    partnershipId: partnership.id,
    decisionId: idFromSecret(input.taskToken),
    kind: step.kind,
    assignee: step.assignee(view),
    linkTokenHash: link.hash,
    taskToken: input.taskToken,
    createdAt: at,
    dueAt: due,
    expiresAt: expires,
    status: "open",
    ...(sealedLinkToken ? { sealedLinkToken } : {}),
    request: step.request?.(input.inputs ?? {}, view),
    ...(input.executionId ? { executionArn: input.executionId } : {}),
  };
  const reissued = !(await deps.repository.putDecision(decision));
  if (reissued) {
    const existing = await deps.repository.getDecision(partnership.id, decision.decisionId);
    if (!existing) throw new PartnershipNotFoundError(`No decision ${decision.decisionId}`);
    // Made, or replaced by a later attempt's decision (a late replay of an earlier attempt): nothing to send.
    if (
      existing.status !== "open" ||
      existing.retiredAt ||
      !(await deps.repository.replaceDecisionLink(existing, link.hash, undefined, sealedLinkToken))
    ) {
      return { decisionId: existing.decisionId, emailed: false };
    }
    decision = { ...existing, linkTokenHash: link.hash, sealedLinkToken };
  }
  // A retried step (Step Functions gives each attempt a new task token) opened a decision that this one
  // replaces; its link may have been emailed already, and must not decide anything now.
  // (Also on a reissue: the attempt that opened this one may have stopped before it retired the others.)
  // Only this execution's: another workflow's step (a vetting renewal's during a review) stays open.
  const replaces = await deps.repository.retireOpenDecisionsBut(
    partnership.id,
    decision.decisionId,
    at,
    decision.executionArn,
  );
  await deps.repository.putLink({
    tokenHash: link.hash,
    purpose: "decision",
    partnershipId: partnership.id,
    decisionId: decision.decisionId,
    expiresAt: decision.expiresAt,
    singleUse: true,
  });
  const details = step.requestDetails?.(view);
  const requested = eventDraft(
    requestedEvent(step),
    { partnershipId: partnership.id, at, actor: "system:workflow", step: input.state },
    {
      kind: step.kind,
      decisionId: decision.decisionId,
      assignee: decision.assignee,
      dueAt: decision.dueAt,
      ...(reissued ? { reissued: true } : {}),
      ...(replaces.length > 0 ? { replaces } : {}),
      ...(details ? { details } : {}),
    },
  );
  await deps.repository.appendEventsOnce([requested], head?.seq ?? 0, head);
  const url = `${deps.config.PUBLIC_BASE_URL}${step.linkPath}/${link.token}`;
  await sendRecorded(deps, step.email({ ...view, decision, url, now }), {
    partnershipId: partnership.id,
    template: step.kind,
    role: step.asked,
    actor: "system:workflow",
    step: input.state,
  });
  return { decisionId: decision.decisionId, emailed: true };
}

function requestedEvent(step: HumanStep) {
  return step.events?.requested ?? "StepRequested";
}
