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
  /** The partner's time ran out: the lead is told (workflows/timeout-branch.ts), then at risk. */
  tellLeadNotGiven: "TellLeadRenewalNotGiven",
  notGivenInTime: "MarkAtRiskNotGivenInTime",
  /** The review's time ran out: a Choice, escalating it once (another officer, or the lead), then at risk. */
  reviewTimedOut: "RenewedReviewTimedOut",
  escalateReview: "EscalateRenewedReview",
  /** The escalated review's time ran out too: the lead is told, then at risk. */
  tellLeadReviewOverdue: "TellLeadRenewedReviewOverdue",
  reviewOverdue: "MarkAtRiskReviewOverdue",
  atRisk: "PartnershipAtRisk",
  recordWorkflowFailure: "RecordWorkflowFailure",
  workflowFailed: "WorkflowFailed",
} as const;

/** The execution's `reviewer`: as assigned at first; "escalated" once a review timed out. */
export const ASSIGNED = "assigned";
export const ESCALATED = "escalated";
