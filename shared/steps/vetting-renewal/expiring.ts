/**
 * The evidence a vetting renewal round asks for again because it expires within the notice window: what the
 * round's request records (`details.expiring`), its email and page say, and the review reads back.
 */
import { todayIn } from "../../domain/calendar-dates.ts";
import type { LedgerEvent } from "../../domain/ledger.ts";
import { expiresBy } from "../../domain/vetting-state.ts";
import * as z from "../../schemas/zod.ts";
import type { StepView } from "../step.ts";
import { renewalWindowEnd } from "../vetting-evidence/schema.ts";
import { vettingOf } from "../vetting-view.ts";

export const expiringSchema = z.array(
  z.object({ itemId: z.string(), title: z.string(), expiresOn: z.string() }),
);
/** An item whose verified evidence expires soon: its id, title and last valid day (YYYY-MM-DD). */
export type Expiring = z.infer<typeof expiringSchema>[number];

/** The verified items whose evidence expires within the notice window, as this round asks for them. */
export function expiringItems(view: Pick<StepView, "partnership" | "events" | "config" | "now">): Expiring[] {
  const today = todayIn(view.now ?? new Date(), view.config.TIME_ZONE);
  const until = renewalWindowEnd(view, today);
  if (until === undefined) return [];
  return vettingOf(view)
    .state.items.filter((s) => s.status === "verified" && expiresBy(s, until))
    .map((s) => ({ itemId: s.item.id, title: s.item.title, expiresOn: s.evidence?.expiresOn ?? "" }));
}

/** The expiring evidence the latest renewal round asked for (its request's details), for the officer's review. */
export function expiringAskedFor(events: readonly LedgerEvent[]): Expiring[] {
  const request = events.findLast(
    (e) => e.type === "VettingEvidenceRequested" && e.data.kind === "vetting-renewal",
  );
  const details = request?.data.details;
  const parsed = expiringSchema.safeParse(
    details && typeof details === "object" && "expiring" in details ? details.expiring : undefined,
  );
  return parsed.success ? parsed.data : [];
}
