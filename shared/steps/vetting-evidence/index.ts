/**
 * Human step "vetting-evidence": the partner answers the checklist items asked for (all that apply at first;
 * after a review, those the officer asked for again), saving as they go.
 */
import { STATE } from "../../../workflows/onboarding/states.ts";
import type { Json } from "../../domain/canonical-json.ts";
import { defineStep } from "../step.ts";
import { vettingOf } from "../vetting-view.ts";
import { vettingEvidenceEmail, vettingEvidenceReceipt } from "./email.ts";
import { vettingEvidencePage } from "./page.ts";
import { parseVettingEvidence, requestedItems, uploadFields } from "./schema.ts";
import { vettingEvidenceWaiting } from "./waiting.ts";

export const step = /* @__PURE__ */ defineStep<"submitted">({
  kind: "vetting-evidence",
  state: STATE.awaitVettingEvidence,
  asked: "partner",
  assignee: () => "partner",
  linkPath: "/vetting",
  timeout: {
    configKey: "vettingEvidenceDays",
    defaultDays: 30,
    description: "time the partner has to complete the vetting checklist",
  },
  outcomes: {
    submitted: {
      next: STATE.awaitVettingReview,
      label: "Send for review",
      done: "We received your checklist. The partnership officer will review each item; we will email you if anything more is needed.",
      decided: "The checklist was sent for review",
    },
  },
  events: { requested: "VettingEvidenceRequested", decided: "VettingEvidenceSubmitted" },
  requestDetails: (view) => ({
    // The first request pins the checklist version; later rounds keep it.
    checklistVersion: vettingOf(view).checklist.version,
    items: requestedItems(view).map((item) => item.id) as Json[],
  }),
  readsLedger: true,
  uploads: uploadFields,
  email: vettingEvidenceEmail,
  page: vettingEvidencePage,
  initialValues: ({ decision }) => {
    const draft: Record<string, string> = {};
    for (const [name, value] of Object.entries(decision.draft ?? {}))
      if (typeof value === "string") draft[name] = value;
    return draft;
  },
  parse: parseVettingEvidence,
  waiting: vettingEvidenceWaiting,
  receipt: vettingEvidenceReceipt,
});
