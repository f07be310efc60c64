/**
 * Human step "countersign": an officer countersigns the document the partner signed; never the officer who
 * verified the vetting (segregation of duties), nor one who declared a conflict. A change asked for goes back
 * to the terms, and the new version voids the partner's signature.
 */
import { STATE } from "../../../workflows/onboarding/states.ts";
import { assignOfficer } from "../officer-steps.ts";
import { vettingOfficers } from "../segregation.ts";
import { defineStep } from "../step.ts";
import { countersignEmail } from "./email.ts";
import { countersignPage } from "./page.ts";
import { type CountersignOutcome, parseCountersign } from "./schema.ts";
import { countersignWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<CountersignOutcome>({
  kind: "countersign",
  state: STATE.awaitCountersignature,
  asked: "officer",
  assignee: (view) => assignOfficer(view, vettingOfficers(view)),
  linkPath: "/countersign",
  documents: "agreement",
  timeout: {
    configKey: "countersignDays",
    defaultDays: 7,
    description: "time an officer has to countersign the agreement",
  },
  outcomes: {
    countersign: {
      next: STATE.completeAgreement,
      label: "Countersign",
      done: "Countersigned. Both parties are sent the signed agreement and its completion certificate, and the partnership is active.",
      decided: "The agreement was countersigned",
    },
    amend: {
      next: STATE.awaitAgreementTerms,
      label: "Ask for a change",
      done: "Recorded: the agreement goes back to be changed. The partner's signature on this version no longer counts once the new version is issued.",
      decided: "A change to the agreement was asked for",
    },
  },
  events: { requested: "CountersignatureRequested", decided: "CountersignatureDecided" },
  readsLedger: true,
  email: countersignEmail,
  page: countersignPage,
  initialValues: () => ({}),
  parse: parseCountersign,
  waiting: countersignWaiting,
});
