import { describe, expect, it } from "vitest";
import { makeIntake } from "../../../test/fixtures/intake.ts";
import { agreementIssued, formOf, NOW, SHA } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { step } from "./index.ts";

const { signatory } = makeIntake();
const view = (events = agreementIssued()) => ({
  ...stepView({ events, decision: { kind: "agreement-signing", assignee: signatory.email } }),
  now: NOW,
  client: { ip: "203.0.113.7", userAgent: "test" },
});
const sign = { action: "sign", consent: "yes", intent: "yes", documentSha256: SHA, fullName: signatory.name };

describe("the agreement signing step", () => {
  it("signs the version shown, recording who, when, from where, and on which hash", async () => {
    expect(await step.parse(sign, view())).toEqual({
      ok: true,
      answer: {
        outcome: "sign",
        comment: "",
        details: {
          signature: {
            role: "partner",
            name: signatory.name,
            title: signatory.title,
            email: signatory.email,
            signedAt: NOW.toISOString(),
            ip: "203.0.113.7",
            userAgent: "test",
            agreementVersion: 1,
            documentSha256: SHA,
            consentToElectronicRecords: true,
          },
        },
      },
    });
  });

  it("refuses another name, another hash, and a signature without consent", async () => {
    expect(await step.parse({ ...sign, fullName: "Priya Raman" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "fullName" }],
    });
    expect(await step.parse({ ...sign, documentSha256: "b".repeat(64) }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "documentSha256" }],
    });
    expect(await step.parse({ ...sign, consent: "" }, view())).toMatchObject({
      ok: false,
      errors: [{ field: "consent" }],
    });
  });

  it("asks for paper instead, with the reason, on the version shown", async () => {
    expect(await step.parse({ action: "paper", reason: " Board signs on paper " }, view())).toEqual({
      ok: true,
      answer: {
        outcome: "paper",
        comment: "Board signs on paper",
        details: { paperRequested: true, agreementVersion: 1 },
      },
    });
    expect(step.outcomes.paper.next).toBe("AwaitPaperAgreement");
  });

  it("before an agreement is issued: nothing to sign, and the page says it is being prepared", async () => {
    expect(await step.parse(sign, view([]))).toMatchObject({ ok: false, errors: [{ field: "action" }] });
    expect(step.page({ ...view([]), form: formOf() }).body.value).toContain(
      "The agreement is being prepared",
    );
  });

  it("its page shows the agreement, its hash in the form, consent, and the paper button", () => {
    const body = step.page({ ...view(), form: formOf() }).body.value;
    expect(body).toContain(`<input type="hidden" name="documentSha256" value="${SHA}">`);
    expect(body).toContain('name="consent"');
    expect(body).toContain('name="action" value="paper"');
    expect(body).not.toContain('name="noConflict"');
    expect(step.assignee(view())).toBe(signatory.email);
  });
});
