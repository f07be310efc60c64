import { describe, expect, it } from "vitest";
import {
  agreementIssued,
  CONFLICT_QUESTION,
  formOf,
  NOW,
  partnerSigned,
  SHA,
  vettingVerified,
} from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { SEGREGATION_MESSAGE } from "../segregation.ts";
import { step } from "./index.ts";

const VETTER = "vetter@example.org";
const OTHER = "officer@example.org";
const signed = () => [vettingVerified(VETTER), ...agreementIssued(), partnerSigned()];
const view = (assignee = OTHER, events = signed()) => ({
  ...stepView({ events, decision: { kind: "countersign", assignee } }),
  now: NOW,
  client: { ip: "198.51.100.2", userAgent: "office" },
});
const countersign = { documentSha256: SHA, intent: "yes", fullName: "Morgan Lee", outcome: "countersign" };

describe("the countersign step", () => {
  it("countersigns the hash the partner signed, as the assigned officer", async () => {
    expect(await step.parse(countersign, view())).toMatchObject({
      ok: true,
      answer: {
        outcome: "countersign",
        details: { signature: { role: "office", email: OTHER, documentSha256: SHA, name: "Morgan Lee" } },
      },
    });
  });

  it("refuses the officer who verified the vetting, whatever they post", async () => {
    for (const fields of [countersign, { outcome: "amend", comment: "Change" }])
      expect(await step.parse(fields, view(VETTER))).toEqual({
        ok: false,
        errors: [{ field: "outcome", message: SEGREGATION_MESSAGE }],
      });
    expect(step.page({ ...view(VETTER), form: formOf() }).body.value).toContain(
      "another officer must sign for the office",
    );
  });

  it("is never assigned to the vetting's officer", () => {
    const config = { ...view().config, OFFICER_EMAILS: [VETTER, OTHER] };
    expect(step.assignee({ ...view(), config })).toBe(OTHER);
  });

  it("refuses a countersignature before the partner signed, and a change without saying what", async () => {
    const unsigned = view(OTHER, [vettingVerified(VETTER), ...agreementIssued()]);
    expect(await step.parse(countersign, unsigned)).toMatchObject({
      ok: false,
      errors: [
        {
          field: "outcome",
          message: "The partner has not signed this version: there is nothing to countersign",
        },
      ],
    });
    expect(await step.parse({ outcome: "amend" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "comment" }],
    });
    expect(await step.parse({ outcome: "amend", comment: "Term: 24 months" }, view())).toEqual({
      ok: true,
      answer: { outcome: "amend", comment: "Term: 24 months" },
    });
  });

  it("a change goes back to the terms; its page shows the partner's signature and the conflict question", () => {
    expect(step.outcomes.amend.next).toBe("AwaitAgreementTerms");
    const body = step.page({ ...view(), form: formOf() }).body.value;
    for (const part of CONFLICT_QUESTION) expect(body).toContain(part);
    expect(body).toContain("<h2>The partner's signature</h2>");
    expect(body).toContain(`<input type="hidden" name="documentSha256" value="${SHA}">`);
  });
});
