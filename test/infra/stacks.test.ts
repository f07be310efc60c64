import { readFileSync } from "node:fs";
/** The synthesised stacks: the table, the functions and their grants, the API routes and the state machine. */
import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { buildApp } from "#infra/build-app.ts";
import { InvalidConfigError, loadConfig } from "#infra/config.ts";
import {
  ALL_FUNCTIONS,
  apiRouteKeys,
  ENV,
  FUNCTION_TAG,
  type FunctionSpec,
  isApiRoute,
  SCHEDULED_FUNCTIONS,
  TASK_FUNCTIONS,
} from "#infra/function-catalog.ts";
import { STEPS } from "#shared/steps/index.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import { REVETTING_STATE } from "#workflows/revetting/states.ts";
import { REVIEW_STATE } from "#workflows/review/states.ts";

// Values that differ from the defaults, so that each assertion proves the configuration reached the template.
const CONTEXT = {
  partnerflow: {
    senderEmail: "hello@partners.example.net",
    officeEmail: "office@example.net",
    officerEmails: ["ada@example.net", "grace@example.net"],
    officerDecisionDays: 5,
    partnerResubmissionDays: 20,
    statusLinkTtlDays: 90,
    logRetentionDays: 180,
    staffSignInDomainPrefix: "partnerflow-staff-test",
    // A Friday off: two business days after a Wednesday take until Monday (5 days), the longest they can.
    holidays: ["2027-01-15"],
    remindersBeforeEscalation: 1,
    escalationGraceDays: 3,
  },
};
/** After a step falls due, room for its reminder and escalation (5 days, see above) and the grace (3). */
const ESCALATION_WINDOW = 5 + 3;
const DAY = 86_400;

const { stateful, application } = buildApp({ bundle: false, context: CONTEXT });
const data = Template.fromStack(stateful);
const app = Template.fromStack(application);

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

const resources = (template: Template, type: string) =>
  Object.entries(template.findResources(type) as Record<string, Resource>);
const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0] as T;
};
const logicalIdsStartingWith = (template: Template, prefix: string) =>
  only(Object.keys(template.toJSON().Resources).filter((id) => id.startsWith(prefix)));
const logicalIdOf = (template: Template, type: string) => only(Object.keys(template.findResources(type)));

/** The logical id of the Lambda function tagged with this catalog name. */
function functionId(name: string): string {
  const tagged = resources(app, "AWS::Lambda::Function").filter(([, r]) =>
    (r.Properties.Tags as { Key: string; Value: string }[] | undefined)?.some(
      (t) => t.Key === FUNCTION_TAG && t.Value === name,
    ),
  );
  return only(tagged)[0];
}
const fnProps = (name: string) =>
  app.toJSON().Resources[functionId(name)].Properties as Record<string, unknown>;

/** Every statement of the policies attached to the function's role. */
function statementsOf(name: string): Statement[] {
  const roleId = (fnProps(name).Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  return resources(app, "AWS::IAM::Policy")
    .filter(([, p]) =>
      (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === `{"Ref":"${roleId}"}`),
    )
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
const environmentOf = (name: string) =>
  (fnProps(name).Environment as { Variables: Record<string, unknown> }).Variables;
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

/** The ASL with every intrinsic replaced by a placeholder, parsed. */
/** The state machine whose logical id starts with `prefix`: "Onboarding", or the "VettingRenewal". */
const machine = (prefix = "Onboarding") =>
  only(resources(app, "AWS::StepFunctions::StateMachine").filter(([id]) => id.startsWith(prefix)));

function definition(prefix = "Onboarding"): { States: Record<string, Record<string, unknown>> } {
  const raw = machine(prefix)[1].Properties.DefinitionString;
  const text =
    typeof raw === "string"
      ? raw
      : (raw as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1]
          .map((part) => (typeof part === "string" ? part : "TOKEN"))
          .join("");
  return JSON.parse(text);
}

describe("stateful stack", () => {
  it("keys one on-demand table on pk/sk strings with expiresAtEpoch as TTL", () => {
    data.resourceCountIs("AWS::DynamoDB::Table", 1);
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ]),
      BillingMode: "PAY_PER_REQUEST",
      TimeToLiveSpecification: { AttributeName: "expiresAtEpoch", Enabled: true },
    });
  });

  it("indexes partnerships by stage, open decisions by due date, and every partnership in a small registry", () => {
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: "byStage",
          KeySchema: [
            { AttributeName: "gsi1pk", KeyType: "HASH" },
            { AttributeName: "gsi1sk", KeyType: "RANGE" },
          ],
        }),
        Match.objectLike({
          IndexName: "openDecisionsByDue",
          KeySchema: [
            { AttributeName: "gsi2pk", KeyType: "HASH" },
            { AttributeName: "gsi2sk", KeyType: "RANGE" },
          ],
        }),
        Match.objectLike({
          IndexName: "registry",
          KeySchema: [
            { AttributeName: "itemType", KeyType: "HASH" },
            { AttributeName: "normalisedName", KeyType: "RANGE" },
          ],
          // Not ALL: the assessment reads this for every partnership, so intakes and assessments stay out.
          Projection: {
            ProjectionType: "INCLUDE",
            NonKeyAttributes: [
              "id",
              "organisationName",
              "website",
              "stage",
              "contributionTypes",
              "audiences",
            ],
          },
        }),
      ]),
      AttributeDefinitions: Match.arrayWith(
        ["gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "itemType", "normalisedName"].map((name) => ({
          AttributeName: name,
          AttributeType: "S",
        })),
      ),
    });
  });

  it("keeps a retained, rotating key of its own to wrap each partnership's personal data key", () => {
    const [, key] = only(resources(data, "AWS::KMS::Key").filter(([id]) => id.startsWith("PersonalDataKey")));
    expect(key).toMatchObject({
      DeletionPolicy: "Retain",
      Properties: { EnableKeyRotation: true, Description: expect.stringMatching(/personal data/) },
    });
  });

  it("protects the table: point-in-time recovery, deletion protection, retained on delete", () => {
    data.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it("encrypts the table with its own retained, rotating customer-managed key", () => {
    // The other keys of the stack are the checkpoints' asymmetric signing key and the personal data key.
    const keyId = only(
      resources(data, "AWS::KMS::Key").filter(
        ([id, r]) => r.Properties.KeyUsage !== "SIGN_VERIFY" && !id.startsWith("PersonalDataKey"),
      ),
    )[0];
    data.hasResource("AWS::KMS::Key", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      SSESpecification: {
        SSEEnabled: true,
        SSEType: "KMS",
        KMSMasterKeyId: { "Fn::GetAtt": [keyId, "Arn"] },
      },
    });
  });

  it("lets CloudWatch Logs use the key only for this account's log groups", () => {
    data.hasResourceProperties("AWS::KMS::Key", {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: Match.anyValue() },
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": Match.anyValue() } },
          }),
        ]),
      },
    });
  });
});

