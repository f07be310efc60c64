/** Opening a human step: store the decision and its single-use link, record it, email the link. */
import { PartnershipNotFoundError, ValidationError } from "../domain/errors.ts";
import { idFromSecret } from "../domain/ids.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import { hashToken, mintToken } from "../domain/link-tokens.ts";
import type { Decision } from "../domain/partnership.ts";
import { eventDraft } from "../events/draft.ts";
import { type StepRegistry, stepOf } from "../steps/registry.ts";
import type { AssignView, HumanStep } from "../steps/step.ts";
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

type OpenStepDeps = Needs<"repository" | "clock" | "config" | "mailer"> & Partial<Needs<"linkVault">>;

/** What the step is opened with: the partnership, its ledger, the inputs, and the one `now` it reads. */
type OpenView = AssignView & { readonly now: Date };

/**
 * Opens the step named by the input and emails its link to whoever it asks.
 *
 * Idempotent per task token: the decision's id is derived from it, so a repeated call (the local engine replays
 * a task whose Lambda ran but whose run it had not journalled, e.g. after a crash) finds the decision its first
 * attempt stored instead of opening a second one. With the link's sealed copy (ports/link-vault.ts) the repeat
 * keeps that link: it finishes what the first attempt may have left undone (the link, the request's event, the
 * email if none was recorded as sent) and changes nothing else. Without one the plain token cannot be
 * recovered, so a repeat issues a new link, and the earlier one stops working; the ledger records the repeat.
 *
 * A retry of the step by Step Functions comes with a new task token. When the same execution's same state has
 * an open decision of this kind for the same assignee, not expired, and its link's sealed copy, the retry takes
 * it over (reattachDecision: the decision now waits on the new token, its link and expiry stay), records
 * DecisionReattached once, and sends the email only if the earlier attempt's was not recorded as sent. Any other
 * earlier decision (another execution, such as the lead's retry of a failed workflow; a decision of an older
 * version without the execution or state; no sealed copy) is replaced: retired, recorded as replaced in the
 * request's event, so only one decision is ever awaited. A repeat for a decision already made, or one that
 * lost the race to reissue the link to a concurrent repeat, or a late replay of an attempt a later one took
 * over, has no link to send.
 */
