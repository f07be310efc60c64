/**
 * The journeys the bench counts and times, each a sequence of the steps in journey-steps.ts with its budgets:
 * the approve journey (timed too), the whole onboarding to ACTIVE, the vetting renewal when a waiver ends, and
 * the periodic review renewed.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { addDays, todayIn } from "#shared/domain/calendar-dates.ts";
import { reviewExecutionName } from "#shared/domain/review.ts";
import { CLOCK_OFFSET_ENV } from "#shared/ports/clock.ts";
import { agreementTerms, checklistAnswers, verifyAll } from "../fixtures/onboarding-answers.ts";
import {
  type Applicant,
  decideByLink,
  endsAt,
  hiddenField,
  type JourneyContext,
  linkFromMail,
  showsStage,
  submitIntake,
} from "./journey-steps.ts";

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
  /** What the journey starts from, made before it is counted (a partnership already active, say). */
  setUp?(ctx: JourneyContext, tag: string): Promise<Applicant>;
  /** Runs one journey to its end; `tag` makes its organisation's name unique; `from` is setUp's. */
  run(ctx: JourneyContext, tag: string, from?: Applicant): Promise<JourneyRun>;
}

const APPROVAL = { noConflict: "yes", outcome: "approve" };

/** The stretches of the onboarding: a person's decision (GET, POST), and the workflow until it asks the next. */
const STRETCH = {
  intake: "intake, until the officer is asked to review it",
  approval: "approval, until the partner is asked for the checklist",
  checklist: "checklist sent, until an officer is asked to review it",
  vetted: "vetting verified, until the signatory is asked to confirm",
  authority: "authority confirmed, until an officer is asked for the terms",
  terms: "terms set, agreement issued as PDF, until the signatory is asked to sign",
  signed: "signed, until another officer is asked to countersign",
  countersigned: "countersigned, certificate made and both parties emailed: ACTIVE",
} as const;

export const APPROVE: JourneyDefinition = {
  name: "approve",
  description: "intake, the officer approves, VETTING: the partner is sent the vetting checklist",
  // Issue 10: not above the 30 requests it took before the human steps became step folders. The journey then
  // ended at the approval; since issue 11 the workflow goes on to open the vetting checklist (counted here).
  budgets: { maxDynamoDbRequests: 30 },
  async run(ctx, tag) {
    const applicant = await submitIntake(ctx, `Bench Partner ${tag}`);
    const link = await linkFromMail(ctx, applicant, ctx.officers, "/decisions");
    await ctx.mark?.(STRETCH.intake);
    const approveMs = await decideByLink(ctx, link, APPROVAL);
    await linkFromMail(ctx, applicant, applicant.contactEmail, "/vetting");
    await showsStage(applicant, "VETTING");
    await ctx.mark?.(`${STRETCH.approval}, the status page read`);
    return { decisionPostMs: [approveMs] };
  },
};

/** A signature's intent and typed name, over the hash of the agreement's version the page shows. */
const signature = (page: string, fullName: string) => ({
  intent: "yes",
  fullName,
  documentSha256: hiddenField(page, "documentSha256"),
});

/**
 * Intake to ACTIVE, each step once, the vetting reviewed with `review`'s verdicts; the time of each decision's
 * POST.
 */