describe("functions", () => {
  it("creates one function per catalog entry", () => {
    app.resourceCountIs("AWS::Lambda::Function", ALL_FUNCTIONS.length);
    for (const spec of ALL_FUNCTIONS) expect(functionId(spec.name)).toBeTruthy();
  });

  it.each(ALL_FUNCTIONS.map((s) => [s.name, s.timeoutSeconds ?? 10]))(
    "runs %s on Node 24, arm64, traced, 512 MB, %i s",
    (name, timeout) => {
      expect(fnProps(name)).toMatchObject({
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        TracingConfig: { Mode: "Active" },
        MemorySize: 512,
        Timeout: timeout,
        Handler: "index.handler",
      });
    },
  );

  it("gives each function its own log group with the configured retention, encrypted with the data key", () => {
    const logGroups = new Set<string>();
    for (const spec of ALL_FUNCTIONS) {
      const logGroupId = (fnProps(spec.name).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      logGroups.add(logGroupId);
      expect(app.toJSON().Resources[logGroupId]).toMatchObject({
        Type: "AWS::Logs::LogGroup",
        Properties: { RetentionInDays: 180, KmsKeyId: { "Fn::ImportValue": expect.stringMatching(/Key/) } },
      });
    }
    expect(logGroups.size).toBe(ALL_FUNCTIONS.length);
  });

  it("sets the handlers' environment from the configuration", () => {
    const apiId = logicalIdOf(app, "AWS::ApiGatewayV2::Api");
    for (const spec of ALL_FUNCTIONS) {
      const env = (fnProps(spec.name).Environment as { Variables: Record<string, unknown> }).Variables;
      // Source maps are read on demand (shared/http/stack-trace.ts), not at every cold start.
      expect(env.NODE_OPTIONS).toBeUndefined();
      expect(env).toMatchObject({
        [ENV.TABLE_NAME]: { "Fn::ImportValue": expect.stringMatching(/Table/) },
        [ENV.PUBLIC_BASE_URL]: { "Fn::GetAtt": [apiId, "ApiEndpoint"] },
        [ENV.SENDER_EMAIL]: "hello@partners.example.net",
        [ENV.OFFICER_EMAILS]: "ada@example.net,grace@example.net",
        [ENV.OFFICE_EMAIL]: "office@example.net",
        [ENV.STATUS_LINK_TTL_DAYS]: "90",
        [ENV.EVIDENCE_RENEWAL_NOTICE_DAYS]: "30",
      });
    }
  });

  it("gives each state machine's ARN only to the functions that start (or stop) its executions", () => {
    const [onboarding] = machine("Onboarding");
    const [renewal] = machine("VettingRenewal");
    for (const spec of ALL_FUNCTIONS) {
      const env = (fnProps(spec.name).Environment as { Variables: Record<string, unknown> }).Variables;
      if (spec.grants.includes("start-execution") || spec.grants.includes("stop-execution"))
        expect(env[ENV.STATE_MACHINE_ARN]).toEqual({ Ref: onboarding });
      else expect(env).not.toHaveProperty(ENV.STATE_MACHINE_ARN);
      // The ending functions too: they stop the renewal's retried executions by name.
      if (spec.grants.includes("start-renewal") || spec.grants.includes("stop-execution"))
        expect(env[ENV.REVETTING_STATE_MACHINE_ARN]).toEqual({ Ref: renewal });
      else expect(env).not.toHaveProperty(ENV.REVETTING_STATE_MACHINE_ARN);
    }
    // The renewal's sweep, and the lead's retry (which starts whichever workflow failed again).
    expect(ALL_FUNCTIONS.filter((s) => s.grants.includes("start-renewal")).map((s) => s.name)).toEqual([
      "retry-workflow",
      "start-vetting-renewals",
    ]);
  });
});

describe("grants", () => {
  const has = (spec: FunctionSpec, ...grants: FunctionSpec["grants"][number][]) =>
    grants.some((g) => spec.grants.includes(g));

  it.each(ALL_FUNCTIONS.map((s) => [s.name, s] as const))(
    "grants %s exactly its catalog grants",
    (_, spec) => {
      const actions = actionsOf(statementsOf(spec.name));
      const expectAction = (action: string, granted: boolean) =>
        granted ? expect(actions).toContain(action) : expect(actions).not.toContain(action);
      expectAction("dynamodb:Query", has(spec, "table-read", "table-write"));
      expectAction("dynamodb:PutItem", has(spec, "table-write"));
      expectAction("kms:Decrypt", has(spec, "table-read", "table-write"));
      expectAction("states:StartExecution", has(spec, "start-execution", "start-renewal", "start-review"));
      expectAction("scheduler:CreateSchedule", has(spec, "review-schedule"));
      expectAction("iam:PassRole", has(spec, "review-schedule"));
      expectAction("scheduler:DeleteSchedule", has(spec, "review-schedule", "review-schedule-cancel"));
      expectAction("states:SendTaskSuccess", has(spec, "task-response"));
      expectAction("states:StopExecution", has(spec, "stop-execution"));
      expectAction("ses:SendEmail", has(spec, "send-email"));
      expectAction("ses:SendRawEmail", has(spec, "send-email"));
    },
  );

  it("lets only the personal-data functions make and unwrap data keys, under the personal data key, per partnership", () => {
    const key = logicalIdsStartingWith(data, "PersonalDataKey");
    for (const spec of ALL_FUNCTIONS) {
      const onKey = statementsOf(spec.name).filter((s) => JSON.stringify(s.Resource).includes(key));
      const env = (fnProps(spec.name).Environment as { Variables: Record<string, unknown> }).Variables;
      if (!spec.grants.includes("personal-data")) {
        expect(onKey, spec.name).toEqual([]);
        expect(env.PERSONAL_DATA_KEY_ID, spec.name).toBeUndefined();
        continue;
      }
      expect(actionsOf(onKey).sort(), spec.name).toEqual(["kms:Decrypt", "kms:GenerateDataKey"]);
      expect(onKey[0]?.Condition).toEqual({
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["partnershipId"] },
        Null: { "kms:EncryptionContextKeys": "false" },
      });
      expect(JSON.stringify(env.PERSONAL_DATA_KEY_ID), spec.name).toContain(key);
    }
    // The chain's checkers and the erasure never hold a key.
    for (const name of ["audit-api", "make-checkpoint", "erase-personal-data"])
      expect(ALL_FUNCTIONS.find((s) => s.name === name)?.grants).not.toContain("personal-data");
  });

  it("allows sending email only from the configured sender's identities", () => {
    const sender = ALL_FUNCTIONS.filter((s) => s.grants.includes("send-email"));
    expect(sender.length).toBeGreaterThan(0);
    for (const spec of sender) {
      const ses = only(statementsOf(spec.name).filter((s) => actionsOf([s]).includes("ses:SendEmail")));
      const arns = JSON.stringify(ses.Resource);
      expect(arns).toContain(":identity/hello@partners.example.net");
      expect(arns).toContain(":identity/partners.example.net");
      expect(ses.Resource).not.toContain("*");
    }
  });

  it("has no IAM statement with Action * and no Resource * beyond X-Ray and log delivery", () => {
    // These actions have no resource-level permissions; their findings are acknowledged in the stacks.
    const resourceless =
      /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    const statements = [data, app].flatMap((t) =>
      resources(t, "AWS::IAM::Policy").flatMap(
        ([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
      ),
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      for (const action of actionsOf([s])) expect(action).not.toMatch(/^(\*|[a-z0-9-]+:\*)$/);
      if ([s.Resource].flat().includes("*")) {
        for (const action of actionsOf([s])) expect(action).toMatch(resourceless);
      }
    }
  });
});

describe("HTTP API", () => {
  const routes = ALL_FUNCTIONS.flatMap((spec) =>
    apiRouteKeys(spec).map((route) => [route, spec.name] as const),
  );
  const routeKeys = () => resources(app, "AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties.RouteKey);

  it("has exactly one route per catalog route, and a HEAD route beside each GET one", () => {
    app.resourceCountIs("AWS::ApiGatewayV2::Route", routes.length);
    const keys = routeKeys() as string[];
    const gets = keys.filter((k) => k.startsWith("GET ")).map((k) => k.slice(4));
    const heads = keys.filter((k) => k.startsWith("HEAD ")).map((k) => k.slice(5));
    expect(gets.length).toBeGreaterThan(0);
    expect(heads.sort()).toEqual(gets.sort());
  });

  it("sends any request no other route takes to not-found, and /favicon.ico to get-favicon", () => {
    expect(routes).toContainEqual(["$default", "not-found"]);
    expect(routes).toContainEqual(["GET /favicon.ico", "get-favicon"]);
    expect(routes).toContainEqual(["HEAD /favicon.ico", "get-favicon"]);
    expect(routeKeys().filter((k) => k === "$default")).toHaveLength(1);
  });

  it.each(routes)("routes %s to %s", (routeKey, name) => {
    const route = only(
      resources(app, "AWS::ApiGatewayV2::Route").filter(([, r]) => r.Properties.RouteKey === routeKey),
    );
    const target = JSON.stringify(route[1].Properties.Target);
    const integrationId = only(
      resources(app, "AWS::ApiGatewayV2::Integration").filter(([id]) => target.includes(`"${id}"`)),
    )[0];
    expect(app.toJSON().Resources[integrationId].Properties).toMatchObject({
      IntegrationType: "AWS_PROXY",
      IntegrationUri: { "Fn::GetAtt": [functionId(name), "Arn"] },
    });
  });

  it("throttles the $default stage and writes access logs without paths (they carry link tokens)", () => {
    const logGroupId = only(
      resources(app, "AWS::Logs::LogGroup").filter(([id]) => id.startsWith("ApiAccessLogs")),
    )[0];
    app.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: {
        DestinationArn: { "Fn::GetAtt": [logGroupId, "Arn"] },
        Format: Match.stringLikeRegexp("\\$context\\.requestId"),
      },
    });
    const stage = only(resources(app, "AWS::ApiGatewayV2::Stage"))[1];
    const format = (stage.Properties.AccessLogSettings as { Format: string }).Format;
    expect(format).not.toMatch(/\$context\.(path|identity\.sourceIp|identity\.userAgent)/);
  });
});

describe("onboarding state machine", () => {
  it("is a Standard state machine, traced, logging every event without execution data", () => {
    const logGroupId = only(
      resources(app, "AWS::Logs::LogGroup").filter(([id]) => id.startsWith("OnboardingLogs")),
    )[0];
    app.hasResourceProperties("AWS::StepFunctions::StateMachine", {
      StateMachineType: "STANDARD",
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: "ALL",
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { "Fn::GetAtt": [logGroupId, "Arn"] } } }],
      },
    });
  });

  it("waits for the officer and the partner with task-token callbacks and the configured timeouts", () => {
    const { States } = definition();
    const officer = States[STATE.awaitOfficerDecision];
    const partner = States[STATE.awaitPartnerResubmission];
    expect(officer?.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(partner?.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    // Due after the step's days; timed out after the reminders and the escalation had their business days.
    expect(officer?.TimeoutSeconds).toBe((5 + ESCALATION_WINDOW) * DAY);
    expect((officer?.Parameters as { Payload?: unknown } | undefined)?.Payload).toMatchObject({
      timeoutSeconds: (5 + ESCALATION_WINDOW) * DAY,
      dueSeconds: 5 * DAY,
    });
    expect(partner?.TimeoutSeconds).toBe((20 + ESCALATION_WINDOW) * DAY);
  });

  it("tells the lead at a step's timeout, and only then expires the partnership", () => {
    const { States } = definition();
    const officer = States[STATE.awaitOfficerDecision] as unknown as {
      Catch: { ErrorEquals: string[]; Next: string }[];
    };
    expect(officer.Catch[0]).toMatchObject({
      ErrorEquals: ["States.Timeout"],
      Next: STATE.tellLeadOfTimeout,
    });
    expect(States[STATE.tellLeadOfTimeout]).toMatchObject({ Type: "Task", Next: STATE.expireUndecided });
  });

  it("gives every task state an explicit timeout", () => {
    const tasks = Object.entries(definition().States).filter(([, s]) => s.Type === "Task");
    expect(tasks.length).toBeGreaterThanOrEqual(5);
    for (const [, state] of tasks) expect(state.TimeoutSeconds).toBeGreaterThan(0);
  });

  it("invokes the catalog's task functions", () => {
    const raw = JSON.stringify(machine("Onboarding")[1].Properties);
    for (const spec of TASK_FUNCTIONS) expect(raw).toContain(`"${functionId(spec.name)}"`);
    for (const spec of SCHEDULED_FUNCTIONS) expect(raw).not.toContain(`"${functionId(spec.name)}"`);
  });
});

