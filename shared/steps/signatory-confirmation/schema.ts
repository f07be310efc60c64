/**
 * The signatory's answer, as posted: they confirm their name, title and authority to commit the organisation
 * (evidence optional), or they hand the signing to someone else. A confirmation that an officer must verify
 * (signatory-authority.ts) has its own outcome, so that the workflow routes it without another state.
 */
import type { Json } from "../../domain/canonical-json.ts";
import { authorityCheckReasons } from "../../domain/signatory-authority.ts";
import { signatoryState } from "../../domain/signatory-state.ts";
import { freeText, textLine } from "../../schemas/free-text.ts";
import { signatorySchema } from "../../schemas/intake.ts";
import { type FieldError, fieldErrors } from "../../schemas/validation.ts";
import * as z from "../../schemas/zod.ts";
import { firstValue } from "../../web/form-kit.ts";
import type { FormFields } from "../../web/intake-form.ts";
import type { ParsedAnswer, StepView } from "../step.ts";

/** How many times the signing may be handed on: each restarts the step's wait, and emails an address. */
export const MAX_DELEGATIONS = 3;

export const SIGNATORY_OUTCOMES = ["confirm", "confirm-unverified", "delegate"] as const;
export type SignatoryOutcome = (typeof SIGNATORY_OUTCOMES)[number];

export const LABELS = {
  action: "Confirm or delegate",
  name: "Your full name",
  title: "Your title",
  authority: "Your authority",
  evidence: "Evidence of your authority",
  "delegate.name": "Their full name",
  "delegate.title": "Their title",
  "delegate.email": "Their email",
} as const;

const confirmSchema = z.object({
  name: textLine(1, 200),
  title: textLine(1, 200),
  authority: z.literal("yes", "Required: confirm that you have the authority to commit the organisation"),
  evidence: z._default(freeText(0, 500), ""),
});

export function parseSignatory(fields: FormFields, view: StepView): ParsedAnswer<SignatoryOutcome> {
  const action = firstValue(fields.action);
  const signatoryEmail = view.decision.assignee;
  if (action === "delegate") {
    if (signatoryState(view.partnership.intake, view.events).delegations >= MAX_DELEGATIONS)
      return {
        ok: false,
        errors: [
          {
            field: "action",
            message: `The signing has been handed on ${MAX_DELEGATIONS} times already: please confirm your authority, or contact the office`,
          },
        ],
      };
    const parsed = signatorySchema.safeParse({
      name: firstValue(fields["delegate.name"]),
      title: firstValue(fields["delegate.title"]),
      email: firstValue(fields["delegate.email"]),
    });
    if (!parsed.success)
      return {
        ok: false,
        errors: fieldErrors(parsed.error, "action").map((e) => ({ ...e, field: `delegate.${e.field}` })),
      };
    if (parsed.data.email === signatoryEmail.toLowerCase())
      return {
        ok: false,
        errors: [
          {
            field: "delegate.email",
            message: "That is your own email: give the email of the person who will sign",
          },
        ],
      };
    return { ok: true, answer: { outcome: "delegate", comment: "", details: { delegate: parsed.data } } };
  }
  if (action !== "confirm")
    return { ok: false, errors: [{ field: "action", message: "Choose one of the buttons" }] };
  const parsed = confirmSchema.safeParse({
    name: firstValue(fields.name),
    title: firstValue(fields.title),
    authority: firstValue(fields.authority) ?? "",
    evidence: firstValue(fields.evidence),
  });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, "action") as FieldError[] };
  const { name, title, evidence } = parsed.data;
  const { partnership: p } = view;
  const reasons = authorityCheckReasons({
    organisationDomain: p.assessment?.organisationDomain,
    signatoryEmail,
    submitterEmail: p.intake.contact.email,
    evidence,
  });
  return {
    ok: true,
    answer: {
      outcome: reasons.length > 0 ? "confirm-unverified" : "confirm",
      comment: "",
      details: {
        signatory: { name, title, email: signatoryEmail },
        ...(evidence ? { evidence } : {}),
        checkReasons: reasons as Json[],
      },
    },
  };
}
