/** Human step "agreement-signing": the confirmed signatory signs the agreement issued last, or asks for paper. */
import { STATE } from "../../../workflows/onboarding/states.ts";
import { signatoryState } from "../../domain/signatory-state.ts";
import { defineStep } from "../step.ts";
import { signingEmail } from "./email.ts";
import { signingPage } from "./page.ts";
import { parseSigning, type SigningOutcome } from "./schema.ts";
import { agreementSigningWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<SigningOutcome>({
  kind: "agreement-signing",
  state: STATE.awaitPartnerSignature,
  asked: "signatory",
  assignee: ({ partnership, events }) => signatoryState(partnership.intake, events).signatory.email,
  linkPath: "/sign",
  documents: "agreement",
  timeout: {
    configKey: "partnerSignatureDays",
    defaultDays: 30,
    description: "time the signatory has to sign the agreement",
  },
  outcomes: {
    sign: {
      next: STATE.awaitCountersignature,
      label: "Sign the agreement",
      done: "Thank you: your signature is recorded. An officer countersigns next, and you will both get the signed agreement and its completion certificate by email.",
      decided: "The agreement was signed",
    },
    paper: {
      next: STATE.awaitPaperAgreement,
      label: "Ask for a paper process",
      done: "Thank you: the office has been told, and will be in touch to sign on paper.",
      decided: "A paper process was asked for",
    },
  },
  events: { requested: "SignatureRequested", decided: "PartnerSignatureAnswered" },
  readsLedger: true,
  email: signingEmail,
  page: signingPage,
  initialValues: () => ({}),
  parse: parseSigning,
  waiting: agreementSigningWaiting,
});
