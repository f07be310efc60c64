/** cdk-nag's AwsSolutions checks (and CloudFormation's own validation) pass, with only named acknowledgements. */
import {
  CloudFormationValidatePlugin,
  type IPolicyValidationPlugin,
  type Stack,
  Validations,
} from "aws-cdk-lib";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#infra/build-app.ts";
import { ALL_FUNCTIONS, apiRouteKeys, isApiRoute } from "#infra/function-catalog.ts";

// The app as the local runtime builds it (default configuration, with the staff's hosted sign-in turned on, so
// that its domain and app client are checked too), plus the CloudFormation validation that only the bundled
// synth runs by default.
const { app, stateful, application } = buildApp({
  bundle: false,
  context: { partnerflow: { staffSignInDomainPrefix: "partnerflow-nag-test" } },
});
// The cast: CDK declares `version: string | undefined` on the class but `version?: string` on the interface,
// which exactOptionalPropertyTypes tells apart.
Validations.of(app).addPlugins(new CloudFormationValidatePlugin() as IPolicyValidationPlugin);
let synthError: unknown;
let assembly: ReturnType<typeof app.synth> | undefined;

beforeAll(() => {
  try {
    assembly = app.synth();
  } catch (error) {
    synthError = error;
  }
});

/** cdk-nag v3 reports through CDK's validation framework, not annotations: run the pack on the synthesised tree. */
const findings = (stack: Stack, severity: "error" | "warning") =>
  new AwsSolutionsChecks(undefined, { verbose: true })
    .validateScope(stack)
    .violations.filter((v) => v.severity === severity)
    .map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(", ")}`);

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ""),
          reason,
        })),
      ),
  );
}

describe("cdk-nag AwsSolutions", () => {
  it("lets both stacks synthesise: no unacknowledged finding and valid CloudFormation", () => {
    expect(synthError).toBeUndefined();
  });

  it.each([
    ["Partnerflow-Stateful", stateful],
    ["Partnerflow-App", application],
  ] as const)("reports no error and no warning on %s", (_, stack) => {
    expect(findings(stack, "error")).toEqual([]);
    expect(findings(stack, "warning")).toEqual([]);
  });

  it.each([
    ["Partnerflow-Stateful", stateful],
    ["Partnerflow-App", application],
  ] as const)("leaves no CDK error or warning annotation on %s", (_, stack) => {
    // What Annotations.fromStack reads, taken from the assembly above instead of a second synth.
    const messages = assembly?.getStackByName(stack.stackName).messages ?? [
      { level: "error", id: "no assembly" },
    ];
    expect(messages.filter((m) => m.level === "error" || m.level === "warning")).toEqual([]);
  });

  it("acknowledges only on resources, each finding by name and with a reason", () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      // Below a stack: never the App or a whole stack.
      expect(ack.path.split("/").length, `${ack.id} on ${ack.path}`).toBeGreaterThan(1);
      expect(ack.id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      if (ack.id.startsWith("AwsSolutions-IAM5")) expect(ack.id).toMatch(/^AwsSolutions-IAM5\[.+\]$/);
      expect(ack.reason.length).toBeGreaterThan(30);
    }
  });

  it("acknowledges each open route of the HTTP API, $default and HEAD ones included, with its own reason", () => {
    const routeKeys = ALL_FUNCTIONS.filter((f) => !f.signedIn).flatMap(apiRouteKeys);
    expect(routeKeys).toEqual(expect.arrayContaining(["$default", "HEAD /favicon.ico", "HEAD /"]));
    const reasons = acknowledgements(application)
      .filter((ack) => ack.id === "AwsSolutions-APIG4")
      .map((ack) => ack.reason);
    for (const key of routeKeys)
      expect(
        reasons.filter((r) => r.startsWith(`${key} needs no authorizer: `)),
        key,
      ).toHaveLength(1);
    expect(reasons.find((r) => r.startsWith("$default "))).toContain("not-found page");
  });

  it("acknowledges no missing authorizer on a signed-in API route: it has one", () => {
    const signedIn = ALL_FUNCTIONS.filter((f) => f.signedIn)
      .flatMap(apiRouteKeys)
      .filter(isApiRoute);
    expect(signedIn).toContain("GET /api/audit/partnerships");
    const reasons = acknowledgements(application).map((ack) => `${ack.id} ${ack.reason}`);
    for (const key of signedIn) {
      expect(
        reasons.filter((r) => r.startsWith(`AwsSolutions-APIG4 ${key} `)),
        key,
      ).toEqual([]);
      expect(
        reasons.filter((r) => r.startsWith(`AwsSolutions-COG4 ${key} has a JWT authorizer`)),
        key,
      ).toHaveLength(1);
    }
  });

  it("acknowledges a staff page's missing authorizer by its session cookie, checked by the handler", () => {
    const pages = ALL_FUNCTIONS.filter((f) => f.signedIn)
      .flatMap(apiRouteKeys)
      .filter((key) => !isApiRoute(key));
    expect(pages).toContain("GET /console/inbox");
    const reasons = acknowledgements(application).map((ack) => `${ack.id} ${ack.reason}`);
    for (const key of pages)
      expect(
        reasons.filter((r) =>
          r.startsWith(`AwsSolutions-APIG4 ${key} is a staff page: its handler checks the session cookie`),
        ),
        key,
      ).toHaveLength(1);
  });

  it("fails the synth on an unacknowledged finding", () => {
    const poisoned = buildApp({ bundle: false });
    new Queue(poisoned.application, "UncheckedQueue");
    expect(() => poisoned.app.synth()).toThrow(/AwsSolutions-SQS/);
  });
});
