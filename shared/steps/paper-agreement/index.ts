/** Human step "paper-agreement": the signatory asked to sign on paper; an officer records the signed copies. */
import { STATE } from "../../../workflows/onboarding/states.ts";
import { assignOfficer, declineOutcome } from "../officer-steps.ts";
import { vettingOfficers } from "../segregation.ts";
import { defineStep } from "../step.ts";
import { paperAgreementEmail } from "./email.ts";
import { paperAgreementPage } from "./page.ts";
import { type PaperOutcome, parsePaperAgreement } from "./schema.ts";
import { paperAgreementWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<PaperOutcome>({
  kind: "paper-agreement",
  state: STATE.awaitPaperAgreement,
  asked: "officer",
  // The record of a paper signing is the office's signature: never by an officer who verified the vetting.
  assignee: (view) => assignOfficer(view, vettingOfficers(view)),
  linkPath: "/paper-agreement",
  documents: "agreement",
  timeout: {
    configKey: "paperAgreementDays",
    defaultDays: 30,
    description: "time the office has to arrange a paper signing",
  },
  outcomes: {
    received: {
      next: STATE.completeAgreement,
      label: "Both parties signed on paper",
      done: "Recorded: the agreement is complete and the partnership active. Both parties are sent the agreement.",
      decided: "The agreement was signed on paper",
    },
    decline: declineOutcome(),
  },
  events: { requested: "PaperSigningRequested", decided: "PaperSigningRecorded" },
  readsLedger: true,
  email: paperAgreementEmail,
  page: paperAgreementPage,
  initialValues: () => ({}),
  parse: parsePaperAgreement,
  waiting: paperAgreementWaiting,
});
