/** Human step "authority-verification": an officer verifies the signatory's authority before signing. */
import { STATE } from "../../../workflows/onboarding/states.ts";
import { assignOfficer, declineOutcome } from "../officer-steps.ts";
import { defineStep } from "../step.ts";
import { authorityVerificationEmail } from "./email.ts";
import { authorityVerificationPage } from "./page.ts";
import { type AuthorityOutcome, parseAuthorityVerification } from "./schema.ts";
import { authorityVerificationWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<AuthorityOutcome>({
  kind: "authority-verification",
  state: STATE.awaitAuthorityVerification,
  asked: "officer",
  assignee: (view) => assignOfficer(view),
  linkPath: "/authority-review",
  timeout: {
    configKey: "authorityVerificationDays",
    defaultDays: 7,
    description: "time an officer has to verify a signatory's authority",
  },
  outcomes: {
    verify: {
      next: STATE.prepareForSigning,
      label: "Authority verified",
      done: "Recorded: the authority is verified, and the agreement is prepared next.",
      decided: "The signatory's authority was verified",
    },
    "request-evidence": {
      next: STATE.awaitSignatoryConfirmation,
      label: "Ask the signatory for evidence",
      done: "The signatory has been asked for evidence, with your comment. You will get a new link when they answer.",
      decided: "Evidence of authority was asked for",
    },
    decline: declineOutcome(),
  },
  events: { requested: "AuthorityVerificationRequested", decided: "AuthorityVerificationDecided" },
  email: authorityVerificationEmail,
  page: authorityVerificationPage,
  initialValues: () => ({}),
  parse: parseAuthorityVerification,
  waiting: authorityVerificationWaiting,
});
