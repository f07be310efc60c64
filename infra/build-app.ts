/** Builds the CDK app: the stateful and application stacks, checked by cdk-nag on every synth. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { StepRegistry } from "../shared/steps/index.ts";
import { loadConfig } from "./config.ts";
import { REPO_ROOT } from "./constructs/partnerflow-function.ts";
import { ApplicationStack, type ApplicationStackProps } from "./stacks/application-stack.ts";
import { StatefulStack } from "./stacks/stateful-stack.ts";

export const STACK_NAMES = { stateful: "Partnerflow-Stateful", application: "Partnerflow-App" } as const;

export interface BuildAppOptions {
  /**
   * Bundle the functions with esbuild and validate the templates against CloudFormation's schema. False
   * skips both (tests, the local runtime), so synth takes about a second. cdk-nag runs either way.
   * @default true
   */
  readonly bundle?: boolean;
  /** Context that overrides cdk.json and the CLI, e.g. { partnerflow: { senderEmail: "…" } }. */
  readonly context?: Record<string, unknown>;
  /** The human steps (a test adds one); default the app's registry. */
  readonly steps?: StepRegistry;
  /** The state machine's definition (a test runs its own); default the onboarding. */
  readonly definition?: ApplicationStackProps["definition"];
  /** The function catalog (a test gives a function more grants); default the app's, for its steps. */
  readonly functions?: ApplicationStackProps["functions"];
}

export interface BuiltApp {
  readonly app: App;
  readonly stateful: StatefulStack;
  readonly application: ApplicationStack;
}

export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const bundle = options.bundle ?? true;
  const app = new App({
    // cdk.json's context (feature flags, defaults) also applies outside the CLI, so that tests and the local
    // runtime synthesise the very templates `cdk deploy` would.
    context: cdkJsonContext(),
    postCliContext: {
      ...options.context,
      ...(bundle ? {} : { "aws:cdk:bundling-stacks": [] }),
    },
    // CloudFormation's schema validation (a WebAssembly engine) costs seconds per synth. The deployable synth
    // keeps it; the fast one skips it, and test/infra/nag.test.ts registers it explicitly.
    builtinCloudFormationValidation: bundle,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

  const config = loadConfig(app.node);
  const stateful = new StatefulStack(app, STACK_NAMES.stateful, {
    stackName: STACK_NAMES.stateful,
    description: "Partnerflow: KMS key, the table (retained, point-in-time recovery) and the evidence bucket",
    staffSignInDomainPrefix: config.staffSignInDomainPrefix,
  });
  const application = new ApplicationStack(app, STACK_NAMES.application, {
    stackName: STACK_NAMES.application,
    description: "Partnerflow: functions, HTTP API and the onboarding state machine",
    table: stateful.table,
    key: stateful.key,
    evidenceBucket: stateful.evidenceBucket,
    staff: stateful.staff,
    checkpointBucket: stateful.checkpointBucket,
    checkpointKey: stateful.checkpointKey,
    personalDataKey: stateful.personalDataKey,
    config,
    ...(options.steps ? { steps: options.steps } : {}),
    ...(options.definition ? { definition: options.definition } : {}),
    ...(options.functions ? { functions: options.functions } : {}),
  });
  return { app, stateful, application };
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, "cdk.json"), "utf8")) as { context?: unknown };
  return typeof cdkJson.context === "object" && cdkJson.context !== null
    ? (cdkJson.context as Record<string, unknown>)
    : {};
}
