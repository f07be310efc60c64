/** The local stand-in for EventBridge Scheduler, and how the model reads schedules from the template. */
import { describe, expect, it } from "vitest";
import { LocalScheduler } from "#infra/local/scheduler.ts";
import {
  buildLocalModel,
  type CfnTemplate,
  type LocalSchedule,
  rateMs,
  type StackTemplates,
  UnresolvableReferenceError,
} from "#infra/local/template.ts";
import fixture from "./fixtures/partnerflow-templates.json" with { type: "json" };

const quiet = () => undefined;
const sweep = (everyMs: number): LocalSchedule => ({
  logicalId: "SweepSchedule",
  functionName: "sweep",
  everyMs,
  input: { from: "schedule" },
});

describe("rate expressions", () => {
  it.each([
    ["rate(1 minute)", 60_000],
    ["rate(5 minutes)", 300_000],
    ["rate(2 hours)", 7_200_000],
    ["rate(1 day)", 86_400_000],
  ])("%s is %i ms", (expression, ms) => {
    expect(rateMs(expression)).toBe(ms);
  });

  it.each([
    "cron(0 12 * * ? *)",
    "at(2026-12-01T00:00:00)",
    "rate(0 minutes)",
    "rate(5 weeks)",
    "rate(five minutes)",
  ])("%s is refused with a clear error", (expression) => {
    expect(() => rateMs(expression, "App.Sweep")).toThrow(UnresolvableReferenceError);
    expect(() => rateMs(expression, "App.Sweep")).toThrow(/rate\(<n> minutes\|hours\|days\)/);
  });
});

describe("schedules in the local model", () => {
  const templates = structuredClone(fixture) as unknown as Record<string, CfnTemplate>;
  const app = Object.keys(templates).find((name) => name.endsWith("App")) ?? "";
  const resources = (templates[app] as { Resources: Record<string, { Type: string; Properties?: unknown }> })
    .Resources;
  const fnId =
    Object.keys(resources).find(
      (id) => id.startsWith("recordFailure") && resources[id]?.Type === "AWS::Lambda::Function",
    ) ?? "";

  it("maps a schedule to the tagged function it invokes, with its rate and input", () => {
    resources.SweepSchedule = {
      Type: "AWS::Scheduler::Schedule",
      Properties: {
        ScheduleExpression: "rate(5 minutes)",
        FlexibleTimeWindow: { Mode: "OFF" },
        Target: { Arn: { "Fn::GetAtt": [fnId, "Arn"] }, RoleArn: "arn:aws:iam::1:role/x", Input: '{"a":1}' },
      },
    };
    expect(buildLocalModel(templates as StackTemplates).schedules).toEqual([
      { logicalId: "SweepSchedule", functionName: "record-failure", everyMs: 300_000, input: { a: 1 } },
    ]);
  });

  it("leaves out a disabled schedule", () => {
    resources.SweepSchedule = {
      Type: "AWS::Scheduler::Schedule",
      Properties: {
        ScheduleExpression: "rate(5 minutes)",
        State: "DISABLED",
        Target: { Arn: { "Fn::GetAtt": [fnId, "Arn"] }, RoleArn: "arn:aws:iam::1:role/x" },
      },
    };
    expect(buildLocalModel(templates as StackTemplates).schedules).toEqual([]);
  });

  it("refuses a schedule whose target is not one of the functions", () => {
    resources.SweepSchedule = {
      Type: "AWS::Scheduler::Schedule",
      Properties: {
        ScheduleExpression: "rate(5 minutes)",
        Target: { Arn: "arn:aws:sqs:eu-west-1:1:queue", RoleArn: "arn:aws:iam::1:role/x" },
      },
    };
    expect(() => buildLocalModel(templates as StackTemplates)).toThrow(/not a tagged Lambda function/);
  });
});

describe("LocalScheduler", () => {
  it("invokes the function at its rate with a copy of the schedule's input, until stopped", async () => {
    const events: unknown[] = [];
    const schedule = sweep(20);
    const scheduler = new LocalScheduler({
      schedules: [schedule],
      invoke: async (name, event) => {
        events.push([name, event]);
      },
      log: quiet,
    });
    scheduler.start();
    await new Promise((r) => setTimeout(r, 110));
    await scheduler.stop();
    const runs = events.length;
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(events[0]).toEqual(["sweep", { from: "schedule" }]);
    // A copy: a function that changes its event cannot change the next run's.
    expect((events[0] as unknown[])[1]).not.toBe(schedule.input);
    await new Promise((r) => setTimeout(r, 60));
    expect(events).toHaveLength(runs);
    await expect(scheduler.run("sweep")).rejects.toThrow(/stopped/);
  });

  it("with a catch-up delay, runs an hourly schedule once soon after start, not again before its rate", async () => {
    const runs: number[] = [];
    const started = Date.now();
    const scheduler = new LocalScheduler({
      schedules: [sweep(3_600_000)],
      invoke: async () => {
        runs.push(Date.now() - started);
      },
      log: quiet,
    });
    scheduler.start(20);
    for (const deadline = Date.now() + 2000; runs.length === 0 && Date.now() < deadline; )
      await new Promise((r) => setTimeout(r, 10));
    // No second run: the next is an hour away.
    await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeGreaterThanOrEqual(15);
  });

  it("catches up only hourly or slower schedules: a five-minute sweep keeps to its rate", async () => {
    let runs = 0;
    const scheduler = new LocalScheduler({
      schedules: [sweep(300_000)],
      invoke: async () => {
        runs++;
      },
      log: quiet,
    });
    scheduler.start(10);
    await new Promise((r) => setTimeout(r, 80));
    await scheduler.stop();
    expect(runs).toBe(0);
  });

  it("without one, an hourly schedule does not run at start", async () => {
    let runs = 0;
    const scheduler = new LocalScheduler({
      schedules: [sweep(3_600_000)],
      invoke: async () => {
        runs++;
      },
      log: quiet,
    });
    scheduler.start();
    await new Promise((r) => setTimeout(r, 60));
    await scheduler.stop();
    expect(runs).toBe(0);
  });

  it("runs a schedule on demand, joins a run already going, and waits for it on stop", async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const scheduler = new LocalScheduler({
      schedules: [sweep(3_600_000)],
      invoke: () => {
        calls++;
        return new Promise((resolve) => {
          release = () => resolve({ done: calls });
        });
      },
      log: quiet,
    });
    const first = scheduler.run("sweep");
    const second = scheduler.run("sweep");
    expect(calls).toBe(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    release();
    expect(await first).toEqual({ done: 1 });
    expect(await second).toEqual({ done: 1 });
    await stopping;
    expect(stopped).toBe(true);
  });

  it("passes a failed run's error to its caller and logs only its name; an unknown schedule is refused", async () => {
    const logged: unknown[] = [];
    const scheduler = new LocalScheduler({
      schedules: [sweep(3_600_000)],
      invoke: () => Promise.reject(Object.assign(new Error("secret detail"), { name: "TimeoutError" })),
      log: (...line) => logged.push(line),
    });
    await expect(scheduler.run("sweep")).rejects.toThrow("secret detail");
    expect(logged).toEqual([["error", "scheduled run failed", { function: "sweep", error: "TimeoutError" }]]);
    await expect(scheduler.run("nothing")).rejects.toThrow(/No schedule runs nothing/);
    await scheduler.stop();
  });
});
