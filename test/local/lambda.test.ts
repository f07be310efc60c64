import { describe, expect, it } from "vitest";
import { LambdaFunctionError, LocalLambda } from "../../infra/local/lambda.ts";

const functionsDir = new URL("./fixtures/functions/", import.meta.url);

describe("in-process Lambda", () => {
  it("imports functions/<name>/handler.ts once and passes a realistic context", async () => {
    const lambda = new LocalLambda({
      functionsDir,
      settings: { echo: { timeoutSeconds: 5, memoryMb: 256 } },
    });
    const first = (await lambda.invoke("echo", { hello: "world" })) as Record<string, unknown>;
    const second = (await lambda.invoke("echo", {})) as Record<string, unknown>;
    expect(first.event).toEqual({ hello: "world" });
    expect(first.functionName).toBe("echo");
    expect(first.memory).toBe("256");
    expect(first.remainingMs).toBeGreaterThan(4000);
    expect(first.remainingMs).toBeLessThanOrEqual(5000);
    expect(first.requestId).not.toBe(second.requestId);
    // The result crossed "the wire" as JSON, as it does on Lambda.
    expect(first.at).toBe("1970-01-01T00:00:00.000Z");
  });

  it("counts the invocations in flight, until each has ended, failed ones too", async () => {
    const release: (() => void)[] = [];
    const lambda = new LocalLambda({
      handlers: {
        slow: () => new Promise((resolve) => release.push(() => resolve({}))),
        failing: () => Promise.reject(new Error("failed")),
      },
    });
    expect(lambda.inFlight).toBe(0);
    const first = lambda.invoke("slow", {});
    const second = lambda.invoke("slow", {});
    await expect.poll(() => release.length).toBe(2);
    expect(lambda.inFlight).toBe(2);
    release[0]?.();
    await first;
    expect(lambda.inFlight).toBe(1);
    await expect(lambda.invoke("failing", {})).rejects.toThrow("failed");
    expect(lambda.inFlight).toBe(1);
    release[1]?.();
    await second;
    expect(lambda.inFlight).toBe(0);
  });

  it("keeps the error's name (Step Functions matches Catch on it) and reports it like the Lambda runtime", async () => {
    const lambda = new LocalLambda({ functionsDir });
    const error = await lambda.invoke("echo", { fail: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LambdaFunctionError);
    expect((error as Error).name).toBe("PartnershipNotFoundError");
    expect(JSON.parse((error as LambdaFunctionError).toCause())).toMatchObject({
      errorType: "PartnershipNotFoundError",
      errorMessage: "No such partnership",
    });
  });

  it("names a missing function or a module without a handler as Lambda would", async () => {
    const lambda = new LocalLambda({ functionsDir });
    await expect(lambda.invoke("nope", {})).rejects.toMatchObject({
      name: "Lambda.ResourceNotFoundException",
    });
    await expect(lambda.invoke("../echo", {})).rejects.toMatchObject({
      name: "Lambda.ResourceNotFoundException",
    });
    await expect(lambda.invoke("broken", {})).rejects.toMatchObject({ name: "Runtime.HandlerNotFound" });
  });

  it("prefers injected handlers (tests) over functions/", async () => {
    const lambda = new LocalLambda({ functionsDir, handlers: { echo: async () => "injected" } });
    expect(await lambda.invoke("echo", {})).toBe("injected");
  });
});
