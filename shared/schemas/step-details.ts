/**
 * What the onboarding's later steps record in their ledger events besides the outcome and the comment (the
 * `details` of a step's decided event): the partner's evidence, the officer's verdicts, the signatory, the
 * agreement's terms and the signatures. The ledger folds (shared/domain/*-state.ts) read them back with these
 * schemas, so a malformed event is skipped rather than trusted.
 */
import * as z from "./zod.ts";

export const storedDocumentSchema = z.object({
  sha256: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
});
/** A stored document as the ledger records it: its SHA-256 (its address), name, type and size. */
export type StoredDocumentDetails = z.infer<typeof storedDocumentSchema>;

/** What the partner gave for one checklist item. */
export const itemEvidenceSchema = z.object({
  itemId: z.string(),
  kind: z.enum(["declaration", "evidence"]),
  issuer: z.optional(z.string()),
  number: z.optional(z.string()),
  amount: z.optional(z.string()),
  /** YYYY-MM-DD. */
  expiresOn: z.optional(z.string()),
  document: z.optional(storedDocumentSchema),
});
export type ItemEvidence = z.infer<typeof itemEvidenceSchema>;

export const vettingSubmissionSchema = z.object({
  checklistVersion: z.string(),
  items: z.array(itemEvidenceSchema),
});

export const itemVerdictSchema = z.object({
  itemId: z.string(),
  verdict: z.enum(["verified", "rejected", "waived"]),
  reason: z.optional(z.string()),
  /** The waiver's last day (YYYY-MM-DD): the item is asked for again after it. */
  waivedUntil: z.optional(z.string()),
});
export type ItemVerdict = z.infer<typeof itemVerdictSchema>;

export const vettingReviewSchema = z.object({ verdicts: z.array(itemVerdictSchema) });

export const personRoleSchema = z.object({ name: z.string(), title: z.string(), email: z.string() });
export type PersonRole = z.infer<typeof personRoleSchema>;

export const signatoryConfirmedSchema = z.object({
  signatory: personRoleSchema,
  evidence: z.optional(z.string()),
  /** Why an officer must verify the authority (signatory-authority.ts); empty when none. */
  checkReasons: z.array(z.string()),
});

export const delegatedSchema = z.object({ delegate: personRoleSchema });

export const agreementTermsSetSchema = z.object({
  templateVersion: z.string(),
  terms: z.record(z.string(), z.unknown()),
});

/** One signature's evidence: who, when, from where, on which document. */
export const signatureSchema = z.object({
  role: z.enum(["partner", "office"]),
  name: z.string(),
  title: z.optional(z.string()),
  email: z.string(),
  signedAt: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  agreementVersion: z.number(),
  documentSha256: z.string(),
  consentToElectronicRecords: z.optional(z.boolean()),
});
export type SignatureEvidence = z.infer<typeof signatureSchema>;

export const signedSchema = z.object({ signature: signatureSchema });

/** Reads a step event's details with a schema; undefined when absent or not of that shape. */
export function detailsOf<S extends z.ZodMiniType>(
  schema: S,
  data: { readonly [key: string]: unknown },
): z.infer<S> | undefined {
  const parsed = schema.safeParse(data.details);
  return parsed.success ? parsed.data : undefined;
}
