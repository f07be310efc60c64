/**
 * The journeys the bench counts and times, each a sequence of the steps in journey-steps.ts with its budgets:
 * the approve journey (timed too), and the whole onboarding to ACTIVE.
 */
import { agreementTerms, checklistAnswers, verifyAll } from "../fixtures/onboarding-answers.ts";
import {
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
  /** Runs one journey to its end; `tag` makes its organisation's name unique. */
  run(ctx: JourneyContext, tag: string): Promise<JourneyRun>;
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

export const ONBOARD: JourneyDefinition = {
  name: "onboarding",
  description:
    "intake to ACTIVE, each step once: approval, vetting checklist, its review, the signatory's confirmation, " +
    "the terms, the signature, the countersignature, the certificate",
  // Issue 11.
  budgets: { maxStateTransitions: 30, maxCostUsd: 0.003 },
  async run(ctx, tag) {
    const applicant = await submitIntake(ctx, `Bench Onboarding ${tag}`);
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
    const checklist = checklistAnswers();
    await step(STRETCH.approval, applicant.contactEmail, "/vetting", { action: "send", ...checklist });
    await step(STRETCH.checklist, ctx.officers, "/vetting-review", verifyAll(checklist));
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
    return { decisionPostMs: posts };
  },
};

/** Every journey the bench counts, in the order it prints them. */
export const COUNTED_JOURNEYS: readonly JourneyDefinition[] = [APPROVE, ONBOARD];
