/**
 * Human step "signatory-confirmation": the person who signs for the organisation confirms their name, title
 * and authority, or delegates (the delegate gets a fresh link; the first one is used). Where the email's
 * domain is not the organisation's, or the submitter signs without evidence, an officer verifies next.
 */
import { STATE } from "../../../workflows/onboarding/states.ts";
import { signatoryState } from "../../domain/signatory-state.ts";
import { defineStep } from "../step.ts";
import { signatoryEmail } from "./email.ts";
import { signatoryPage } from "./page.ts";
import { parseSignatory, type SignatoryOutcome } from "./schema.ts";
import { signatoryConfirmationWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<SignatoryOutcome>({
  kind: "signatory-confirmation",
  state: STATE.awaitSignatoryConfirmation,
  asked: "signatory",
  assignee: ({ partnership, events }) => signatoryState(partnership.intake, events).signatory.email,
  linkPath: "/authority",
  timeout: {
    configKey: "signatoryConfirmationDays",
    defaultDays: 14,
    description: "time the signatory has to confirm their authority or delegate",
  },
  // An officer who verifies may ask the signatory for evidence: that request's words, from the ledger (a
  // delegate is asked it too; the decision that led to their step is the delegation).
  request: (_inputs, { partnership, events }) => signatoryState(partnership.intake, events).evidenceAsked,
  outcomes: {
    confirm: {
      next: STATE.prepareForSigning,
      label: "Confirm my authority",
      done: "Thank you: your authority is confirmed. The agreement will be prepared, and you will get a link to sign it.",
      decided: "The signatory confirmed their authority",
    },
    "confirm-unverified": {
      next: STATE.awaitAuthorityVerification,
      label: "Confirm my authority",
      done: "Thank you. An officer will verify your authority before the agreement goes out; you will get a link to sign it then.",
      decided: "The signatory confirmed their authority, for an officer to verify",
    },
    delegate: {
      next: STATE.awaitSignatoryConfirmation,
      label: "Hand the signing to this person",
      done: "Thank you: the person you named has been sent a link to confirm their authority. This link no longer works.",
      decided: "The signing was handed to another person",
    },
  },
  events: { requested: "AuthorityConfirmationRequested", decided: "AuthorityConfirmationAnswered" },
  readsLedger: true,
  email: signatoryEmail,
  page: signatoryPage,
  initialValues: ({ partnership, events }) => {
    const { signatory } = signatoryState(partnership.intake, events);
    return { name: signatory.name, title: signatory.title };
  },
  parse: parseSignatory,
  waiting: signatoryConfirmationWaiting,
});
