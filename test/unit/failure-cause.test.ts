/** What the ledger keeps of a failed state's Cause: a Lambda error's message, made safe; nothing else. */
import { describe, expect, it } from "vitest";
import { CAUSE_LIMIT, redactMessage, safeCause, safeErrorName } from "#shared/domain/failure-cause.ts";

describe("the failure's cause", () => {
  it("keeps a Lambda error's message, never its trace, with addresses, links and tokens replaced", () => {
    const cause = JSON.stringify({
      errorType: "Error",
      errorMessage: `Cannot send to Sam.Lee+x@example.co.uk:\n see https://a.example/p?q=1 (key ${"Z9_-".repeat(10)})`,
      trace: ["at secret (/var/task/x.mjs)"],
    });
    expect(safeCause(cause)).toBe("Cannot send to [email]: see [link] (key [redacted])");
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
