/**
 * The lead's erasure of a partnership's personal data: once the partnership has ended and owes nothing, a
 * PersonalDataErased event (who and when, no personal data) is appended, then its data key is destroyed. Its
 * sealed fields, in the ledger and on its items, then read as "erased"; the chain, which holds their ciphertext,
 * still verifies. Idempotent: a repeat finds the event and the erased key, and answers as the first did.
 */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import { eventDraft } from "../events/draft.ts";
import type { PersonalDataEraser } from "../ports/personal-data-keys.ts";
import type { Needs } from "./dependencies.ts";

export type ErasureResult =
  | { ok: true; erasedAt: string; already: boolean }
  | { ok: false; reason: "not-ended" | "still-finishing" | "holds-agreement"; stage: string };

export async function erasePersonalData(
  deps: Needs<"repository" | "clock"> & { eraser: PersonalDataEraser },
  id: string,
  lead: { sub: string; email: string },
): Promise<ErasureResult> {
  const partnership = await deps.repository.getPartnership(id);
  if (!partnership) throw new PartnershipNotFoundError(`No partnership ${id}`);
  const events = await deps.repository.listEvents(id);
  const earlier = events.find((e) => e.type === "PersonalDataErased");
  if (earlier) {
    // The event is there: finish destroying the key if an earlier request was cut short, and say when it was.
    await deps.eraser.erase(id, earlier.at);
    return { ok: true, erasedAt: earlier.at, already: true };
  }
  // A partnership still under way needs its people's names and addresses; an active agreement names them.
  if (!isTerminal(partnership.stage)) return { ok: false, reason: "not-ended", stage: partnership.stage };
  // An agreement was issued (a partnership that expired waiting for a signature): its PDF in the evidence bucket
  // names the signatory and is not sealed, so the key's destruction would not erase it. Refused rather than
  // answered "erased" while a name can still be read.
  if (events.some((e) => e.type === "AgreementIssued"))
    return { ok: false, reason: "holds-agreement", stage: partnership.stage };
  // Its last notice (the decline, the expiry) is still to be sent to the partner: erase after it.
  if (partnership.pending || partnership.failurePending)
    return { ok: false, reason: "still-finishing", stage: partnership.stage };
  const at = deps.clock.now().toISOString();
  await deps.repository.appendEvent(
    eventDraft(
      "PersonalDataErased",
      // The subject too: an access token (on AWS) carries no email, and the subject outlives a changed address.
      { partnershipId: id, at, actor: `lead:${lead.email || lead.sub}` },
      { stage: partnership.stage, erasedBy: lead.sub },
    ),
  );
  await deps.eraser.erase(id, at);
  return { ok: true, erasedAt: at, already: false };
}