export async function openStep(
  deps: OpenStepDeps,
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
  const decisionId = idFromSecret(input.taskToken);
  const assignee = step.assignee(view);
  // Opened before under this task token: by this very attempt (a replay), or taken over from an earlier one.
  const own =
    record.decisions.find((d) => d.decisionId === decisionId) ??
    record.decisions.find((d) => d.taskToken === input.taskToken);
  if (own) {
    // Taken over by a later attempt, made, or replaced: this attempt is no longer awaited, and sends nothing.
    if (own.taskToken !== input.taskToken || own.status !== "open" || own.retiredAt)
      return { decisionId: own.decisionId, emailed: false };
    const token = await keptToken(deps, own);
    if (token) return finishKept(deps, step, input, view, own, token, false);
    if (own.decisionId !== decisionId) return { decisionId: own.decisionId, emailed: false };
  } else {
    // A retry of the same execution's task: its earlier attempt's decision, if that one can be kept.
    const earlier = attemptBefore(record.decisions, input, step.kind, assignee, now);
    const token = earlier && (await keptToken(deps, earlier));
    if (earlier && token && (await deps.repository.reattachDecision(earlier, input.taskToken, at))) {
      const reattached = { ...earlier, taskToken: input.taskToken, reattachedAt: at };
      return finishKept(deps, step, input, view, reattached, token, true);
    }
  }
  const link = mintToken();
  // The same link goes out again with each reminder: the token kept sealed beside its hash (ports/link-vault.ts).
  const sealedLinkToken = await deps.linkVault?.seal(partnership.id, link.token);
  let decision: Decision = {
    partnershipId: partnership.id,
    decisionId,
    kind: step.kind,
    assignee,
    linkTokenHash: link.hash,
    taskToken: input.taskToken,
    createdAt: at,
    dueAt: due,
    expiresAt: expires,
    status: "open",
    ...(sealedLinkToken ? { sealedLinkToken } : {}),
    request: step.request?.(input.inputs ?? {}, view),
    ...(input.executionId ? { executionArn: input.executionId } : {}),
    state: input.state,
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
  await storeLink(deps, decision);
  const meta = { partnershipId: partnership.id, at, actor: "system:workflow", step: input.state };
  const requested = requestDraft(step, view, decision, meta, replaces, reissued);
  await deps.repository.appendEventsOnce([requested], head?.seq ?? 0, head);
  await sendLink(deps, step, input, view, decision, link.token);
  return { decisionId: decision.decisionId, emailed: true };
}

/** The decision's link (by its token's hash): single use, expiring with the decision. */
function storeLink(deps: OpenStepDeps, decision: Decision): Promise<void> {
  return deps.repository.putLink({
    tokenHash: decision.linkTokenHash,
    purpose: "decision",
    partnershipId: decision.partnershipId,
    decisionId: decision.decisionId,
    expiresAt: decision.expiresAt,
    singleUse: true,
  });
}

/** The link token a decision's sealed copy holds, if there is a vault, a copy, and it is that link's. */
async function keptToken(deps: OpenStepDeps, decision: Decision): Promise<string | undefined> {
  if (!deps.linkVault || !decision.sealedLinkToken) return undefined;
  const token = await deps.linkVault.open(decision.partnershipId, decision.sealedLinkToken);
  return token && hashToken(token) === decision.linkTokenHash ? token : undefined;
}

/**
 * How long after a decision was opened a new task token for the same state is still a retry of that task:
 * Step Functions retries the task within seconds (workflows/human-step.ts withRetry: 2, 4, 8 s and each
 * attempt's run), never near the step's timeout.
 */
const RETRY_WINDOW_MS = 15 * 60 * 1000;

/**
 * The decision an earlier attempt of this very task opened: the same execution and state, the same kind and
 * assignee, still open and not expired, and opened within the retry window (and the first half of its
 * timeout). A step that timed out and is asked again in the same state (the review's evaluation, escalated to
 * the lead and then the lead's own turn) is a new decision, even for the same assignee: the one before dies
 * with its timeout a moment later. The newest, should there be more than one.
 */
function attemptBefore(
  decisions: readonly Decision[],
  input: OpenStepInput,
  kind: string,
  assignee: string,
  now: Date,
): Decision | undefined {
  if (!input.executionId) return undefined;
  return decisions
    .filter(
      (d) =>
        d.executionArn === input.executionId &&
        d.state === input.state &&
        d.kind === kind &&
        d.assignee === assignee &&
        d.status === "open" &&
        !d.retiredAt &&
        Date.parse(d.expiresAt) > now.getTime() &&
        now.getTime() - Date.parse(d.createdAt) <
          Math.min(RETRY_WINDOW_MS, (input.timeoutSeconds * 1000) / 2),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

/**
 * Finishes a decision kept with its link (a replay under its task token, or a retry that took it over): what an
 * attempt before may have left undone, nothing twice. Other open decisions are retired; the link is stored if it
 * is not; the request's event is appended if it is missing, and a take-over recorded (DecisionReattached); the
 * same link is emailed only when no email of this step is recorded since its request.
 */
async function finishKept(
  deps: OpenStepDeps,
  step: HumanStep,
  input: OpenStepInput,
  view: OpenView,
  decision: Decision,
  token: string,
  reattached: boolean,
): Promise<{ decisionId: string; emailed: boolean }> {
  const { partnership, events, now } = view;
  const at = now.toISOString();
  // Only this execution's, as when a decision is first opened: another workflow's step stays open.
  const replaces = await deps.repository.retireOpenDecisionsBut(
    partnership.id,
    decision.decisionId,
    at,
    decision.executionArn,
  );
  if (!(await deps.repository.getLink(decision.linkTokenHash))) await storeLink(deps, decision);
  const requestedAt = events.findLastIndex(
    (e) => e.type === requestedEvent(step) && e.data.decisionId === decision.decisionId,
  );
  const emailed =
    requestedAt >= 0 &&
    events.slice(requestedAt + 1).some((e) => e.type === "EmailSent" && e.data.template === step.kind);
  const meta = { partnershipId: partnership.id, at, actor: "system:workflow", step: input.state };
  const drafts = [
    ...(requestedAt < 0 ? [requestDraft(step, view, decision, meta, replaces)] : []),
    ...(reattached
      ? [
          eventDraft("DecisionReattached", meta, {
            kind: step.kind,
            decisionId: decision.decisionId,
            emailedAgain: !emailed,
          }),
        ]
      : []),
  ];
  const head = events.at(-1);
  if (drafts.length > 0) await deps.repository.appendEventsOnce(drafts, head?.seq ?? 0, head);
  if (emailed) return { decisionId: decision.decisionId, emailed: false };
  await sendLink(deps, step, input, view, decision, token);
  return { decisionId: decision.decisionId, emailed: true };
}

/** The step's request event (StepRequested, or the step's own name for it): whom it awaits, until when. */
function requestDraft(
  step: HumanStep,
  view: OpenView,
  decision: Decision,
  meta: { partnershipId: string; at: string; actor: string; step: string },
  replaces: readonly string[],
  reissued = false,
) {
  const details = step.requestDetails?.(view);
  return eventDraft(requestedEvent(step), meta, {
    kind: step.kind,
    decisionId: decision.decisionId,
    assignee: decision.assignee,
    dueAt: decision.dueAt,
    ...(reissued ? { reissued: true } : {}),
    ...(replaces.length > 0 ? { replaces: [...replaces] } : {}),
    ...(details ? { details } : {}),
  });
}

/** Emails the decision's link (`token`) to whoever the step asks, recorded as EmailSent. */
async function sendLink(
  deps: OpenStepDeps,
  step: HumanStep,
  input: OpenStepInput,
  view: OpenView,
  decision: Decision,
  token: string,
): Promise<void> {
  const url = `${deps.config.PUBLIC_BASE_URL}${step.linkPath}/${token}`;
  await sendRecorded(deps, step.email({ ...view, decision, url }), {
    partnershipId: view.partnership.id,
    template: step.kind,
    role: step.asked,
    actor: "system:workflow",
    step: input.state,
  });
}

function requestedEvent(step: HumanStep) {
  return step.events?.requested ?? "StepRequested";
}
