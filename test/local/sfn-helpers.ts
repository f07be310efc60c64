/** A tiny state machine with a Lambda task and a callback, and fake Lambdas, for the engine tests. */
import { SFNClient } from "@aws-sdk/client-sfn";
import { LocalLambda } from "../../infra/local/lambda.ts";
import type { RunningServer } from "../../infra/local/servers.ts";
import { StepFunctionsEngine, startStepFunctionsEndpoint } from "../../infra/local/step-functions.ts";
import type { AslDefinition, LocalStateMachine } from "../../infra/local/template.ts";

const fn = (name: string) => `arn:aws:lambda:eu-west-1:000000000000:function:${name}`;

export const definition: AslDefinition = {
  StartAt: "Prepare",
  States: {
    Prepare: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: fn("prepare"), "Payload.$": "$" },
      ResultSelector: { "prepared.$": "$.Payload.prepared", "status.$": "$.StatusCode" },
      ResultPath: "$.prep",
      TimeoutSeconds: 30,
      Catch: [{ ErrorEquals: ["PartnershipNotFoundError"], ResultPath: "$.failure", Next: "NotFound" }],
      Next: "AwaitDecision",
    },
    AwaitDecision: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: {
        FunctionName: fn("request-decision"),
        Payload: { "id.$": "$.id", "taskToken.$": "$$.Task.Token", "execution.$": "$$.Execution.Id" },
      },
      TimeoutSeconds: 2_592_000,
      ResultPath: "$.decision",
      Catch: [
        { ErrorEquals: ["States.Timeout"], ResultPath: "$.failure", Next: "Expired" },
        { ErrorEquals: ["OfficerRejected"], ResultPath: "$.failure", Next: "Rejected" },
      ],
      Next: "Done",
    },
    Done: { Type: "Succeed" },
    Expired: { Type: "Pass", Result: "expired", ResultPath: "$.outcome", End: true },
    Rejected: { Type: "Pass", Result: "rejected", ResultPath: "$.outcome", End: true },
    NotFound: { Type: "Fail", Error: "OnboardingFailed", Cause: "See the ledger" },
  },
};

export const machine: LocalStateMachine = {
  stack: "Test",
  logicalId: "Tiny",
  name: "tiny",
  arn: "arn:aws:states:eu-west-1:000000000000:stateMachine:tiny",
  roleArn: "arn:aws:iam::000000000000:role/tiny",
  definition,
};

export interface Harness {
  engine: StepFunctionsEngine;
  endpoint: RunningServer;
  client: SFNClient;
  warnings: string[];
  /** The task token the fake request-decision Lambda received for an input id. */
  token(id: string): Promise<string>;
  close(): Promise<void>;
}

export async function harness(timeoutOverridesSeconds: Record<string, number> = {}): Promise<Harness> {
  const tokens = new Map<string, PromiseWithResolvers<string>>();
  const slot = (id: string) => {
    const s = tokens.get(id) ?? Promise.withResolvers<string>();
    tokens.set(id, s);
    return s;
  };
  const notFound = Object.assign(new Error("no such partnership"), { name: "PartnershipNotFoundError" });
  const lambda = new LocalLambda({
    handlers: {
      prepare: async (event) => {
        if ((event as { id?: string }).id === "missing") throw notFound;
        return { prepared: true };
      },
      "request-decision": async (event) => {
        const { id, taskToken } = event as { id: string; taskToken: string };
        slot(id).resolve(taskToken);
        return {};
      },
    },
  });
  const warnings: string[] = [];
  const engine = new StepFunctionsEngine({
    region: "eu-west-1",
    stateMachines: [machine],
    invoke: (name, payload) => lambda.invoke(name, payload),
    timeoutOverridesSeconds,
    log: (level, message) => {
      if (level === "warn" && message.includes("clamped")) warnings.push(message);
    },
  });
  const endpoint = await startStepFunctionsEndpoint({ engine });
  const client = new SFNClient({
    endpoint: endpoint.url,
    region: "eu-west-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  return {
    engine,
    endpoint,
    client,
    warnings,
    token: (id) => slot(id).promise,
    close: async () => {
      client.destroy();
      await engine.stop();
      await endpoint.close();
    },
  };
}
