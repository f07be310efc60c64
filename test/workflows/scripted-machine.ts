/**
 * A state machine as CDK synthesises it, run by the local engine with fake tasks: each human step answers from
 * a script (in the order the workflow asks), every other task succeeds unless told to fail; the states visited
 * and what each task was given are read back. Shared by the workflows' branch tests.
 */
import { App, aws_lambda as lambda, Stack, aws_stepfunctions as sfn } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { StateMachine as LocalStateMachine } from "aws-local-stepfunctions";
import type { Construct } from "constructs";

export type Definition = ConstructorParameters<typeof LocalStateMachine>[0];
type Payload = Record<string, unknown>;

/** A human step's scripted answer: the state that must be asking, and what it answers (or silence). */
export type Answer =
  | readonly [state: string, outcome: string, comment?: string]
  | readonly [state: string, "(silent)"];

/** The ASL of the chainable `build` makes, with each function a stand-in ARN and every intrinsic a placeholder. */
/**
 * Every task function the state machines name, by the name their definitions give it (each definition reads the
 * ones it uses): the onboarding's, the vetting renewal's and the review's.
 */
export function taskFunctions(fn: (name: string) => IFunction) {
  return {
    assessIntake: fn("assess-intake"),
    openStep: fn("open-step"),
    recordOutcome: fn("record-outcome"),
    issueAgreement: fn("issue-agreement"),
    completeAgreement: fn("complete-agreement"),
    recordFailure: fn("record-failure"),
    tellLeadOfTimeout: fn("tell-lead-of-timeout"),
  };
}

export function synthesize(
  build: (scope: Construct, fn: (name: string) => IFunction) => sfn.IChainable,
): Definition {
  const app = new App();
  const stack = new Stack(app, "Scripted", { env: { account: "123456789012", region: "eu-west-1" } });
  const fn = (name: string) =>
    lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:eu-west-1:123456789012:function:${name}`);
  new sfn.StateMachine(stack, "M", { definitionBody: sfn.DefinitionBody.fromChainable(build(stack, fn)) });
  const template = app.synth().getStackByName("Scripted").template as {
    Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }>;
  };
  const raw = Object.values(template.Resources).find((r) => r.Type === "AWS::StepFunctions::StateMachine")
    ?.Properties.DefinitionString;
  const text =
    typeof raw === "string"
      ? raw
      : (raw as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1]
          .map((part) => (typeof part === "string" ? part : "aws"))
          .join("");
  return JSON.parse(text) as Definition;
}

export interface ScriptedRun {
  readonly definition: Definition;
  /** Every state name a task may have (each gets a fake handler). */
  readonly states: readonly string[];
  /** The states of human steps: they answer from the script. */
  readonly humanStates: ReadonlySet<string>;
  readonly input: Record<string, unknown>;
  /** $$.Execution.Name. */
  readonly executionName?: string;
  /** What a (non-human) task answers, by state, when it must answer something: `{}` otherwise. */
  readonly results?: Readonly<Record<string, Payload>>;
}

/** The execution's id ($$.Execution.Id) every human step is given, to keep on its decision. */
export const SCRIPTED_EXECUTION = "arn:aws:states:eu-west-1:123456789012:execution:M:scripted";

export async function runScripted(
  machine: ScriptedRun,
  answers: readonly Answer[],
  failures: Readonly<Record<string, string>> = {},
) {
  const calls: { state: string; payload: Payload }[] = [];
  const script = [...answers];
  const named = (name: string, message: string) => Object.assign(new Error(message), { name });
  const handler = (state: string) => async (input: unknown) => {
    const payload = (input as { Payload: Payload }).Payload;
    calls.push({ state, payload });
    const failure = failures[state];
    if (failure) throw named(failure, `${failure} from a fake task`);
    if (!machine.humanStates.has(state)) return { Payload: machine.results?.[state] ?? {}, StatusCode: 200 };
    const next = script.shift();
    if (!next) throw named("NoScriptedAnswer", `${state} asked, and the script has no answer left`);
    if (next[0] !== state) throw named("ScriptOutOfOrder", `${state} asked; the script answers ${next[0]}`);
    if (next[1] === "(silent)") return new Promise(() => undefined);
    // What the deciding POST resumes the workflow with: the outcome, the comment and the decision's id.
    return { outcome: next[1], comment: next[2] ?? "", decisionId: `D${calls.length}` };
  };
  const overrides = Object.fromEntries(machine.states.map((state) => [state, handler(state)]));
  const local = new LocalStateMachine(machine.definition, {
    validationOptions: { checkArn: false, checkPaths: false },
  });
  const execution = local.run(machine.input as Parameters<LocalStateMachine["run"]>[0], {
    overrides: { taskResourceLocalHandlers: overrides as never },
    context: {
      Execution: { Id: SCRIPTED_EXECUTION, Name: machine.executionName ?? "scripted-execution" },
      Task: { Token: "task-token-1" },
      State: { Name: "(state)" },
    },
  });
  let error: Error | undefined;
  try {
    await execution.result;
  } catch (e) {
    error = e as Error;
  }
  return {
    calls,
    states: calls.map((c) => c.state),
    error,
    unanswered: script,
    /** The payload of the n-th call of a state (0 = its first). */
    payloadOf: (state: string, n = 0) => calls.filter((c) => c.state === state)[n]?.payload,
  };
}