describe("vetting renewal state machine", () => {
  it("is a second Standard state machine, traced, logging without execution data to its own log group", () => {
    const [, renewal] = machine("VettingRenewal");
    const logGroupId = only(
      resources(app, "AWS::Logs::LogGroup").filter(([id]) => id.startsWith("VettingRenewalLogs")),
    )[0];
    expect(renewal.Properties).toMatchObject({
      StateMachineType: "STANDARD",
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: "ALL",
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { "Fn::GetAtt": [logGroupId, "Arn"] } } }],
      },
    });
  });

  it("opens its two steps with callbacks and the configured timeouts, and invokes only open-step, record-outcome, record-failure and tell-lead-of-timeout", () => {
    const { States } = definition("VettingRenewal");
    expect(States[REVETTING_STATE.awaitRenewedEvidence]).toMatchObject({
      Resource: expect.stringMatching(/:states:::lambda:invoke\.waitForTaskToken$/),
      TimeoutSeconds: (30 + ESCALATION_WINDOW) * DAY,
    });
    // Each timeout tells the lead before the partnership is marked at risk.
    expect(States[REVETTING_STATE.tellLeadNotGiven]).toMatchObject({ Next: REVETTING_STATE.notGivenInTime });
    expect(States[REVETTING_STATE.tellLeadReviewOverdue]).toMatchObject({
      Next: REVETTING_STATE.reviewOverdue,
    });
    expect(States[REVETTING_STATE.awaitRenewedReview]?.Resource).toMatch(/\.waitForTaskToken$/);
    const raw = JSON.stringify(machine("VettingRenewal")[1].Properties);
    for (const name of TASK_FUNCTIONS.map((s) => s.name)) {
      const invoked = ["open-step", "record-outcome", "record-failure", "tell-lead-of-timeout"].includes(
        name,
      );
      expect(raw.includes(`"${functionId(name)}"`), name).toBe(invoked);
    }
  });

  it("lets only start-vetting-renewals (and the lead's retry) start it, and the deciding functions answer its tasks", () => {
    const [renewal] = machine("VettingRenewal");
    const [onboarding] = machine("Onboarding");
    const startOn = (name: string) =>
      statementsOf(name)
        .filter((st) => JSON.stringify(st.Action).includes("states:StartExecution"))
        .map((st) => JSON.stringify(st.Resource));
    expect(startOn("start-vetting-renewals")).toEqual([JSON.stringify({ Ref: renewal })]);
    expect(startOn("submit-intake")).toEqual([JSON.stringify({ Ref: onboarding })]);
    // The lead's retry starts a failed workflow again, whichever it was: the three machines, nothing else.
    const retryStarts = statementsOf("retry-workflow")
      .filter((st) => JSON.stringify(st.Action).includes("states:StartExecution"))
      .flatMap((st) => [st.Resource].flat().map((r) => JSON.stringify(r)));
    const [review] = machine("Review");
    expect(retryStarts.sort()).toEqual(
      [
        JSON.stringify({ Ref: onboarding }),
        JSON.stringify({ Ref: renewal }),
        JSON.stringify({ Ref: review }),
      ].sort(),
    );
    for (const spec of ALL_FUNCTIONS.filter((s) => s.grants.includes("task-response"))) {
      const answers = statementsOf(spec.name)
        .filter((st) => JSON.stringify(st.Action).includes("states:SendTaskSuccess"))
        .flatMap((st) => [st.Resource].flat().map((r) => JSON.stringify(r)));
      expect(answers, spec.name).toEqual(
        expect.arrayContaining([JSON.stringify({ Ref: onboarding }), JSON.stringify({ Ref: renewal })]),
      );
    }
  });
});

