import { describe, expect, it } from "vitest";
import {
  buildLocalModel,
  type CfnTemplate,
  type StackTemplates,
  UnresolvableReferenceError,
} from "../../infra/local/template.ts";
import fixture from "./fixtures/partnerflow-templates.json" with { type: "json" };

const templates = fixture as unknown as StackTemplates;
const model = buildLocalModel(templates, { region: "eu-west-1", baseUrl: "http://127.0.0.1:4321/" });

function withResources(stack: string, extra: Record<string, unknown>): StackTemplates {
  const copy = structuredClone(fixture) as unknown as Record<string, CfnTemplate>;
  const template = copy[stack] as { Resources: Record<string, unknown> };
  Object.assign(template.Resources, extra);
  return copy;
}

type TaskState = { Type: string; Resource?: string; Parameters?: { FunctionName?: string } };

describe("local model from the synthesized templates", () => {
  it("finds the functions by their partnerflow:function tag", () => {
    expect(model.functions.map((f) => f.name).sort()).toEqual([
      "assess-intake",
      "open-step",
      "record-failure",
      "record-outcome",
      "show-step",
      "submit-intake",
    ]);
  });

  it("resolves environment variables: ImportValue across stacks, GetAtt, Join, the API endpoint", () => {
    const submit = model.functions.find((f) => f.name === "submit-intake");
    expect(submit?.environment).toEqual({
      TABLE_NAME: "partnerflow",
      TABLE_ARN: "arn:aws:dynamodb:eu-west-1:000000000000:table/partnerflow",
      PUBLIC_BASE_URL: "http://127.0.0.1:4321",
      SENDER_EMAIL: "partnerships@example.org",
      STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:000000000000:stateMachine:OnboardingFB9AFC44",
      STATUS_URL_TEMPLATE: "http://127.0.0.1:4321/status/",
    });
    expect(submit?.timeoutSeconds).toBe(10);
  });

  it("maps each HTTP API route to the function behind its integration", () => {
    expect(model.routes).toEqual(
      expect.arrayContaining([
        {
          method: "POST",
          path: "/api/partnerships",
          routeKey: "POST /api/partnerships",
          functionName: "submit-intake",
        },
        {
          method: "GET",
          path: "/decisions/{token}",
          routeKey: "GET /decisions/{token}",
          functionName: "show-step",
        },
      ]),
    );
    expect(model.routes).toHaveLength(2);
  });

  it("parses the state machine with every Lambda resolved to a local ARN", () => {
    const [machine] = model.stateMachines;
    expect(machine?.arn).toBe("arn:aws:states:eu-west-1:000000000000:stateMachine:OnboardingFB9AFC44");
    const states = Object.entries(machine?.definition.States ?? {}) as [string, TaskState][];
    const tasks = states.filter(([, s]) => s.Type === "Task");
    expect(tasks.length).toBeGreaterThanOrEqual(7);
    for (const [name, state] of tasks) {
      expect(state.Resource, name).toMatch(/^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/);
      expect(state.Parameters?.FunctionName, name).toMatch(
        /^arn:aws:lambda:eu-west-1:000000000000:function:(assess-intake|open-step|record-outcome|record-failure)$/,
      );
    }
    const awaiting = machine?.definition.States.AwaitOfficerDecision as TaskState | undefined;
    expect(awaiting?.Parameters?.FunctionName).toBe(
      "arn:aws:lambda:eu-west-1:000000000000:function:open-step",
    );
  });

  it("reads the table's keys and global secondary indexes", () => {
    expect(model.tables).toHaveLength(1);
    const [table] = model.tables;
    expect(table?.tableName).toBe("partnerflow");
    expect(table?.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(table?.GlobalSecondaryIndexes.map((g) => g.IndexName)).toEqual(["byStage", "openDecisionsByDue"]);
    expect(table?.GlobalSecondaryIndexes[1]?.Projection).toEqual({ ProjectionType: "KEYS_ONLY" });
    expect(table?.AttributeDefinitions).toHaveLength(6);
  });

  // CloudFormation's Fn::Sub syntax is ${...} inside plain strings.
  const d = "$";
  it("resolves Fn::Sub (pseudo parameters, Ref, GetAtt, the ! escape) and Select/Split", () => {
    const extra = {
      Probe: {
        Type: "AWS::Lambda::Function",
        Properties: {
          Tags: [{ Key: "partnerflow:function", Value: "probe" }],
          Environment: {
            Variables: {
              SUB: {
                "Fn::Sub": `${d}{AWS::Region}/${d}{AWS::AccountId}/${d}{OnboardingFB9AFC44.Name}/${d}{!Literal}`,
              },
              SUB_VARS: {
                "Fn::Sub": [`${d}{Api}/x`, { Api: { "Fn::GetAtt": ["HttpApiF5A9A8A7", "ApiEndpoint"] } }],
              },
              PICK: { "Fn::Select": [1, { "Fn::Split": [",", "a,b,c"] }] },
            },
          },
        },
      },
    };
    const probe = buildLocalModel(withResources("Partnerflow-App", extra), {
      baseUrl: "http://127.0.0.1:4321",
    }).functions.find((f) => f.name === "probe");
    expect(probe?.environment).toEqual({
      SUB: `eu-west-1/000000000000/OnboardingFB9AFC44/${d}{Literal}`,
      SUB_VARS: "http://127.0.0.1:4321/x",
      PICK: "b",
    });
  });

  it("fails with a clear error naming a reference that has no local equivalent", () => {
    const extra = {
      Topic: { Type: "AWS::SNS::Topic", Properties: {} },
      Probe: {
        Type: "AWS::Lambda::Function",
        Properties: {
          Tags: [{ Key: "partnerflow:function", Value: "probe" }],
          Environment: {
            Variables: { TOPIC: { Ref: "Topic" }, MISSING: { "Fn::GetAtt": ["Nowhere", "Arn"] } },
          },
        },
      },
    };
    const build = () => buildLocalModel(withResources("Partnerflow-App", extra));
    expect(build).toThrow(UnresolvableReferenceError);
    expect(build).toThrow(/AWS::SNS::Topic Topic.*|Topic.*AWS::SNS::Topic/);
    expect(build).toThrow(/Probe\.Environment\.TOPIC/);
    const missing = { Probe: extra.Probe };
    (missing.Probe.Properties.Environment.Variables as Record<string, unknown>).TOPIC = "plain";
    expect(() => buildLocalModel(withResources("Partnerflow-App", missing))).toThrow(/no resource Nowhere/);
  });
});
