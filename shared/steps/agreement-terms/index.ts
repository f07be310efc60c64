/**
 * Human step "agreement-terms": an officer fills in the agreement's variable parts; the workflow then issues
 * it (IssueAgreement renders the PDF and records its hash). Also the way back after a change is asked for at
 * countersigning: the new version voids the signatures on the one before.
 */
import { STATE } from "../../../workflows/onboarding/states.ts";
import { agreementState } from "../../domain/agreement-state.ts";
import { assignOfficer, declineOutcome } from "../officer-steps.ts";
import { defineStep } from "../step.ts";
import { agreementTermsEmail } from "./email.ts";
import { agreementTermsPage } from "./page.ts";
import { initialTerms, parseAgreementTerms, type TermsOutcome } from "./schema.ts";
import { agreementTermsWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<TermsOutcome>({
  kind: "agreement-terms",
  state: STATE.awaitAgreementTerms,
  asked: "officer",
  assignee: (view) => assignOfficer(view),
  linkPath: "/agreement",
  timeout: {
    configKey: "agreementTermsDays",
    defaultDays: 7,
    description: "time an officer has to fill in the agreement's terms",
  },
  // A countersigning officer who asks for a change says why, and so does the periodic review's amend: shown on the
  // page and in the email, from the ledger (after a conflict of interest, the decision that led here is the
  // conflict, not the request).
  request: (_inputs, { events }) => agreementState(events).changeAsked,
  outcomes: {
    issue: {
      next: STATE.issueAgreement,
      label: "Issue the agreement for signing",
      done: "Issued: the agreement is rendered and sent to the signatory to sign.",
      decided: "The agreement's terms were set and it was issued",
    },
    decline: declineOutcome(),
  },
  events: { requested: "AgreementTermsRequested", decided: "AgreementTermsSet" },
  readsLedger: true,
  email: agreementTermsEmail,
  page: agreementTermsPage,
  initialValues: initialTerms,
  parse: parseAgreementTerms,
  waiting: agreementTermsWaiting,
});
