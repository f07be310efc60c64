/**
 * Human step "vetting-renewal-review": an officer reviews what the partner gave once a waiver ended, or for
 * evidence that expires soon (the two alike). The
 * vetting review's page, answers and ledger events; its outcomes lead within the vetting renewal's state
 * machine, and the second button marks the partnership at risk rather than declining it.
 */
import { ESCALATED, REVETTING_STATE } from "../../../workflows/revetting/states.ts";
import { calendarDateWords } from "../../domain/calendar-dates.ts";
import type { LedgerEvent } from "../../domain/ledger.ts";
import { itemTitle } from "../../domain/vetting-checklist.ts";
import { waiversInForce } from "../../domain/vetting-state.ts";
import { assignOfficer } from "../officer-steps.ts";
import type { StepView } from "../step.ts";
import { defineStep } from "../step.ts";
import { expiringAskedFor } from "../vetting-renewal/expiring.ts";
import { step as review } from "../vetting-review/index.ts";
import { vettingReviewPage } from "../vetting-review/page.ts";
import { MAX_WAIVER_DAYS, parseVettingReview, type VettingReviewOutcome } from "../vetting-review/schema.ts";
import { vettingOf } from "../vetting-view.ts";
import { vettingRenewalReviewEmail } from "./email.ts";
import { vettingRenewalReviewWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<VettingReviewOutcome>({
  ...review,
  kind: "vetting-renewal-review",
  state: REVETTING_STATE.awaitRenewedReview,
  linkPath: "/vetting-renewal-review",
  // "escalated" once a review timed out: the state machine opens it again for someone else.
  inputs: { reviewer: "$.reviewer" },
  assignee: (view) =>
    view.inputs?.reviewer === ESCALATED
      ? assignOfficer(view, lastReviewer(view.events))
      : assignOfficer(view),
  timeout: {
    configKey: "vettingReviewDays",
    defaultDays: 7,
    description: "time an officer has to review the vetting evidence",
  },
  outcomes: {
    verify: {
      next: REVETTING_STATE.recordRenewal,
      label: "Record the review",
      done: "Recorded: the vetting is renewed, and the partner is told.",
      decided: "The renewed vetting was verified",
    },
    "request-items": {
      next: REVETTING_STATE.awaitRenewedEvidence,
      label: "Record the review",
      done: "Recorded: the partner is asked again for the items you rejected, with your reasons. You will get a new link when they answer.",
      decided: "Some items were asked for again",
    },
    decline: {
      next: REVETTING_STATE.markAtRisk,
      label: "Mark the partnership at risk",
      ends: true,
      confirm:
        "The partnership stays active, but is recorded as at risk: the partner and the office are emailed, with your comment.",
      done: "Recorded: the partnership is marked at risk, and the office and the partner are told, with your reason.",
      decided: "The partnership was marked at risk",
    },
  },
  parse: (fields, view) =>
    parseVettingReview(fields, view, "Required: say why the partnership is at risk (the partner sees it)"),
  email: vettingRenewalReviewEmail,
  page: (view) =>
    vettingReviewPage(view, {
      button: "Mark the partnership at risk…",
      commentHint:
        "Optional when you record the review; required to mark the partnership at risk. The partner sees it.",
      title: "Vetting renewal review",
      waiveLabel: `Waive it again: at most ${MAX_WAIVER_DAYS} days more (reason and end date)`,
      intro: (view) =>
        `${view.partnership.organisationName} is an active partner. ${whyAsked(view)} Verify each, ask for it again, or waive it again.`,
    }),
  waiting: vettingRenewalReviewWaiting,
});

/** Who was asked for the review last: the one whose time ran out, when it is escalated. */
function lastReviewer(events: readonly LedgerEvent[]): string[] {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === "VettingReviewRequested" && event.data.kind === "vetting-renewal-review")
      return typeof event.data.assignee === "string" ? [event.data.assignee] : [];
  }
  return [];
}

/**
 * Why the partner was asked: the waivers that ended, as the officer granted them (item, end and reason; the
 * ledger before the items came), and the evidence that expires soon (item and expiry, as the round asked).
 */
function whyAsked(view: StepView): string {
  const { checklist } = vettingOf(view);
  const before = view.events.slice(
    0,
    view.events.findLastIndex((e) => e.type === "VettingEvidenceSubmitted"),
  );
  const ended = waiversInForce(before);
  const expiring = expiringAskedFor(before);
  const reasons = [
    ...(ended.length > 0
      ? [
          `The office waived these items, and the waiver has ended: ${ended
            .map(
              (w) => `${itemTitle(checklist, w.itemId)}, until ${calendarDateWords(w.until)} (“${w.reason}”)`,
            )
            .join("; ")}.`,
        ]
      : []),
    ...(expiring.length > 0
      ? [
          `Evidence the office verified expires soon, and was asked for again: ${expiring
            .map((e) => `${e.title}, expiring ${calendarDateWords(e.expiresOn)}`)
            .join("; ")}.`,
        ]
      : []),
  ];
  return reasons.length > 0 ? reasons.join(" ") : "It was asked for the items below again.";
}