/** The role EventBridge Scheduler starts reviews with (its DefaultPolicy's id starts the same). */
const reviewSchedulerRoleId = () =>
  only(resources(app, "AWS::IAM::Role").filter(([id]) => id.startsWith("ReviewSchedulerRole")))[0];

describe("periodic review state machine and its schedules", () => {
  const reviewArn = {
    "Fn::Join": [
      "",
      [
        "arn:",
        { Ref: "AWS::Partition" },
        ":states:",
        { Ref: "AWS::Region" },
        ":",
        { Ref: "AWS::AccountId" },
        ":stateMachine:Partnerflow-App-Review",
      ],
    ],
  };

  it("is a third Standard state machine, named (its ARN is built from the name), traced, logging without execution data", () => {
    const [, review] = machine("Review");
    expect(review.Properties).toMatchObject({
      StateMachineName: "Partnerflow-App-Review",
      StateMachineType: "STANDARD",
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: "ALL", IncludeExecutionData: false },
    });
    const { States } = definition("Review");
    expect(States[REVIEW_STATE.awaitSelfAssessment]).toMatchObject({
      Resource: expect.stringMatching(/\.waitForTaskToken$/),
      // Due in 30 days, timed out once its reminders and escalation had their business days.
      TimeoutSeconds: (30 + ESCALATION_WINDOW) * DAY,
    });
    expect(States[REVIEW_STATE.awaitEvaluation]).toMatchObject({
      TimeoutSeconds: (7 + ESCALATION_WINDOW) * DAY,
    });
    // The amendment goes through the onboarding's signing steps, under their own names.
    expect(States.AwaitAgreementTerms?.Resource).toMatch(/\.waitForTaskToken$/);
    const raw = JSON.stringify(review.Properties);
    for (const name of TASK_FUNCTIONS.map((s) => s.name))
      expect(raw.includes(`"${functionId(name)}"`), name).toBe(name !== "assess-intake");
  });

  it("lets start-review start it, record-outcome and start-review set and cancel review schedules, the endings cancel them, and no one else", () => {
    const [review] = machine("Review");
    const startOn = (name: string) =>
      statementsOf(name)
        .filter((st) => JSON.stringify(st.Action).includes("states:StartExecution"))
        .map((st) => st.Resource);
    expect(startOn("start-review")).toEqual([{ Ref: review }]);
    for (const spec of ALL_FUNCTIONS) {
      const scheduling = statementsOf(spec.name).filter((st) =>
        JSON.stringify(st.Action).includes("scheduler:"),
      );
      expect(scheduling.length > 0, spec.name).toBe(
        ["record-outcome", "start-review", "withdraw-partnership", "terminate-partnership"].includes(
          spec.name,
        ),
      );
    }
    const statements = statementsOf("record-outcome");
    const schedules = only(statements.filter((st) => JSON.stringify(st.Action).includes("scheduler:")));
    // A new day is a new schedule (review-<id>-<day>): created and deleted, never updated.
    expect([schedules.Action].flat().sort()).toEqual([
      "scheduler:CreateSchedule",
      "scheduler:DeleteSchedule",
    ]);
    expect(JSON.stringify(schedules.Resource)).toContain(":schedule/Partnerflow-App-reviews/review-*");
    const pass = only(statements.filter((st) => st.Action === "iam:PassRole"));
    expect(pass.Condition).toEqual({ StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } });
    expect(pass.Resource).toEqual({
      "Fn::GetAtt": [reviewSchedulerRoleId(), "Arn"],
    });
    expect(environmentOf("record-outcome")).toMatchObject({
      [ENV.REVIEW_SCHEDULE_GROUP]: "Partnerflow-App-reviews",
      [ENV.REVIEW_STATE_MACHINE_ARN]: reviewArn,
      [ENV.REVIEW_CADENCE_MONTHS]: "12",
    });
  });

  it("keeps the review schedules in a group of their own, started with a role that may only start the review", () => {
    const [, group] = only(resources(app, "AWS::Scheduler::ScheduleGroup"));
    expect(group.Properties).toEqual({ Name: "Partnerflow-App-reviews" });
    const roleId = reviewSchedulerRoleId();
    const role = app.toJSON().Resources[roleId] as Resource;
    expect(role.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        {
          Action: "sts:AssumeRole",
          Principal: { Service: "scheduler.amazonaws.com" },
          Condition: {
            StringEquals: {
              "aws:SourceAccount": { Ref: "AWS::AccountId" },
              "aws:SourceArn": {
                "Fn::GetAtt": [only(resources(app, "AWS::Scheduler::ScheduleGroup"))[0], "Arn"],
              },
            },
          },
        },
      ],
    });
    const statements = resources(app, "AWS::IAM::Policy")
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === `[{"Ref":"${roleId}"}]`)
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    expect(statements).toEqual([{ Action: "states:StartExecution", Effect: "Allow", Resource: reviewArn }]);
  });
});

