import { describe, expect, it } from "vitest";
import { CONFLICT_QUESTION, formOf, signatoryConfirmed } from "../../../test/fixtures/step-ledger.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { step } from "./index.ts";

describe("the authority verification step", () => {
  it("verifies without a comment; asking for evidence and declining need one", async () => {
    expect(await step.parse({ outcome: "verify" }, stepView())).toEqual({
      ok: true,
      answer: { outcome: "verify", comment: "" },
    });
    expect(await step.parse({ outcome: "request-evidence", comment: " " }, stepView())).toEqual({
      ok: false,
      errors: [
        { field: "comment", message: "Required: say what evidence of authority the signatory should give" },
      ],
    });
    expect(await step.parse({ outcome: "decline" }, stepView())).toMatchObject({
      ok: false,
      errors: [{ field: "comment", message: "Required: say why the partnership is declined" }],
    });
    expect(await step.parse({ outcome: "approve" }, stepView())).toMatchObject({
      ok: false,
      errors: [{ field: "outcome" }],
    });
  });

  it("its page says why the authority needs verifying, and asks the conflict-of-interest question", () => {
    const view = stepView({ events: [signatoryConfirmed(["email-domain-differs"])] });
    const { body } = step.page({ ...view, form: formOf() });
    for (const part of CONFLICT_QUESTION) expect(body.value).toContain(part);
    expect(body.value).toContain(
      "The signatory&#39;s email is not at the organisation&#39;s own web domain.",
    );
    expect(body.value).toContain("Daniel Okafor");
  });

  it("asking for evidence goes back to the signatory; only a decline ends the partnership", () => {
    expect(step.outcomes["request-evidence"].next).toBe("AwaitSignatoryConfirmation");
    expect(
      Object.entries(step.outcomes)
        .filter(([, o]) => o.ends)
        .map(([k]) => k),
    ).toEqual(["decline"]);
  });
});