async function onboard(
  ctx: JourneyContext,
  organisation: string,
  review: Record<string, string>,
): Promise<{ applicant: Applicant; posts: number[] }> {
  const applicant = await submitIntake(ctx, organisation);
  const { signatory } = applicant;
  const posts: number[] = [];
  /** The stretch that asked this person ends with their mail; their decision starts the next one. */
  const step = async (
    stretch: string,
    to: string | RegExp,
    path: string,
    fields: Parameters<typeof decideByLink>[2],
  ) => {
    const link = await linkFromMail(ctx, applicant, to, path);
    await ctx.mark?.(stretch);
    posts.push(await decideByLink(ctx, link, fields));
  };

  await step(STRETCH.intake, ctx.officers, "/decisions", APPROVAL);
  await step(STRETCH.approval, applicant.contactEmail, "/vetting", { action: "send", ...checklistAnswers() });
  await step(STRETCH.checklist, ctx.officers, "/vetting-review", review);
  // The signatory's email is at the organisation's domain: no officer needs to verify the authority.
  await step(STRETCH.vetted, signatory.email, "/authority", {
    action: "confirm",
    name: signatory.name,
    title: signatory.title,
    authority: "yes",
  });
  await step(STRETCH.authority, ctx.officers, "/agreement", {
    ...agreementTerms(),
    noConflict: "yes",
    outcome: "issue",
  });
  await step(STRETCH.terms, signatory.email, "/sign", (page) => ({
    action: "sign",
    consent: "yes",
    ...signature(page, signatory.name),
  }));
  // Another officer than the vetting's (segregation of duties), on the same document hash.
  await step(STRETCH.signed, ctx.officers, "/countersign", (page) => ({
    ...signature(page, "Morgan Lee"),
    noConflict: "yes",
    outcome: "countersign",
  }));
  await endsAt(ctx, applicant, "ACTIVE");
  await ctx.mark?.(`${STRETCH.countersigned}, the status page read`);
  return { applicant, posts };
}

export const ONBOARD: JourneyDefinition = {
  name: "onboarding",
  description:
    "intake to ACTIVE, each step once: approval, vetting checklist, its review, the signatory's confirmation, " +
    "the terms, the signature, the countersignature, the certificate",
  // Issue 11.
  budgets: { maxStateTransitions: 30, maxCostUsd: 0.003 },
  async run(ctx, tag) {
    const { posts } = await onboard(ctx, `Bench Onboarding ${tag}`, verifyAll(checklistAnswers()));
    return { decisionPostMs: posts };
  },
};

/** The waiver's end, in the office's time zone (the runtime's default config): tomorrow. */
const waiverEnd = () => addDays(todayIn(new Date(), "America/Toronto"), 1);

export const RENEWAL: JourneyDefinition = {
  name: "vetting renewal",
  description:
    "a waiver ends on an active partnership: the sweep starts the renewal, the partner gives the waived item, " +
    "an officer verifies it, the partner is told",
  // No budget named by an issue: reported for what it costs.
  budgets: {},
  async setUp(ctx, tag) {
    const review = {
      ...verifyAll(checklistAnswers()),
      "references.verdict": "waived",
      "references.reason": "Referees are away",
      "references.until": waiverEnd(),
    };
    return (await onboard(ctx, `Bench Renewal ${tag}`, review)).applicant;
  },
  async run(ctx, _tag, from) {
    if (!from) throw new Error("the renewal starts from an active partnership with a waiver (setUp)");
    const partnershipId = from.executionArn.split(":").at(-1) ?? "";
    const machine = ctx.journey.runtime.model.stateMachines.find((m) =>
      m.logicalId.startsWith("VettingRenewal"),
    );
    if (!machine) throw new Error("the runtime has no vetting renewal state machine");
    const renewal: Applicant = {
      ...from,
      executionArn: `${machine.arn.replace(":stateMachine:", ":execution:")}:${partnershipId}-${addDays(waiverEnd(), 1)}`,
    };
    // Two days past the waiver's end; the hourly sweep, invoked as its schedule would.
    process.env[CLOCK_OFFSET_ENV] = "2";
    try {
      const report = (await ctx.journey.runtime.lambda.invoke("start-vetting-renewals", {})) as {
        started?: number;
      };
      if (report.started !== 1) throw new Error(`the sweep started ${report.started} renewals, not 1`);
      const posts: number[] = [];
      const asked = await linkFromMail(ctx, renewal, renewal.contactEmail, "/vetting-renewal");
      await ctx.mark?.("the sweep starts the renewal, until the partner is asked for the waived item");
      posts.push(await decideByLink(ctx, asked, { action: "send", ...checklistAnswers() }));
      const review = await linkFromMail(ctx, renewal, ctx.officers, "/vetting-renewal-review");
      await ctx.mark?.("the item sent, until an officer is asked to review it");
      posts.push(
        await decideByLink(ctx, review, {
          "references.verdict": "verified",
          noConflict: "yes",
          outcome: "record",
        }),
      );
      const { status } = await ctx.journey.runtime.stepFunctions.waitForExecution(renewal.executionArn, {
        timeoutMs: 30_000,
      });
      if (status !== "SUCCEEDED") throw new Error(`the renewal ended ${status}`);
      await showsStage(renewal, "ACTIVE");
      await ctx.mark?.("verified: the renewal recorded and the partner told, still ACTIVE");
      return { decisionPostMs: posts };
    } finally {
      delete process.env[CLOCK_OFFSET_ENV];
    }
  },
};

