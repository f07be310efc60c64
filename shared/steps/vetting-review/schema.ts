/**
 * The officer's review of the vetting evidence, as posted: a verdict on each item sent (verified; asked for
 * again, with a reason; or waived for now, with a reason and an end at most 90 days away), or the partnership
 * declined. The outcome follows from the verdicts: any item asked for again goes back to the partner.
 */

import { addDays, isCalendarDate, todayIn } from "../../domain/calendar-dates.ts";
import type { Json } from "../../domain/canonical-json.ts";
import { itemsToReview } from "../../domain/vetting-state.ts";
import { freeText } from "../../schemas/free-text.ts";
import type { ItemVerdict } from "../../schemas/step-details.ts";
import type { FieldError } from "../../schemas/validation.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import { declineOr } from "../officer-steps.ts";
import type { ParsedAnswer, StepView } from "../step.ts";
import { itemField, vettingOf } from "../vetting-view.ts";

export const VETTING_REVIEW_OUTCOMES = ["verify", "request-items", "decline"] as const;
export type VettingReviewOutcome = (typeof VETTING_REVIEW_OUTCOMES)[number];

/** The longest a conditional start may last. */
export const MAX_WAIVER_DAYS = 90;
const reasonText = freeText(1, 1000);

export function parseVettingReview(
  fields: FormFields,
  view: StepView,
  missingReason?: string,
): ParsedAnswer<VettingReviewOutcome> {
  const read = declineOr(fields, "record", missingReason);
  if ("ok" in read) return read;
  const { comment } = read;
  const today = todayIn(view.now ?? new Date(), view.config.TIME_ZONE);
  const latest = addDays(today, MAX_WAIVER_DAYS);
  const errors: FieldError[] = [];
  const verdicts: ItemVerdict[] = [];
  for (const { item } of itemsToReview(vettingOf(view).state)) {
    const verdict = firstValue(fields[itemField(item.id, "verdict")]);
    const reasonField = itemField(item.id, "reason");
    const reason = reasonText.safeParse(firstValue(fields[reasonField]) ?? "");
    if (verdict === "verified") {
      verdicts.push({ itemId: item.id, verdict });
    } else if (verdict === "rejected" || verdict === "waived") {
      if (!reason.success)
        errors.push({ field: reasonField, message: "Required: give the reason, which the partner sees" });
      const untilField = itemField(item.id, "until");
      const until = firstValue(fields[untilField])?.trim() ?? "";
      if (verdict === "waived") {
        if (!isCalendarDate(until))
          errors.push({ field: untilField, message: "Enter the waiver's last day as YYYY-MM-DD" });
        else if (until <= today)
          errors.push({ field: untilField, message: "The waiver must end after today" });
        else if (until > latest)
          errors.push({
            field: untilField,
            message: `A waiver lasts at most ${MAX_WAIVER_DAYS} days: end it by ${latest}`,
          });
      }
      if (reason.success)
        verdicts.push({
          itemId: item.id,
          verdict,
          reason: reason.data,
          ...(verdict === "waived" ? { waivedUntil: until } : {}),
        });
    } else {
      errors.push({ field: itemField(item.id, "verdict"), message: "Required: verify, ask again or waive" });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const outcome = verdicts.some((v) => v.verdict === "rejected") ? "request-items" : "verify";
  return { ok: true, answer: { outcome, comment, details: { verdicts: verdicts as unknown as Json[] } } };
}
