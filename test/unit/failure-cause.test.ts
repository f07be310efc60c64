/** What the ledger keeps of a failed state's Cause: a Lambda error's message, made safe; nothing else. */
import { describe, expect, it } from "vitest";
import { CAUSE_LIMIT, redactMessage, safeCause, safeErrorName } from "#shared/domain/failure-cause.ts";

describe("the failure's cause", () => {
  it("keeps the message of an error that names only ids and codes, never its trace, with addresses, links and tokens replaced", () => {
    const cause = JSON.stringify({
      errorType: "PartnershipNotFoundError",
      errorMessage: `Cannot send to Sam.Lee+x@example.co.uk:\n see https://a.example/p?q=1 (key ${"Z9_-".repeat(10)})`,
      trace: ["at secret (/var/task/x.mjs)"],
    });
    expect(safeCause(cause)).toBe("Cannot send to [email]: see [link] (key [redacted])");
  });

  it("keeps nothing of any other error's message: no pattern tells a person's name from other words", () => {
    const quoting = (errorType: string) =>
      JSON.stringify({ errorType, errorMessage: "Harbourview: signatory Jane Doe, 12 Quay St, +1 555 0101" });
    for (const type of ["Error", "ValidationError", "MessageRejected", "TypeError"])
      expect(safeCause(quoting(type)), type).toBe("");
    expect(
      safeCause(
        JSON.stringify({
          errorType: "IllegalTransitionError",
          errorMessage: "A partnership cannot move from ACTIVE to DECLINED",
        }),
      ),
    ).toBe("A partnership cannot move from ACTIVE to DECLINED");
  });

  it("keeps nothing of a cause that is not a Lambda error's (a Pass's may quote the decision)", () => {
    expect(safeCause('{"outcome":"maybe","details":{"name":"Jane"}}')).toBe("");
    expect(safeCause("not json at all")).toBe("");
    expect(safeCause("")).toBe("");
  });

  it("cuts a long message short, and an error's name to a name", () => {
    expect(redactMessage("word ".repeat(200))).toHaveLength(CAUSE_LIMIT);
    expect(safeErrorName("States.TaskFailed")).toBe("States.TaskFailed");
    expect(safeErrorName("<script>alert(1)</script>")).toBe("scriptalert1script");
    expect(safeErrorName("")).toBe("UnknownError");
  });
});
