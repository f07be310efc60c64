import { describe, expect, it } from "vitest";
import { agreementIssued, CONFLICT_QUESTION, formOf } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { step } from "./index.ts";

describe("the paper agreement step", () => {
  it("records where the signed copies are filed; refuses without it, and a decline without a reason", async () => {
    expect(await step.parse({ outcome: "received", reference: "Binder 7" }, stepView())).toEqual({
      ok: true,
      answer: { outcome: "received", comment: "", details: { paper: { reference: "Binder 7" } } },
    });
    expect(await step.parse({ outcome: "received", reference: "" }, stepView())).toEqual({
      ok: false,
      errors: [{ field: "reference", message: "Required: say where the signed paper copies are filed" }],
    });
    expect(await step.parse({ outcome: "decline" }, stepView())).toMatchObject({
      ok: false,
      errors: [{ field: "comment" }],
    });
  });

  it("received completes the agreement; its page links the PDF to print and asks the conflict question", () => {
    expect(step.outcomes.received.next).toBe("CertifyAgreement");
    const body = step.page({ ...stepView({ events: agreementIssued() }), form: formOf() }).body.value;
    for (const part of CONFLICT_QUESTION) expect(body).toContain(part);
    expect(body).toContain('href="/step/T/agreement.pdf"');
  });

  it("its email, with a link that decides as the assigned officer, goes to that officer alone", () => {
    const mail = step.email({ ...stepView(), url: "https://partners.example.org/paper-agreement/T" });
    expect(mail.to).toEqual(["officer@example.org"]);
  });
});
