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
  atRisk: "PartnershipAtRisk",
  recordWorkflowFailure: "RecordWorkflowFailure",
  workflowFailed: "WorkflowFailed",
} as const;
