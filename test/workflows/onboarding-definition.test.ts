import { App, Duration, aws_lambda as lambda, Stack, aws_stepfunctions as sfn } from "aws-cdk-lib";
import { StateMachine as LocalStateMachine } from "aws-local-stepfunctions";
import { beforeAll, describe, expect, it } from "vitest";
import { STEPS } from "#shared/steps/index.ts";
import { buildOnboardingDefinition, ONBOARDING_STEPS } from "#workflows/onboarding/definition.ts";
import { rejectStateOf, routeStateOf, STATE } from "#workflows/onboarding/states.ts";
import { SCRIPTED_EXECUTION, taskFunctions } from "./scripted-machine.ts";

/** The onboarding ASL as CDK synthesises it, run by the local engine with fake tasks keyed by state name. */
type Calls = { state: string; payload: Record<string, unknown> }[];
type Definition = ConstructorParameters<typeof LocalStateMachine>[0];

let definition: Definition;

beforeAll(() => {
  const app = new App();
  const stack = new Stack(app, "Onboarding", { env: { account: "123456789012", region: "eu-west-1" } });
  const fn = (name: string) =>
    lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:eu-west-1:123456789012:function:${name}`);
  const machine = new sfn.StateMachine(stack, "M", {
    definitionBody: sfn.DefinitionBody.fromChainable(
      buildOnboardingDefinition(
        stack,
        taskFunctions(fn),
        Object.fromEntries(Object.keys(STEPS).map((kind) => [kind, Duration.seconds(1)])),
      ),
    ),
  });
  const template = app.synth().getStackByName("Onboarding").template as {
    Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }>;
  };
  const resource = Object.values(template.Resources).find(
    (r) => r.Type === "AWS::StepFunctions::StateMachine",
  );
  const raw = resource?.Properties.DefinitionString;
  const text =
    typeof raw === "string"
      ? raw
      : (raw as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1]
          .map((part) => (typeof part === "string" ? part : "aws"))
          .join("");
  definition = JSON.parse(text) as Definition;
  expect(machine).toBeDefined();
});

interface Script {
  decisions?: Record<string, unknown>[];
  failAssessWith?: string;
  transientAssessFailures?: number;
  /** Leave the officer's callback unanswered so that its timeout fires. */
  silentOfficer?: boolean;
  /** Leave the partner's resubmission callback unanswered. */
  silentPartner?: boolean;
}

async function run(script: Script) {
  const calls: Calls = [];
  const decisions = [...(script.decisions ?? [])];
  let transient = script.transientAssessFailures ?? 0;
  const task = (state: string, impl?: () => unknown) => async (input: unknown) => {
    const payload = (input as { Payload: Record<string, unknown> }).Payload;
    calls.push({ state, payload });
    return { Payload: impl ? impl() : {}, StatusCode: 200 };
  };
  const fail = (name: string) => {
    const error = new Error(`${name} from a fake task`);
    error.name = name;
    throw error;
  };
  const overrides: Record<string, (input: unknown) => Promise<unknown>> = {
    [STATE.assessNeeds]: task(STATE.assessNeeds, () => {
      if (transient-- > 0) fail("Lambda.ServiceException");
      if (script.failAssessWith) fail(script.failAssessWith);
      return {};
    }),
    [STATE.awaitOfficerDecision]: async (input) => {
      calls.push({
        state: STATE.awaitOfficerDecision,
        payload: (input as { Payload: Record<string, unknown> }).Payload,
      });
      if (script.silentOfficer) return new Promise(() => undefined);
      return decisions.shift() ?? fail("NoScriptedDecision");
    },
    [STATE.awaitPartnerResubmission]: async (input) => {
      calls.push({
        state: STATE.awaitPartnerResubmission,
        payload: (input as { Payload: Record<string, unknown> }).Payload,
      });
      if (script.silentPartner) return new Promise(() => undefined);
      return { intakeVersion: 2 };
    },
    [STATE.approveForVetting]: task(STATE.approveForVetting),
    // The stages after the approval have tests of their own (onboarding-branches.test.ts): here the partner
    // never answers the checklist, and its step times out.
    [STATE.awaitVettingEvidence]: async (input) => {
      calls.push({
        state: STATE.awaitVettingEvidence,
        payload: (input as { Payload: Record<string, unknown> }).Payload,
      });
      return new Promise(() => undefined);
    },
    [STATE.declinePartnership]: task(STATE.declinePartnership),
    [STATE.tellLeadOfTimeout]: task(STATE.tellLeadOfTimeout),
    [STATE.expireUndecided]: task(STATE.expireUndecided),
    [STATE.recordWorkflowFailure]: task(STATE.recordWorkflowFailure),
  };
  const machine = new LocalStateMachine(definition, {
    validationOptions: { checkArn: false, checkPaths: false },
  });
  const execution = machine.run(
    { partnershipId: "01KAW0000000000000000000PP" },
    {
      overrides: {
        taskResourceLocalHandlers: overrides as never,
        retryIntervalOverrides: { [STATE.assessNeeds]: 0 },
      },
      // The engine gives one context object for the whole run; the runtime (infra/local) names each state.
      context: {
        Execution: { Id: SCRIPTED_EXECUTION, Name: "01KAW0000000000000000000PP" },
        Task: { Token: "task-token-1" },
        State: { Name: "(state)" },
      },
    },
  );
  let error: Error | undefined;
  let output: unknown;
  try {
    output = await execution.result;
  } catch (e) {
    error = e as Error;
  }
  return { calls, states: calls.map((c) => c.state), output, error };
}

describe("onboarding state machine", () => {
  it("approve: assesses, asks the officer with a task token, then approves for vetting", async () => {
    const { calls, states, error } = await run({ decisions: [{ outcome: "approve", comment: "" }] });
    expect(error).toBeUndefined();
    expect(states).toEqual([
      STATE.assessNeeds,
      STATE.awaitOfficerDecision,
      STATE.approveForVetting,
      STATE.awaitVettingEvidence,
      STATE.tellLeadOfTimeout,
      STATE.expireUndecided,
    ]);
    expect(calls[1]?.payload).toMatchObject({
      partnershipId: "01KAW0000000000000000000PP",
      taskToken: "task-token-1",
      timeoutSeconds: 1,
      dueSeconds: 1,
      kind: "intake-review",
      // Kept on the decision: an ending stops the execution it waits in.
      executionId: SCRIPTED_EXECUTION,
    });
    expect(calls[2]?.payload).toMatchObject({ outcome: "approved" });
  });

  it("request info: asks the partner with the officer's comment, reassesses, then approves", async () => {
    const { calls, states } = await run({
      decisions: [
        { outcome: "request-info", comment: "Which schools?" },
        { outcome: "approve", comment: "Welcome" },
      ],
    });
    expect(states).toEqual([
      STATE.assessNeeds,
      STATE.awaitOfficerDecision,
      STATE.awaitPartnerResubmission,
      STATE.assessNeeds,
      STATE.awaitOfficerDecision,
      STATE.approveForVetting,
      STATE.awaitVettingEvidence,
      STATE.tellLeadOfTimeout,
      STATE.expireUndecided,
    ]);
    expect(calls[2]?.payload).toMatchObject({
      kind: "resubmission",
      inputs: { request: "Which schools?" },
      taskToken: "task-token-1",
    });
    // Every step keeps its decision in one place: the approval's task reads the decision that led to it.
    expect(calls[5]?.payload).toMatchObject({ outcome: "approved", comment: "Welcome" });
  });

  it("decline: records the decline with the officer's reason", async () => {
    const { calls, states } = await run({ decisions: [{ outcome: "decline", comment: "Outside our area" }] });
    expect(states).toEqual([STATE.assessNeeds, STATE.awaitOfficerDecision, STATE.declinePartnership]);
    expect(calls[2]?.payload).toMatchObject({ outcome: "declined", comment: "Outside our area" });
  });

  it("timeout: an officer who never decides leads to ExpireUndecided, not silence", async () => {
    const { calls, states, error } = await run({ silentOfficer: true });
    expect(error).toBeUndefined();
    // The lead is told first, then the partnership expires.
    expect(states).toEqual([
      STATE.assessNeeds,
      STATE.awaitOfficerDecision,
      STATE.tellLeadOfTimeout,
      STATE.expireUndecided,
    ]);
    // The execution's id names its own step's decision (another workflow's may be open too).
    expect(calls[2]?.payload).toEqual({
      partnershipId: "01KAW0000000000000000000PP",
      step: "(state)",
      executionId: SCRIPTED_EXECUTION,
    });
    expect(calls[3]?.payload).toMatchObject({ outcome: "expired" });
  });

  it("timeout: a partner who never resubmits leads to ExpireUndecided", async () => {
    const { states } = await run({
      silentPartner: true,
      decisions: [{ outcome: "request-info", comment: "More?" }],
    });
    expect(states).toEqual([
      STATE.assessNeeds,
      STATE.awaitOfficerDecision,
      STATE.awaitPartnerResubmission,
      STATE.tellLeadOfTimeout,
      STATE.expireUndecided,
    ]);
  });

  it("task error: a named domain error is caught, recorded, and the execution fails", async () => {
    const { calls, states, error } = await run({ failAssessWith: "PartnershipNotFoundError" });
    expect(states).toEqual([STATE.assessNeeds, STATE.recordWorkflowFailure]);
    expect(calls[1]?.payload).toMatchObject({
      workflow: "onboarding",
      failed: { [STATE.assessNeeds]: { Error: "PartnershipNotFoundError" } },
    });
    expect((error?.cause as Error | undefined)?.name).toBe("OnboardingFailed");
  });

  it("retries a transient Lambda fault instead of failing", async () => {
    const { states, error } = await run({
      transientAssessFailures: 2,
      decisions: [{ outcome: "approve", comment: "" }],
    });
    expect(error).toBeUndefined();
    expect(states.filter((s) => s === STATE.assessNeeds)).toHaveLength(3);
    expect(states).toContain(STATE.approveForVetting);
  });

  it("an unknown decision is recorded as a failure rather than taking a branch", async () => {
    const { states, calls } = await run({ decisions: [{ outcome: "maybe", comment: "" }] });
    expect(states.at(-1)).toBe(STATE.recordWorkflowFailure);
    expect(calls.at(-1)?.payload).toMatchObject({
      failed: { [STATE.awaitOfficerDecision]: { Error: "UnknownOutcomeError", Cause: "maybe" } },
    });
  });

  it("places every onboarding step of the registry, its route named as the state module names it", () => {
    const states = definition.States as Record<
      string,
      { Type: string; Parameters?: { Payload?: { kind?: string } } }
    >;
    for (const step of ONBOARDING_STEPS.map((kind) => STEPS[kind])) {
      expect(states[step.state]?.Parameters?.Payload?.kind, step.kind).toBe(step.kind);
    }
    expect(routeStateOf(STATE.awaitOfficerDecision)).toBe(STATE.routeOfficerDecision);
    expect(rejectStateOf(STATE.awaitOfficerDecision)).toBe(STATE.rejectUnknownOfficerDecision);
    expect(states[STATE.routeOfficerDecision]?.Type).toBe("Choice");
    expect(states[STATE.rejectUnknownOfficerDecision]?.Type).toBe("Pass");
  });

  it("every callback task has an explicit timeout and every Lambda task retries transient faults", () => {
    const states = definition.States as Record<
      string,
      { Type: string; Resource?: string; TimeoutSeconds?: number; Retry?: unknown[] }
    >;
    for (const [name, state] of Object.entries(states)) {
      if (state.Type !== "Task") continue;
      expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
      expect(state.Retry, name).toBeDefined();
    }
    expect(states[STATE.awaitOfficerDecision]?.Resource).toContain(".waitForTaskToken");
  });
});