describe("schedules", () => {
  it("runs both sweeps every five minutes: stalled decisions, and intakes whose request was cut short", () => {
    expect(SCHEDULED_FUNCTIONS.map((s) => [s.name, s.everyMinutes])).toEqual([
      ["resume-stalled-decisions", 5],
      ["finish-stalled-intakes", 5],
      ["start-vetting-renewals", 60],
      ["send-reminders", 1440],
      ["make-checkpoint", 1440],
    ]);
    const intakeSweep = SCHEDULED_FUNCTIONS.find((s) => s.name === "finish-stalled-intakes");
    expect(intakeSweep?.grants).toEqual(["table-write", "start-execution", "send-email", "personal-data"]);
  });

  it("runs each scheduled function on its rate, with no scheduler retries, and nothing else", () => {
    expect(SCHEDULED_FUNCTIONS.length).toBeGreaterThan(0);
    const schedules = resources(app, "AWS::Scheduler::Schedule");
    expect(schedules).toHaveLength(SCHEDULED_FUNCTIONS.length);
    for (const spec of SCHEDULED_FUNCTIONS) {
      const [, schedule] = only(
        schedules.filter(([, r]) =>
          JSON.stringify(r.Properties.Target).includes(`"${functionId(spec.name)}"`),
        ),
      );
      expect(schedule.Properties).toMatchObject({
        // CDK writes whole hours as hours.
        ScheduleExpression:
          spec.everyMinutes === 60
            ? "rate(1 hour)"
            : spec.everyMinutes === 1440
              ? "rate(1 day)"
              : `rate(${spec.everyMinutes} minutes)`,
        State: "ENABLED",
        FlexibleTimeWindow: { Mode: "OFF" },
        Target: {
          Arn: { "Fn::GetAtt": [functionId(spec.name), "Arn"] },
          Input: "{}",
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      });
    }
  });

  it("raises an alarm when a scheduled function logs an error line or fails, for the operator to route", () => {
    for (const spec of SCHEDULED_FUNCTIONS) {
      const logging = fnProps(spec.name).LoggingConfig as { LogGroup: { Ref: string }; LogFormat?: string };
      // The pattern below relies on Lambda's text log format (the default).
      expect(logging.LogFormat ?? "Text").toBe("Text");
      const logGroup = logging.LogGroup.Ref;
      const [, filter] = only(
        resources(app, "AWS::Logs::MetricFilter").filter(
          ([, r]) => JSON.stringify(r.Properties.LogGroupName) === JSON.stringify({ Ref: logGroup }),
        ),
      );
      expect(filter.Properties).toMatchObject({
        // Lambda's text log format tags console.error lines ERROR; the line itself is not JSON as a whole.
        FilterPattern: '"ERROR"',
        MetricTransformations: [
          { MetricNamespace: "Partnerflow", MetricName: `${spec.name}-error-lines`, MetricValue: "1" },
        ],
      });
      const alarms = resources(app, "AWS::CloudWatch::Alarm").map(([, r]) => r.Properties);
      const common = {
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
        Statistic: "Sum",
        // Three runs' worth, at least a quarter of an hour.
        Period: 60 * Math.max(15, 3 * (spec.everyMinutes ?? 0)),
      };
      expect(alarms).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            ...common,
            Namespace: "Partnerflow",
            MetricName: `${spec.name}-error-lines`,
          }),
          expect.objectContaining({
            ...common,
            Namespace: "AWS/Lambda",
            MetricName: "Errors",
            Dimensions: [{ Name: "FunctionName", Value: { Ref: functionId(spec.name) } }],
          }),
        ]),
      );
    }
  });

  it("lets the scheduler, for this account only, invoke only the scheduled function", () => {
    for (const spec of SCHEDULED_FUNCTIONS) {
      const [, schedule] = only(
        resources(app, "AWS::Scheduler::Schedule").filter(([, r]) =>
          JSON.stringify(r.Properties.Target).includes(`"${functionId(spec.name)}"`),
        ),
      );
      const roleId = (schedule.Properties.Target as { RoleArn: { "Fn::GetAtt": [string] } }).RoleArn[
        "Fn::GetAtt"
      ][0];
      const role = app.toJSON().Resources[roleId] as Resource;
      expect(role.Properties.AssumeRolePolicyDocument).toMatchObject({
        Statement: [
          {
            Action: "sts:AssumeRole",
            Effect: "Allow",
            Principal: { Service: "scheduler.amazonaws.com" },
            Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
          },
        ],
      });
      const statements = resources(app, "AWS::IAM::Policy")
        .filter(([, p]) => JSON.stringify(p.Properties.Roles) === `[{"Ref":"${roleId}"}]`)
        .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
      expect(actionsOf(statements)).toEqual(["lambda:InvokeFunction"]);
      const arn = { "Fn::GetAtt": [functionId(spec.name), "Arn"] };
      expect(only(statements).Resource).toEqual([arn, { "Fn::Join": ["", [arn, ":*"]] }]);
    }
  });
});

