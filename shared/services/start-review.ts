/**
 * "Start the review now" (start-review: the API, the console's button): an officer or the lead starts an
 * active partnership's periodic review at once. It is recorded (ReviewRequested: who, and the round), the
 * review's execution is started (named by the round, so that a repeat starts nothing), then the pending
 * scheduled review is cancelled (ScheduleSet null): the review's end schedules the next one.
 */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import type { Stage } from "../domain/lifecycle.ts";
import { reviewHistory, roundStartedNow, scheduledReviewOn } from "../domain/review.ts";
import type { Principal } from "../domain/staff.ts";
import { eventDraft } from "../events/draft.ts";
import type { ReviewCancellation } from "../ports/review-schedules.ts";
import type { ReviewStarter } from "../ports/workflow.ts";
import { roundOutcomeShort } from "../web/review-history.ts";
import type { Needs } from "./dependencies.ts";

export type StartReviewDeps = Needs<"repository" | "clock"> & {
  readonly reviews: ReviewStarter;
  /** Its pending schedule is removed (the function may only delete one). */
  readonly reviewSchedules: ReviewCancellation;
};

export type StartReviewResult = { ok: true; round: string } | { ok: false; stage: Stage };

/** Not ok (409) when the partnership is not active; PartnershipNotFoundError (404) when there is none. */
export async function startReviewNow(
  deps: StartReviewDeps,
  id: string,
  by: Pick<Principal, "email" | "sub">,
): Promise<StartReviewResult> {
  const p = await deps.repository.getPartnership(id);
  if (!p) throw new PartnershipNotFoundError(`No partnership ${id}`);
  if (p.stage !== "ACTIVE") return { ok: false, stage: p.stage };
  const now = deps.clock.now();
  const round = roundStartedNow(now);
  const origin = { partnershipId: id, at: now.toISOString(), actor: `staff:${by.email || by.sub}` };
  await deps.repository.appendEvent(
    eventDraft("ReviewRequested", origin, { round, requestedBy: by.email || by.sub }),
  );
  await deps.reviews.startReview(id, round);
  // After the start: a start that failed leaves the scheduled review in place. The schedule is named by its day,
  // the one the ledger records as pending.
  const pending = scheduledReviewOn(await deps.repository.listEvents(id));
  await deps.reviewSchedules.cancel(id, pending ?? undefined);
  if (pending)
    await deps.repository.appendEvent(eventDraft("ScheduleSet", origin, { kind: "review", dueOn: null }));
  return { ok: true, round };
}

/** An active partnership as the reviews page lists it: its next review's day, and its last round. */
export interface ReviewRow {
  readonly partnershipId: string;
  readonly name: string;
  readonly nextReviewOn: string | undefined;
  /** Its last round's end, in words ("Renewed", "Amendment declined"…). */
  readonly lastOutcome: string | undefined;
}

/** The active partnerships, the soonest review first (those with none scheduled last). */
export async function activePartnershipsForReview(deps: Needs<"repository">): Promise<ReviewRow[]> {
  const active = await deps.repository.listAtStage("ACTIVE");
  const rows = await Promise.all(
    active.map(async (p) => {
      const events = await deps.repository.listEvents(p.id);
      return {
        partnershipId: p.id,
        name: p.organisationName,
        nextReviewOn: scheduledReviewOn(events) ?? undefined,
        lastOutcome: roundOutcomeShort(reviewHistory(events).at(-1)),
      };
    }),
  );
  return rows.sort((a, b) => (a.nextReviewOn ?? "9999").localeCompare(b.nextReviewOn ?? "9999"));
}
