/**
 * The onboarding state machine's state names: the vocabulary shared by the definition, the step descriptors,
 * tests, the ledger and the auditor's diagram. CDK-free, so that handlers and tests can import it.
 */
export const STATE = {
  assessNeeds: "AssessNeeds",
  awaitOfficerDecision: "AwaitOfficerDecision",
  routeOfficerDecision: "RouteOfficerDecision",
  awaitPartnerResubmission: "AwaitPartnerResubmission",
  approveForVetting: "ApproveForVetting",
  awaitVettingEvidence: "AwaitVettingEvidence",
  awaitVettingReview: "AwaitVettingReview",
  confirmVetting: "ConfirmVetting",
  awaitSignatoryConfirmation: "AwaitSignatoryConfirmation",
  awaitAuthorityVerification: "AwaitAuthorityVerification",
  prepareForSigning: "PrepareForSigning",
  awaitAgreementTerms: "AwaitAgreementTerms",
  issueAgreement: "IssueAgreementForSigning",
  awaitPartnerSignature: "AwaitPartnerSignature",
  awaitCountersignature: "AwaitCountersignature",
  awaitPaperAgreement: "AwaitPaperAgreement",
  completeAgreement: "CertifyAgreement",
  deliverAgreement: "DeliverSignedAgreement",
  activatePartnership: "ActivatePartnership",
  active: "Active",
  declinePartnership: "DeclinePartnership",
  declined: "Declined",
  /** A step timed out: the lead is told (workflows/timeout-branch.ts), then ExpireUndecided. */
  tellLeadOfTimeout: "TellLeadStepTimedOut",
  expireUndecided: "ExpireUndecided",
  expired: "Expired",
  rejectUnknownOfficerDecision: "RejectUnknownOfficerDecision",
  recordWorkflowFailure: "RecordWorkflowFailure",
  workflowFailed: "WorkflowFailed",
} as const;

/** The Choice state that routes a human step's outcome: AwaitOfficerDecision → RouteOfficerDecision. */
export function routeStateOf(stepState: string): string {
  return `Route${stepState.replace(/^Await/, "")}`;
}

/** The state an outcome no route knows goes to: AwaitOfficerDecision → RejectUnknownOfficerDecision. */
export function rejectStateOf(stepState: string): string {
  return `RejectUnknown${stepState.replace(/^Await/, "")}`;
}