describe("the reminder sweep", () => {
  it("alone is told the holidays and the reminders before escalation, and may open the sealed link tokens", () => {
    expect(fnProps("send-reminders").Environment).toMatchObject({
      Variables: { HOLIDAYS: "2027-01-15", REMINDERS_BEFORE_ESCALATION: "1" },
    });
    for (const spec of ALL_FUNCTIONS.filter((s) => s.name !== "send-reminders"))
      expect(JSON.stringify(fnProps(spec.name).Environment), spec.name).not.toContain("HOLIDAYS");
    expect(ALL_FUNCTIONS.find((s) => s.name === "send-reminders")?.grants).toEqual([
      "table-write",
      "send-email",
      "personal-data",
    ]);
    // The timeout's task reads no personal data.
    expect(ALL_FUNCTIONS.find((s) => s.name === "tell-lead-of-timeout")?.grants).toEqual([
      "table-write",
      "send-email",
    ]);
  });
});

describe("outputs", () => {
  it("exports the API URL, the state machine ARN and the table name", () => {
    const outputs = app.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(["ApiUrl", "StateMachineArn", "TableName"]));
  });
});

describe("loadConfig", () => {
  const load = (context: unknown) => loadConfig(new App({ context: { partnerflow: context } }).node);

  it("defaults every setting", () => {
    expect(loadConfig(new App().node)).toEqual({
      senderEmail: "partnerships@example.org",
      officeEmail: "partnerships-office@example.org",
      // Two officers and a lead: the countersignature can always go to an officer other than the vetting's.
      officerEmails: ["officer@example.org", "second.officer@example.org"],
      leadEmail: "lead@example.org",
      publicBaseUrl: "",
      officeName: "Community Partnerships Office",
      officeContact: "",
      replyToEmail: "",
      timeZone: "America/Toronto",
      staffSignInDomainPrefix: "",
      holidays: [],
      remindersBeforeEscalation: 2,
      escalationGraceDays: 2,
      // The human steps' timeouts, under the keys their descriptors name, with their defaults.
      ...Object.fromEntries(Object.values(STEPS).map((s) => [s.timeout.configKey, s.timeout.defaultDays])),
      statusLinkTtlDays: 365,
      evidenceRenewalNoticeDays: 30,
      reviewCadenceMonths: 12,
      logRetentionDays: 365,
    });
  });

  it("refuses a time zone that is not an IANA zone, naming the key", () => {
    expect(() => load({ timeZone: "Toronto" })).toThrow(/"partnerflow\.timeZone": must be an IANA time zone/);
  });

  it("documents every setting in the README's configuration table", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const key of Object.keys(loadConfig(new App().node)))
      expect(readme, key).toContain(`| \`${key}\` |`);
  });

  it("reads a JSON string given with -c and drops a trailing slash from the public URL", () => {
    expect(load('{"publicBaseUrl":"https://partners.example.org/"}').publicBaseUrl).toBe(
      "https://partners.example.org",
    );
  });

  it("names the bad key", () => {
    expect(() => load({ officerDecisionDays: 0 })).toThrow(InvalidConfigError);
    expect(() => load({ officerDecisionDays: 0 })).toThrow(/"partnerflow\.officerDecisionDays"/);
    expect(() => load({ officerEmails: ["not-an-email"] })).toThrow(/"partnerflow\.officerEmails\.0"/);
    expect(() => load({ logRetentionDays: 42 })).toThrow(/"partnerflow\.logRetentionDays"/);
  });

  it("names an unknown key, most likely a typo", () => {
    expect(() => load({ senderEmial: "a@example.org" })).toThrow(/"partnerflow\.senderEmial"/);
  });
});