/** The review's day, in the office's time zone: today (its schedule is moved there before the journey). */
const reviewDay = () => todayIn(new Date(), "America/Toronto");

export const REVIEW: JourneyDefinition = {
  name: "review (renew)",
  description:
    "an active partnership's scheduled review falls due: the partner's self-assessment, an officer renews, " +
    "the next review scheduled",
  // No budget named by an issue: reported for what it costs.
  budgets: {},
  async setUp(ctx, tag) {
    const { applicant } = await onboard(ctx, `Bench Review ${tag}`, verifyAll(checklistAnswers()));
    // Activation scheduled the review a year on: its day comes now (the table's item, as the runtime keeps it).
    const partnershipId = applicant.executionArn.split(":").at(-1) ?? "";
    const repository = new DynamoDbPartnershipRepository(
      createDocumentClient(new DynamoDBClient({ endpoint: ctx.journey.runtime.urls.dynamodb })),
      ctx.journey.runtime.model.tables[0]?.tableName ?? "partnerflow",
    );
    await repository.setSchedule(partnershipId, "review", reviewDay(), new Date().toISOString());
    return applicant;
  },
  async run(ctx, _tag, from) {
    if (!from) throw new Error("the review starts from an active partnership (setUp)");
    const partnershipId = from.executionArn.split(":").at(-1) ?? "";
    const machine = ctx.journey.runtime.model.stateMachines.find((m) => m.logicalId.startsWith("Review"));
    const scheduler = ctx.journey.runtime.reviewScheduler;
    if (!machine || !scheduler) throw new Error("the runtime has no review state machine");
    const review: Applicant = {
      ...from,
      executionArn: `${machine.arn.replace(":stateMachine:", ":execution:")}:${reviewExecutionName(partnershipId, reviewDay())}`,
    };
    // As EventBridge Scheduler would on its day (locally, the runtime's scheduler over the table).
    const report = await scheduler.run();
    if (report.started !== 1) throw new Error(`the scheduler started ${report.started} reviews, not 1`);
    const posts: number[] = [];
    const asked = await linkFromMail(ctx, review, review.contactEmail, "/review");
    await ctx.mark?.("the review falls due, until the partner is asked for the self-assessment");
    posts.push(
      await decideByLink(ctx, asked, {
        action: "send",
        "o0.rating": "met",
        "o0.evidence": "Thirty students mentored",
      }),
    );
    const evaluation = await linkFromMail(ctx, review, ctx.officers, "/review-evaluation");
    await ctx.mark?.("the self-assessment sent, until an officer is asked to evaluate it");
    posts.push(await decideByLink(ctx, evaluation, { noConflict: "yes", outcome: "renew" }));
    const { status } = await ctx.journey.runtime.stepFunctions.waitForExecution(review.executionArn, {
      timeoutMs: 30_000,
    });
    if (status !== "SUCCEEDED") throw new Error(`the review ended ${status}`);
    await showsStage(review, "ACTIVE");
    await ctx.mark?.("renewed: back to ACTIVE, the next review scheduled and the partner told");
    return { decisionPostMs: posts };
  },
};

/** Every journey the bench counts, in the order it prints them. */
export const COUNTED_JOURNEYS: readonly JourneyDefinition[] = [APPROVE, ONBOARD, RENEWAL, REVIEW];
