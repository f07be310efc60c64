/** The ledger events of the agreement's completion: the certificate made, and the signed copies sent. */
import * as z from "../schemas/zod.ts";
import { eventSpec } from "./define.ts";

export const agreementCompletedData = z.object({
  version: z.number(),
  /** The agreement's PDF, as signed. */
  sha256: z.string(),
  /** The completion certificate (its canonical JSON, and its PDF); absent for a paper signing. */
  certificateSha256: z.optional(z.string()),
  certificatePdfSha256: z.optional(z.string()),
  /** Signed on paper: where the copies are filed. */
  paperReference: z.optional(z.string()),
});

export const AGREEMENT_EVENTS_SPEC = {
  AgreementCompleted: eventSpec(
    agreementCompletedData,
    (d) =>
      d.paperReference
        ? `Agreement version ${d.version} (SHA-256 ${d.sha256}) was completed on paper (${d.paperReference})`
        : `Agreement version ${d.version} (SHA-256 ${d.sha256}) was completed; certificate SHA-256 ${d.certificateSha256 ?? ""}`,
    () => "The agreement is signed by both parties",
  ),
  AgreementDelivered: eventSpec(
    z.object({ version: z.number(), recipients: z.number(), attachments: z.array(z.string()) }),
    (d) =>
      `The signed agreement (version ${d.version}) was emailed to ${d.recipients} recipients with ${d.attachments.join(", ")}`,
    () => "The signed agreement and its certificate were emailed to you",
  ),
};
