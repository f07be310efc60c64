/** The data every human step's ledger events carry: when it was asked for, and what was decided. */
import * as z from "../schemas/zod.ts";

/** A human step opened (or its link reissued): by whom it is awaited, and until when. */
export const stepRequestedData = z.object({
  /** The step's kind (its folder under shared/steps/). */
  kind: z.string(),
  decisionId: z.string(),
  /** An officer's address, or `partner`. */
  assignee: z.string(),
  dueAt: z.string(),
  reissued: z.optional(z.boolean()),
  /** The decisions of earlier attempts that this one replaces. */
  replaces: z.optional(z.array(z.string())),
  /** What the step records of its request (the checklist version and the items asked for, say). */
  details: z.optional(z.record(z.string(), z.unknown())),
});

/** A human step decided. */
export const stepDecidedData = z.object({
  kind: z.string(),
  decisionId: z.string(),
  outcome: z.string(),
  comment: z.string(),
  /** A resubmission whose answers came too late to be a version of the intake. */
  intakeSuperseded: z.optional(z.boolean()),
  /** What the step records besides the outcome and the comment (shared/schemas/step-details.ts). */
  details: z.optional(z.record(z.string(), z.unknown())),
  /** What the decider was shown: the page's SHA-256, and the checklist's and template's versions. */
  shown: z.optional(
    z.object({
      pageSha256: z.string(),
      checklistVersion: z.optional(z.string()),
      templateVersion: z.optional(z.string()),
    }),
  ),
  /** The staff member signed in when the link was decided from a staff session: their id and email. */
  signedInAs: z.optional(z.object({ sub: z.string(), email: z.string() })),
});

/**
 * A decline recorded while the periodic review's amendment was under way (details.amendment): it declined the new
 * terms, not the partnership (workflows/review records AmendmentDeclined beside it, which tells the partner).
 */
export const declinedAmendment = (d: { details?: Readonly<Record<string, unknown>> | undefined }): boolean =>
  d.details?.amendment === true;
