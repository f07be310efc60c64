/**
 * The ledger events of a partnership that ends before its time (issue 13): the partner withdraws from its status
 * page, or the office lead terminates it. Each is appended with the StageChanged that records the move, in the
 * same owed write (shared/services/end-partnership.ts).
 */
import * as z from "../schemas/zod.ts";
import { eventSpec } from "./define.ts";

export const LEAVING_EVENTS = {
  /**
   * The partner withdrew, with its reason and its deliberate confirmation ("I understand this ends …"). The
   * reason is the organisation's free text, like every other answer and comment it gives, and is not sealed:
   * the form asks that it name no one.
   */
  PartnershipWithdrawn: eventSpec(
    z.object({ reason: z.string(), confirmedAt: z.string() }),
    (d) => `The partner withdrew from the partnership (“${d.reason}”)`,
    () => "You withdrew from the partnership. Its open steps are closed, and nothing more is asked of you.",
  ),
  /** The office lead terminated the partnership, with its reason (which the partner is emailed). */
  PartnershipTerminated: eventSpec(
    z.object({ reason: z.string(), terminatedBy: z.string() }),
    (d) => `The office lead terminated the partnership (“${d.reason}”)`,
    (d) => `The office ended the partnership. The reason given: “${d.reason}”`,
  ),
};
