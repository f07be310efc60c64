/**
 * The vetting renewal's state names: the state machine started when a waiver ends (workflows/revetting), its
 * step descriptors and its tests share them. CDK-free, like the onboarding's.
 */
export const REVETTING_STATE = {
  awaitRenewedEvidence: "AwaitRenewedEvidence",
  awaitRenewedReview: "AwaitRenewedReview",
  recordRenewal: "RecordVettingRenewed",
  renewed: "VettingRenewed",
  markAtRisk: "MarkPartnershipAtRisk",
  notGivenInTime: "MarkAtRiskNotGivenInTime",
  /** The review's time ran out: a Choice, escalating it once (another officer, or the lead), then at risk. */
  reviewTimedOut: "RenewedReviewTimedOut",
  escalateReview: "EscalateRenewedReview",
  reviewOverdue: "MarkAtRiskReviewOverdue",
  atRisk: "PartnershipAtRisk",
  recordWorkflowFailure: "RecordWorkflowFailure",
  workflowFailed: "WorkflowFailed",
} as const;

/** The execution's `reviewer`: as assigned at first; "escalated" once a review timed out. */
export const ASSIGNED = "assigned";
export const ESCALATED = "escalated";
