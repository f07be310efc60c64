/**
 * Human step "review-evaluation": an officer evaluates the periodic review, with the partner's self-assessment
 * and the agreement's outcomes side by side: renew (the next review scheduled), amend (a new version of the
 * agreement through the signing steps) or terminate (a reason, confirmed; the partner is told). Its timeout
 * opens it once more for another officer (or the lead), then for the lead, telling the office each time.
 */
import { REVIEW_STATE, REVIEWER } from "../../../workflows/review/states.ts";
import { calendarDateWords, todayIn } from "../../domain/calendar-dates.ts";
import type { LedgerEvent } from "../../domain/ledger.ts";
import { nextReviewDueOn, reviewCadenceMonths } from "../../domain/review.ts";
import { assignOfficer } from "../officer-steps.ts";
import { defineStep, type StepView } from "../step.ts";
import { evaluationEmail } from "./email.ts";
import { evaluationPage } from "./page.ts";
import { type EvaluationOutcome, parseEvaluation } from "./schema.ts";
import { evaluationWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<EvaluationOutcome>({
  kind: "review-evaluation",
  state: REVIEW_STATE.awaitEvaluation,
  asked: "officer",
  // Who evaluates: the workflow's `review.reviewer` (assigned, escalated once it timed out, then the lead).
  inputs: { reviewer: "$.review.reviewer" },
  assignee: (view) => {
    const reviewer = view.inputs?.reviewer;
    if (reviewer === REVIEWER.lead && view.config.LEAD_EMAIL) return view.config.LEAD_EMAIL;
    return reviewer === REVIEWER.escalated
      ? assignOfficer(view, lastEvaluator(view.events))
      : assignOfficer(view);
  },
  linkPath: "/review-evaluation",
  timeout: {
    configKey: "reviewEvaluationDays",
    defaultDays: 7,
    description: "time an officer has to evaluate the periodic review",
  },
  outcomes: {
    renew: {
      next: REVIEW_STATE.recordRenewal,
      label: "Renew",
      done: "Recorded: the partnership is renewed, the next review is scheduled, and the partner is told.",
      doneDetail: nextReviewWords,
      decided: "The partnership was renewed",
    },
    amend: {
      next: REVIEW_STATE.startAmendment,
      label: "Amend the agreement",
      done: "Recorded: a new version of the agreement is to be prepared and signed again; the terms' link comes next.",
      decided: "An amendment of the agreement was asked for",
    },
    terminate: {
      next: REVIEW_STATE.terminate,
      label: "Terminate the partnership",
      ends: true,
      confirm: "The partnership is terminated for good: the partner is emailed, with your reason.",
      done: "Recorded: the partnership is terminated, and the partner is told, with your reason.",
      decided: "The partnership was terminated",
    },
  },
  events: { requested: "ReviewEvaluationRequested", decided: "ReviewEvaluated" },
  readsLedger: true,
  // The agreement in force, beside the self-assessment (`<link>/agreement.pdf`).
  documents: "agreement",
  email: evaluationEmail,
  page: evaluationPage,
  initialValues: () => ({}),
  parse: parseEvaluation,
  waiting: evaluationWaiting,
});

/**
 * The next review's day as the renewal will record it: the agreement's cadence (else the deployment's) from the
 * office's today. Undefined without the time of deciding.
 */
function nextReviewWords(view: StepView): string | undefined {
  if (!view.now) return undefined;
  const today = todayIn(view.now, view.config.TIME_ZONE);
  const due = nextReviewDueOn(today, reviewCadenceMonths(view.events, view.config.REVIEW_CADENCE_MONTHS));
  return `The next review is due ${calendarDateWords(due)}.`;
}

/** Who was asked to evaluate last: the one whose time ran out, when it is escalated. */
function lastEvaluator(events: readonly LedgerEvent[]): string[] {
  const asked = events.findLast((e) => e.type === "ReviewEvaluationRequested");
  return typeof asked?.data.assignee === "string" ? [asked.data.assignee] : [];
}
