/** The ledger events that belong to no one human step: intake, stages, assessment, failures, generic steps. */
import * as z from "../schemas/zod.ts";
import { stageName } from "../web/stage-names.ts";
import { failureWhereData } from "./attention-events.ts";
import { eventSpec } from "./define.ts";
import { stepDecidedData, stepRequestedData } from "./step-events.ts";

/** Evidence that lapsed: the item (its id and title) and the last day it was valid. */
const lapsedItems = z.array(z.object({ itemId: z.string(), title: z.string(), expiresOn: z.string() }));

/** "Liability insurance, expired 2027-01-15; …". */
const lapsedWords = (items: z.infer<typeof lapsedItems> | undefined) =>
  (items ?? []).map((i) => `${i.title}, expired ${i.expiresOn}`).join("; ");

/** A schedule's kind in words, where its name does not read as one; others read as their kind. */
const SCHEDULE_WORDS: Readonly<Record<string, string>> = {
  "vetting-renewal": "vetting renewal",
  "evidence-lapse": "look for lapsed vetting evidence",
};

/** A whole intake, as stored in the ledger: the intake schema checks it where it is accepted. */
const intakeJson = z.record(z.string(), z.unknown());

export const CORE_EVENTS = {
  /**
   * An open decision's link replaced by a new one for the officer it is assigned to, who opened it from their
   * inbox while signed in (the emailed link then answers "replaced"); never the token, only who and which.
   */
  DecisionLinkReissued: eventSpec(
    z.object({
      kind: z.string(),
      decisionId: z.string(),
      signedInAs: z.object({ sub: z.string(), email: z.string() }),
    }),
    (d) =>
      `A new link to the ${d.kind} decision was made for ${d.signedInAs.email}, signed in, from their inbox`,
  ),
  /**
   * A retried attempt of a step's task (Step Functions gave it a new task token) took over the decision an
   * earlier attempt of the same execution and state opened: the link already emailed stays the one that
   * decides. `emailedAgain`: that attempt's email was not recorded as sent, so the same link went out again.
   */
  DecisionReattached: eventSpec(
    z.object({ kind: z.string(), decisionId: z.string(), emailedAgain: z.boolean() }),
    (d) =>
      `The ${d.kind} step was retried and kept its open decision: the link already sent still decides${
        d.emailedAgain ? " (emailed again, as its first email was not recorded)" : " (no new email)"
      }`,
  ),
  IntakeSubmitted: eventSpec(
    z.object({ stage: z.string(), intakeVersion: z.number(), intake: intakeJson }),
    () => "The partner submitted the intake (version 1)",
    () => stageName("SUBMITTED"),
  ),
  StageChanged: eventSpec(
    z.object({ from: z.string(), to: z.string(), outcome: z.optional(z.string()) }),
    (d) => `The stage changed from ${d.from} to ${d.to}${d.outcome ? ` (${d.outcome})` : ""}`,
    (d) => stageName(d.to),
  ),
  NeedsAssessed: eventSpec(
    z.object({
      round: z.number(),
      intakeVersion: z.number(),
      alignmentScore: z.number(),
      readinessScore: z.number(),
      proposedType: z.string(),
      gapsFilled: z.array(z.string()),
      overlaps: z.array(z.string()),
      duplicates: z.array(z.string()),
      /** Partnerships still in onboarding that offer the same (overlaps counts active partners only). */
      inOnboarding: z.optional(z.array(z.string())),
    }),
    (d) =>
      `Needs assessed (round ${d.round}, intake version ${d.intakeVersion}): alignment ${d.alignmentScore}, readiness ${d.readinessScore}, proposed ${d.proposedType}`,
  ),
  WorkflowFailed: eventSpec(
    z.object({
      error: z.string(),
      /** Only what is safe to keep of the failed state's Cause (shared/domain/failure-cause.ts). */
      cause: z.string(),
      stillOwed: z.optional(z.string()),
      /** The vetting renewal's round, when it was that workflow that failed. */
      round: z.optional(z.string()),
      ...failureWhereData,
    }),
    (d) =>
      `The ${d.workflow ? d.workflow.replace(/-/g, " ") : "workflow"} failed${d.state ? ` at ${d.state}` : ""} with ${d.error}${
        d.stillOwed ? `; not done: ${d.stillOwed}` : ""
      }${d.from ? `: the partnership needs attention (it was ${d.from})` : ""}`,
  ),
  /** The vetting renewal ended with the items verified, or waived again until `waivedUntil` (workflows/revetting). */
  /**
   * A partnership's schedule set, moved or removed (dueOn null): the day its scheduled work starts. `coveredBy`:
   * a review that fell due during another round's review is not set again, that round (its day) covers it.
   */
  ScheduleSet: eventSpec(
    z.object({ kind: z.string(), dueOn: z.nullable(z.string()), coveredBy: z.optional(z.string()) }),
    (d) => {
      const what = Object.hasOwn(SCHEDULE_WORDS, d.kind) ? SCHEDULE_WORDS[d.kind] : d.kind;
      if (d.dueOn) return `The ${what} was scheduled for ${d.dueOn}`;
      return d.coveredBy !== undefined
        ? `The ${what} that fell due is covered by the review round under way (round ${d.coveredBy}): not scheduled again; that round schedules the next`
        : `The ${what} is no longer scheduled`;
    },
  ),
  VettingRenewed: eventSpec(
    z.object({ round: z.string(), waivedUntil: z.optional(z.string()) }),
    (d) =>
      `Vetting renewed (round due ${d.round})${d.waivedUntil ? `; an item waived again until ${d.waivedUntil}` : ""}`,
    (d) =>
      d.waivedUntil
        ? `The office reviewed the checklist items you sent; some are waived again until ${d.waivedUntil}.`
        : "The office reviewed and accepted the checklist items you sent: your vetting is up to date.",
  ),
  /**
   * The vetting renewal ended at risk: the officer could not accept the evidence, or time ran out; or required
   * evidence lapsed without renewed evidence verified (`evidence-lapsed`, the sweep's: `round` is the day it was
   * found, `items` the lapsed evidence).
   */
  PartnershipAtRisk: eventSpec(
    z.object({
      round: z.string(),
      reason: z.enum(["declined", "not-given", "review-overdue", "evidence-lapsed"]),
      comment: z.optional(z.string()),
      items: z.optional(lapsedItems),
    }),
    (d) =>
      `Marked at risk: ${
        d.reason === "declined"
          ? `the officer did not accept the evidence (“${d.comment ?? ""}”)`
          : d.reason === "not-given"
            ? "the items were not given in time"
            : d.reason === "evidence-lapsed"
              ? `evidence lapsed without renewed evidence verified: ${lapsedWords(d.items)}`
              : "no officer reviewed the items in time"
      }`,
    (d) =>
      d.reason === "review-overdue"
        ? undefined
        : d.reason === "evidence-lapsed"
          ? `The partnership is at risk: your evidence lapsed (${lapsedWords(d.items)}) and no renewed evidence has been verified. It stays active for now; the office will be in touch.`
          : `The partnership is at risk: ${d.reason === "declined" ? `the office could not accept the checklist items (“${d.comment ?? ""}”)` : "the checklist items were not given in time"}. It stays active for now; the office will be in touch.`,
  ),
  /**
   * The lead erased the partnership's personal data: its data key was destroyed, so its sealed fields (in this
   * ledger too) read as "erased" from now on, while the chain, which holds only their ciphertext, still checks.
   */
  PersonalDataErased: eventSpec(
    /** erasedBy: the lead's subject (the user pool's id), beside the actor's email. */
    z.object({ stage: z.string(), erasedBy: z.string() }),
    (d) =>
      `The partnership's personal data was erased (at stage ${d.stage}); the key that opened it is destroyed`,
    () => "Your personal data was erased by the partnerships office",
  ),
  /** A step with no events of its own was asked for (see HumanStep.events). */
  StepRequested: eventSpec(
    stepRequestedData,
    (d) => `Step ${d.kind} requested of ${d.assignee === "partner" ? "the partner" : "an officer"}`,
  ),
  StepDecided: eventSpec(stepDecidedData, (d) => `Step ${d.kind} decided: ${d.outcome}`),
};
