/**
 * The periodic review's state names: its state machine (workflows/review), its step descriptors and its tests
 * share them. CDK-free, like the onboarding's. An amendment goes through the onboarding's signing steps, whose
 * outcomes name the onboarding's states: the review's machine has states of those very names
 * (AMENDMENT_STATES).
 */
import { STATE } from "../onboarding/states.ts";

export const REVIEW_STATE = {
  beginReview: "BeginReview",
  routeBegun: "RouteReviewBegun",
  notStarted: "ReviewNotStarted",
  awaitSelfAssessment: "AwaitSelfAssessment",
  awaitEvaluation: "AwaitReviewEvaluation",
  recordRenewal: "RecordReviewRenewed",
  renewed: "ReviewRenewed",
  startAmendment: "StartAmendment",
  terminate: "TerminateAfterReview",
  terminated: "Terminated",
  selfAssessmentOverdue: "TellLeadSelfAssessmentOverdue",
  expireReview: "ExpireReview",
  reviewExpired: "ReviewExpired",
  /** The evaluation's time ran out: a Choice, escalating it once (another officer, or the lead), then the lead's. */
  evaluationTimedOut: "ReviewEvaluationTimedOut",
  escalateEvaluation: "EscalateReviewEvaluation",
  evaluationOverdue: "TellOfficeEvaluationOverdue",
  openForLead: "OpenEvaluationForLead",
  /** The lead's own turn ran out: the evaluation fails into the failure task (NEEDS_ATTENTION). */
  leadEvaluationOverdue: "FailLeadEvaluationOverdue",
  /** BeginReview failed: `$.review` set (as assigned) for the failure task, which carries its reviewer. */
  noteReviewNotBegun: "NoteReviewNotBegun",
  recordWorkflowFailure: "RecordWorkflowFailure",
  workflowFailed: "WorkflowFailed",
} as const;

/** The onboarding's states the amendment goes through, by the same names (the signing steps' outcomes name them). */
export const AMENDMENT_STATES = {
  awaitAgreementTerms: STATE.awaitAgreementTerms,
  issueAgreement: STATE.issueAgreement,
  completeAgreement: STATE.completeAgreement,
  activatePartnership: STATE.activatePartnership,
  deliverAgreement: STATE.deliverAgreement,
  active: STATE.active,
  declinePartnership: STATE.declinePartnership,
  /** The amendment declined: the end where the partnership is active again on the agreement in force. */
  amendmentDeclined: "AmendmentDeclined",
  tellLeadOfTimeout: STATE.tellLeadOfTimeout,
  /** A signing step of the amendment timed out (the lead told): ACTIVE again on the agreement in force. */
  lapseAmendment: "LapseAmendment",
  amendmentLapsed: "AmendmentLapsed",
} as const;

/** The execution's `reviewer`: as assigned at first; "escalated" once the evaluation timed out; then "lead". */
export const REVIEWER = { assigned: "assigned", escalated: "escalated", lead: "lead" } as const;