describe("staff sign-in", () => {
  it("keeps staff in a Cognito user pool of the stateful stack: no self sign-up, MFA, one group per role", () => {
    data.hasResourceProperties("AWS::Cognito::UserPool", {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: "ON",
      UsernameAttributes: ["email"],
      DeletionProtection: "ACTIVE",
    });
    const groups = resources(data, "AWS::Cognito::UserPoolGroup").map(([, r]) => r.Properties.GroupName);
    expect(groups.sort()).toEqual(["auditors", "leads", "officers"]);
    // No OAuth flows (no callback URL to trust) until the sign-in page exists; nothing a user may change.
    const [, client] = only(resources(data, "AWS::Cognito::UserPoolClient"));
    expect(client.Properties).toMatchObject({ GenerateSecret: false, WriteAttributes: [] });
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client.Properties.CallbackURLs).toBeUndefined();
  });

  it("gives the hosted sign-in a Cognito domain under the configured prefix", () => {
    data.hasResourceProperties("AWS::Cognito::UserPoolDomain", { Domain: "partnerflow-staff-test" });
  });

  it("signs staff in to pages by authorization code with PKCE: a public app client, in the application stack, whose only callback is the API's /auth/callback", () => {
    const [, client] = only(resources(app, "AWS::Cognito::UserPoolClient"));
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["openid", "email"],
      SupportedIdentityProviders: ["COGNITO"],
      WriteAttributes: [],
      PreventUserExistenceErrors: "ENABLED",
      IdTokenValidity: 60,
      TokenValidityUnits: expect.objectContaining({ IdToken: "minutes" }),
    });
    const callbacks = JSON.stringify(client.Properties.CallbackURLs);
    expect(client.Properties.CallbackURLs).toHaveLength(1);
    expect(callbacks).toContain("/auth/callback");
    expect(callbacks).toContain("HttpApi");
    expect(JSON.stringify(client.Properties.LogoutURLs)).toContain("/sign-in");
    // The pool is the stateful stack's: the client refers to it; the stateful stack refers to nothing here.
    expect(JSON.stringify(client.Properties.UserPoolId)).toContain("Fn::ImportValue");
  });

  it("tells every HTTP function, and no task, the pool, the sign-in client and the hosted sign-in's URL", () => {
    const clientId = logicalIdOf(app, "AWS::Cognito::UserPoolClient");
    for (const spec of ALL_FUNCTIONS) {
      const variables = environmentOf(spec.name);
      if (spec.routes.length === 0) {
        expect(variables, spec.name).not.toHaveProperty("STAFF_CLIENT_ID");
        continue;
      }
      expect(variables.STAFF_CLIENT_ID, spec.name).toEqual({ Ref: clientId });
      expect(JSON.stringify(variables.STAFF_USER_POOL_ID), spec.name).toContain("Fn::ImportValue");
      expect(JSON.stringify(variables.STAFF_SIGN_IN_URL), spec.name).toContain("amazoncognito.com");
    }
  });

  it("puts the JWT authorizer, trusting the pool's issuer and client, on the signed-in API routes, and on no other", () => {
    const [authorizerId, authorizer] = only(resources(app, "AWS::ApiGatewayV2::Authorizer"));
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: { Audience: [expect.anything()], Issuer: expect.anything() },
    });
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration)).toMatch(/cognito-idp\.|UserPool/);
    const routes = resources(app, "AWS::ApiGatewayV2::Route").map(([, r]) => r.Properties);
    // A staff page (not under /api/) has its session cookie checked by its handler: no authorizer reads cookies.
    const signedIn = ALL_FUNCTIONS.filter((f) => f.signedIn)
      .flatMap((f) => f.routes)
      .filter(isApiRoute);
    expect(signedIn.length).toBeGreaterThan(0);
    for (const route of routes) {
      const key = String(route.RouteKey);
      const guarded = signedIn.includes(key) || signedIn.includes(key.replace(/^HEAD /, "GET "));
      if (guarded)
        expect(route, key).toMatchObject({ AuthorizationType: "JWT", AuthorizerId: { Ref: authorizerId } });
      else expect(route.AuthorizationType ?? "NONE", key).toBe("NONE");
    }
  });

  it("lets the audit API read the table and nothing else", () => {
    const actions = actionsOf(statementsOf("audit-api"));
    expect(actions).toContain("dynamodb:Query");
    for (const write of [
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "states:StartExecution",
      "ses:SendEmail",
    ])
      expect(actions).not.toContain(write);
    // The export reads the table and writes only its file (evidence-bucket.test.ts: exports/ alone).
    const exporter = actionsOf(statementsOf("export-audit"));
    expect(exporter).toEqual(expect.arrayContaining(["dynamodb:Query", "s3:PutObject", "s3:GetObject"]));
    for (const write of ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "ses:SendEmail"])
      expect(exporter).not.toContain(write);
    expect(fnProps("export-audit").Timeout).toBe(29);
  });
});

