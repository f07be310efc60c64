import { describe, expect, it } from "vitest";
import { mintToken } from "#shared/domain/link-tokens.ts";
import { loggableMessage } from "#shared/http/log.ts";

describe("loggableMessage", () => {
  it("replaces email addresses and token-like strings, and keeps the rest of the message", () => {
    const { token } = mintToken();
    const taskToken = `AQCEAAAAKgAAAA${"x9/+".repeat(100)}==`;
    expect(
      loggableMessage(
        `Rejected: "Priya Raman" <priya.raman@harbourviewsupplies.ca>, link ${token}, task ${taskToken}.`,
      ),
    ).toBe('Rejected: "Priya Raman" <<email>>, link <token>, task <token>.');
  });

  it("leaves ids, error names and file paths as they are", () => {
    const message =
      "ConditionalCheckFailedException on PARTNERSHIP#01KAW0000000000000000000PP at file:///var/task/index.mjs:26:82682";
    expect(loggableMessage(message)).toBe(message);
  });
});
