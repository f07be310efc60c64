/**
 * The ledger's first event, IntakeSubmitted: the intake as the partner sent it, at the time they sent it. Written
 * by submit-intake, and by the intake sweep for an intake whose request died before it could write it
 * (beginLedger writes it only where the ledger has not begun, so the two never both write it).
 */
import type { Json } from "../domain/canonical-json.ts";
import type { EventDraft } from "../domain/ledger.ts";
import type { Intake } from "../schemas/intake.ts";

export function intakeSubmitted(partnershipId: string, intake: Intake, at: string): EventDraft {
  return {
    partnershipId,
    at,
    actor: "partner",
    type: "IntakeSubmitted",
    data: { stage: "SUBMITTED", intakeVersion: 1, intake: intake as unknown as Json },
  };
}