describe("the console's functions", () => {
  it("read the table and nothing else (the decision as seen also opens personal fields), behind the JWT authorizer", () => {
    for (const name of ["show-console", "show-decision-as-seen"]) {
      const actions = actionsOf(statementsOf(name));
      expect(actions, name).toContain("dynamodb:Query");
      // The decision's page as its decider saw it names the partner: it opens the sealed fields. With the table
      // read-only, a data key it could make would never be stored.
      const kms =
        name === "show-decision-as-seen"
          ? "kms:(?:Decrypt|DescribeKey|GenerateDataKey)"
          : "kms:(?:Decrypt|DescribeKey)";
      for (const other of actions)
        expect(other, name).toMatch(
          new RegExp(
            `^(?:dynamodb:(?:GetItem|Query|BatchGetItem|Scan|ConditionCheckItem|DescribeTable|GetRecords|GetShardIterator)|${kms}|xray:.*|logs:.*)$`,
          ),
        );
      expect(ALL_FUNCTIONS.find((f) => f.name === name)?.signedIn, name).toBe(true);
    }
  });
});

describe("checkpoints", () => {
  it("keeps them in a bucket under compliance-mode Object Lock for ten years, signed by an asymmetric KMS key", () => {
    data.hasResourceProperties("AWS::S3::Bucket", {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: "Enabled",
        Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 3653 } },
      },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
    data.hasResource("AWS::KMS::Key", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" }),
    });
  });

  it("lets make-checkpoint put a new one and sign; the audit API only reads them and the public key", () => {
    const writer = actionsOf(statementsOf("make-checkpoint"));
    expect(writer).toEqual(
      expect.arrayContaining(["s3:PutObject", "kms:Sign", "s3:ListBucket", "s3:GetObject"]),
    );
    expect(writer).not.toContain("s3:DeleteObject");
    const reader = actionsOf(statementsOf("audit-api"));
    expect(reader).toEqual(expect.arrayContaining(["kms:GetPublicKey", "s3:GetObject", "s3:ListBucket"]));
    for (const write of ["s3:PutObject", "kms:Sign"]) expect(reader).not.toContain(write);
    expect(fnProps("make-checkpoint").Timeout).toBe(600);
    const signOn = statementsOf("make-checkpoint").find((st) => [st.Action].flat().includes("kms:Sign"));
    expect(JSON.stringify(signOn?.Resource)).toMatch(/CheckpointSigningKey/);
  });
});
