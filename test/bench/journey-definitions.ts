/**
 * The journeys the bench counts and times, each a sequence of the steps in journey-steps.ts with its budgets.
 * A longer journey (onboarding to ACTIVE) is one more definition here: the counting and the cost take any.
 */
import { decideByLink, endsAt, type JourneyContext, linkFromMail, submitIntake } from "./journey-steps.ts";

/** Budgets on one journey's counts; a count without one is reported for information. */
export interface JourneyBudgets {
  readonly maxDynamoDbRequests?: number;
  readonly maxStateTransitions?: number;
  readonly maxCostUsd?: number;
}

export interface JourneyRun {
  /** The time of each human step's POST, in ms. */
  readonly decisionPostMs: readonly number[];
}

export interface JourneyDefinition {
  /** Short, for the table: "approve". */
  readonly name: string;
  readonly description: string;
  readonly budgets: JourneyBudgets;
  /** Runs one journey to its end; `tag` makes its organisation's name unique. */
  run(ctx: JourneyContext, tag: string): Promise<JourneyRun>;
}

export const APPROVE: JourneyDefinition = {
  name: "approve",
  description: "intake, the officer approves, VETTING",
  // Issue 10: not above the 30 requests it took before the human steps became step folders.
  budgets: { maxDynamoDbRequests: 30 },
  async run(ctx, tag) {
    const applicant = await submitIntake(ctx, `Bench Partner ${tag}`);
    const link = await linkFromMail(ctx, applicant, ctx.officer, "/decisions");
    const approveMs = await decideByLink(ctx, link, { noConflict: "yes", outcome: "approve" });
    await endsAt(ctx, applicant, "VETTING");
    return { decisionPostMs: [approveMs] };
  },
};

/** Every journey the bench counts, in the order it prints them. */
export const COUNTED_JOURNEYS: readonly JourneyDefinition[] = [APPROVE];
