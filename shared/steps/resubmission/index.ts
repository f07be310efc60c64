/** Human step "resubmission": after the officer asked for more information, the partner answers and corrects. */
import { STATE } from "../../../workflows/onboarding/states.ts";
import { intakeToForm } from "../../web/intake-form.ts";
import { defineStep } from "../step.ts";
import { resubmissionEmail, resubmissionReceipt } from "./email.ts";
import { resubmissionPage } from "./page.ts";
import { parseResubmission } from "./schema.ts";
import { resubmissionWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<"resubmitted">({
  kind: "resubmission",
  state: STATE.awaitPartnerResubmission,
  asked: "partner",
  assignee: () => "partner",
  linkPath: "/resubmit",
  timeout: {
    configKey: "partnerResubmissionDays",
    defaultDays: 30,
    description: "time the partner has to answer a request for more information",
  },
  // The officer's question is the comment of the decision that asked it.
  inputs: { request: "$.decision.comment" },
  outcomes: {
    resubmitted: {
      next: STATE.assessNeeds,
      label: "Send my answer and updated intake",
      done: "We received your answer and your updated intake; they will be assessed again.",
      decided: "Your answer and updated intake were received",
    },
  },
  events: { requested: "ResubmissionRequested", decided: "ResubmissionReceived" },
  request: (inputs) =>
    (typeof inputs.request === "string" && inputs.request.trim()) || "Please complete your answers.",
  email: resubmissionEmail,
  page: resubmissionPage,
  initialValues: ({ partnership }) => intakeToForm(partnership.intake),
  parse: parseResubmission,
  waiting: resubmissionWaiting,
  receipt: resubmissionReceipt,
});
