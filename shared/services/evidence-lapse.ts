/**
 * Required vetting evidence that lapsed (issue 13): when the "evidence-lapse" schedule falls due (the day after
 * the soonest expiry among the evidence in force), the sweep (functions/start-vetting-renewals) looks at the
 * ledger: evidence renewed and verified since has a new expiry date, and nothing happens; evidence that lapsed
 * marks the partnership at risk (PartnershipAtRisk, `evidence-lapsed`, with the items), and the partner and the
 * office are told, once per lapse. A renewal round still running goes on: its verified evidence later records
 * VettingRenewed as usual. Then the schedule moves on to the next evidence in force that expires, if any.
 */
import { checklistOf } from "../config/vetting-checklist.ts";
import { todayIn } from "../domain/calendar-dates.ts";
import { EVIDENCE_LAPSED, evidenceLapseDueOn, lapsedEvidence } from "../domain/evidence-expiry.ts";
import { newId } from "../domain/ids.ts";
import { isTerminal } from "../domain/lifecycle.ts";
import type { PendingEffects } from "../domain/pending-effects.ts";
import { itemTitle } from "../domain/vetting-checklist.ts";
import { pinnedChecklistVersion } from "../domain/vetting-state.ts";
import { eventDraft } from "../events/draft.ts";
import type { DueSchedule } from "../ports/partnership-repository.ts";
import type { Needs } from "./dependencies.ts";
import { setRecordedSchedule } from "./evidence-schedules.ts";
import { notifier } from "./notices.ts";
import { loadSettled, settle } from "./pending-effects.ts";

/** Who records what the sweep finds: the scheduled function, outside any workflow. */
export const SWEEP_ACTOR = "system:start-vetting-renewals";

/** What one look found: evidence lapsed and marked, nothing lapsed (renewed since), or a partnership ended. */
export type LapseCheck = "marked" | "none" | "dropped";

export async function checkLapsedEvidence(
  deps: Needs<"repository" | "clock" | "mailer" | "config">,
  schedule: DueSchedule,
): Promise<LapseCheck> {
  const id = schedule.partnershipId;
  const now = deps.clock.now();
  const at = now.toISOString();
  const today = todayIn(now, deps.config.TIME_ZONE);
  const paying = { repository: deps.repository, notify: notifier(deps) };
  // What an earlier step still owes is paid first, so that this one's effects can be stored.
  const found = await loadSettled(paying, id);
  if (!found || isTerminal(found.partnership.stage)) {
    await deps.repository.clearSchedule(schedule, at);
    return "dropped";
  }
  const { partnership: p, seenSeq, head } = found;
  let events = await deps.repository.listEvents(id);
  const lapsed = lapsedEvidence(events, today);
  if (lapsed.length > 0) {
    const checklist = checklistOf(pinnedChecklistVersion(events));
    const items = lapsed.map((l) => ({ ...l, title: itemTitle(checklist, l.itemId) }));
    const pending: PendingEffects = {
      id: newId(now),
      afterSeq: seenSeq,
      events: [
        eventDraft(
          "PartnershipAtRisk",
          { partnershipId: id, at, actor: SWEEP_ACTOR },
          { round: schedule.dueOn, reason: EVIDENCE_LAPSED, items },
        ),
      ],
      notice: {
        kind: "at-risk",
        reason: EVIDENCE_LAPSED,
        lapsed: items.map(({ title, expiresOn }) => ({ title, expiresOn })),
      },
    };
    // Refused when an earlier run marked this lapse (and the settle above paid what it still owed).
    if (
      await deps.repository.setPendingOnce(id, `${EVIDENCE_LAPSED}_${schedule.dueOn}`, at, "pending", pending)
    )
      await settle(paying, p, "pending", pending, head);
    events = await deps.repository.listEvents(id);
  }
  // On to the next evidence in force that expires, or none.
  await setRecordedSchedule(deps, id, "evidence-lapse", evidenceLapseDueOn(events), events, {
    actor: SWEEP_ACTOR,
  });
  return lapsed.length > 0 ? "marked" : "none";
}
