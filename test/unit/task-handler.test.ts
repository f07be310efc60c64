/** The middy stack of a workflow task, on a task of its own: input checked by schema, errors as Step Functions needs them. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LinkUsedError, ValidationError } from "#shared/domain/errors.ts";
import { mintToken } from "#shared/domain/link-tokens.ts";
import { taskHandler } from "#shared/http/task-handler.ts";
import * as z from "#shared/schemas/zod.ts";
import { lambdaContext } from "../fixtures/http-event.ts";

const schema = z.object({
  partnershipId: z.string().check(z.minLength(1)),
  decision: z.object({ kind: z.enum(["intake-review", "resubmission"]) }),
});

const errors: string[] = [];
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((line: unknown) => void errors.push(String(line)));
});
afterEach(() => {
  vi.restoreAllMocks();
  errors.length = 0;
});

describe("taskHandler", () => {
  it("hands the task its parsed input and returns its result ({} for none)", async () => {
    const seen: unknown[] = [];
    const task = taskHandler(schema, async (input) => {
      seen.push(input);
      return input.partnershipId === "P1" ? { assessed: true } : undefined;
    });
    const input = { partnershipId: "P1", decision: { kind: "resubmission" } };
    expect(await task(input, lambdaContext)).toEqual({ assessed: true });
    expect(await task({ ...input, partnershipId: "P2" }, lambdaContext)).toEqual({});
    expect(seen).toEqual([input, { ...input, partnershipId: "P2" }]);
  });

  it("fails input that does not fit its schema with a ValidationError naming each path, before the task runs", async () => {
    const base = vi.fn(async () => ({}));
    const task = taskHandler(schema, base);
    const failure = await task({ partnershipId: "", decision: { kind: "other" } }, lambdaContext).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ValidationError);
    expect(failure).toMatchObject({
      name: "ValidationError",
      message: "Task input is not valid at partnershipId, decision.kind",
    });
    expect(base).not.toHaveBeenCalled();
  });

  it("rethrows a task's error as it was, with its name, which Step Functions catches by", async () => {
    const thrown = new LinkUsedError("This decision has already been made");
    const task = taskHandler(schema, async () => {
      throw thrown;
    });
    const failure = await task(
      { partnershipId: "P1", decision: { kind: "intake-review" } },
      lambdaContext,
    ).catch((error: unknown) => error);
    expect(failure).toBe(thrown);
    expect(failure).toMatchObject({ name: "LinkUsedError", message: "This decision has already been made" });
  });

  it("makes the error's message and stack loggable before they leave (they become the task's cause)", async () => {
    const { token } = mintToken();
    const task = taskHandler(schema, async () => {
      throw Object.assign(new Error(`SES rejected priya.raman@harbourview.ca; link ${token}`), {
        name: "MessageRejected",
      });
    });
    const failure = (await task(
      { partnershipId: "P1", decision: { kind: "intake-review" } },
      { ...lambdaContext, functionName: "open-step" },
    ).catch((error: unknown) => error)) as Error;
    expect(failure.name).toBe("MessageRejected");
    expect(failure.message).toBe("SES rejected <email>; link <token>");
    expect(failure.stack).toContain("SES rejected <email>; link <token>");
    expect(failure.stack).not.toContain("priya");
    expect(failure.stack).not.toContain(token);
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0] ?? "{}")).toMatchObject({
      level: "error",
      message: "task failed",
      function: "open-step",
      error: "MessageRejected",
      reason: "SES rejected <email>; link <token>",
    });
  });

  it("logs no part of the task's input, which may hold a task token", async () => {
    const taskToken = `AQCEAAAAKgAAAA${"x9/+".repeat(60)}==`;
    const task = taskHandler(z.object({ taskToken: z.string() }), async () => {
      throw new Error("failed");
    });
    await task({ taskToken }, lambdaContext).catch(() => undefined);
    await task({ taskToken: 42 }, lambdaContext).catch(() => undefined);
    expect(errors).toHaveLength(2);
    for (const line of errors) expect(line).not.toContain("x9/+");
  });
});
