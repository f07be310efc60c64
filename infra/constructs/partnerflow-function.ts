/** One handler of functions/<name>/handler.ts as a Lambda function, with the project's defaults. */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Duration, RemovalPolicy, Tags, Validations } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Architecture, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { FUNCTION_TAG } from "../function-catalog.ts";
import { LAMBDA_BUNDLING, LAMBDA_ENVIRONMENT, type LambdaBundling } from "../lambda-bundling.ts";

/** The repository root: entries, the lock file and esbuild's working directory are resolved from it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface PartnerflowFunctionProps {
  /** Folder under functions/ holding handler.ts; also the value of the `partnerflow:function` tag. */
  readonly name: string;
  /** @default - none */
  readonly description?: string;
  /** Added to LAMBDA_ENVIRONMENT (infra/lambda-bundling.ts). @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default RetentionDays.ONE_YEAR */
  readonly logRetention?: RetentionDays;
  /**
   * Key for the function's log group. Pass the data key: log lines carry partnership ids and errors, and a
   * customer-managed key lets the office revoke or audit access to them with the rest of its data.
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: IKey;
}

/**
 * A Node 24 arm64 NodejsFunction bundled as minified ESM, traced with X-Ray, logging to its own log group
 * with a retention period. Its role starts empty: it can write its logs and traces, and callers grant the rest.
 */
export class PartnerflowFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PartnerflowFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, "LogGroup", {
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
      ...(props.logEncryptionKey ? { encryptionKey: props.logEncryptionKey } : {}),
      // Logs outlive a teardown of the application stack for later investigation; retention bounds them.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group.
    this.role = new Role(this, "Role", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, "Function", {
      entry: join(REPO_ROOT, "functions", props.name, "handler.ts"),
      handler: "handler",
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      ...(props.description ? { description: props.description } : {}),
      environment: { ...LAMBDA_ENVIRONMENT, ...props.environment },
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, "package-lock.json"),
      bundling: nodejsBundling(LAMBDA_BUNDLING),
    });
    Tags.of(this.function).add(FUNCTION_TAG, props.name);
    Validations.of(this).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions",
    });
  }
}

/**
 * LAMBDA_BUNDLING as NodejsFunction bundling props (CDK turns them into esbuild CLI flags; the bench maps the
 * same definition to esbuild's API in esbuildOptions). Every field is destructured, so a field added to
 * LambdaBundling fails to compile here until it is mapped.
 */
export function nodejsBundling(bundling: LambdaBundling): BundlingOptions {
  const { format, target, minify, sourceMap, sourcesContent, mainFields, external, alias, banner, ...rest } =
    bundling;
  const unmapped: Record<string, never> = rest;
  return {
    ...unmapped,
    format: { esm: OutputFormat.ESM }[format],
    target,
    minify,
    sourceMap,
    sourcesContent,
    mainFields: [...mainFields],
    // Set even when empty: left out, CDK would leave @aws-sdk/* to the runtime.
    externalModules: [...external],
    // `--alias:<from>=<to>`, resolved from the project root, where CDK runs esbuild.
    esbuildArgs: { "--alias": Object.entries(alias).map(([from, to]) => `${from}=${to}`) },
    banner,
  };
}
