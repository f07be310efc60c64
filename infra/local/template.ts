/** From the synthesized stacks, the local model: functions, routes, state machines, tables and buckets. Pure. */
import { BUCKET_TAG, FUNCTION_TAG } from "../function-catalog.ts";
import {
  type CfnResource,
  type JsonValue,
  localArn,
  Resolver,
  type StackTemplates,
  UnresolvableReferenceError,
} from "./intrinsics.ts";

export type { CfnTemplate, JsonValue, StackTemplates } from "./intrinsics.ts";
export { LOCAL_ACCOUNT, localArn, UnresolvableReferenceError } from "./intrinsics.ts";

export const DEFAULT_TABLE_NAME = "partnerflow";

export interface LocalFunction {
  readonly stack: string;
  readonly logicalId: string;
  /** The `partnerflow:function` tag: the folder under functions/. */
  readonly name: string;
  readonly arn: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export interface LocalRoute {
  /** "GET", "POST", ... or "ANY" (also for "$default"). */
  readonly method: string;
  /** Path template such as "/decisions/{token}", or "$default". */
  readonly path: string;
  readonly routeKey: string;
  readonly functionName: string;
  /** The route's authorizer: "JWT" when API Gateway checks a staff token before the handler runs. */
  readonly authorization?: "JWT";
}

export interface AslState {
  readonly Type: string;
  readonly [key: string]: unknown;
}
export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
  readonly TimeoutSeconds?: number;
  readonly [key: string]: unknown;
}

export interface LocalStateMachine {
  readonly stack: string;
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly roleArn: string;
  readonly definition: AslDefinition;
}

export interface KeySchemaElement {
  readonly AttributeName: string;
  readonly KeyType: "HASH" | "RANGE";
}
export interface LocalTable {
  readonly stack: string;
  readonly logicalId: string;
  readonly tableName: string;
  readonly KeySchema: KeySchemaElement[];
  readonly AttributeDefinitions: { AttributeName: string; AttributeType: "S" | "N" | "B" }[];
  readonly GlobalSecondaryIndexes: {
    IndexName: string;
    KeySchema: KeySchemaElement[];
    Projection: { ProjectionType?: "ALL" | "KEYS_ONLY" | "INCLUDE"; NonKeyAttributes?: string[] };
  }[];
}

/** An S3 bucket of the template that the runtime creates locally: one tagged with its role (BUCKET_TAG). */
export interface LocalBucket {
  readonly stack: string;
  readonly logicalId: string;
  /** The tag's value, e.g. "evidence". */
  readonly role: string;
  /** `partnerflow-<role>`, or the template's literal BucketName. */
  readonly bucketName: string;
}

/** An EventBridge Scheduler schedule that invokes one of the functions at a fixed rate. */
export interface LocalSchedule {
  readonly logicalId: string;
  readonly functionName: string;
  readonly everyMs: number;
  /** The event the function is invoked with (the target's Input, parsed). */
  readonly input: unknown;
}

export interface LocalModel {
  readonly region: string;
  readonly baseUrl: string;
  readonly functions: LocalFunction[];
  readonly routes: LocalRoute[];
  readonly stateMachines: LocalStateMachine[];
  readonly tables: LocalTable[];
  readonly schedules: LocalSchedule[];
  readonly buckets: LocalBucket[];
}

export interface ModelOptions {
  readonly region?: string;
  /** Where the local HTTP server listens; API Gateway endpoints resolve to it. */
  readonly baseUrl?: string;
  /** Name of the (single) table; default "partnerflow". */
  readonly tableName?: string;
}

const TABLE_TYPES = new Set(["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"]);

type Entry = { stack: string; logicalId: string; resource: CfnResource };

function entries(templates: StackTemplates): Entry[] {
  return Object.entries(templates).flatMap(([stack, t]) =>
    Object.entries(t.Resources ?? {}).map(([logicalId, resource]) => ({ stack, logicalId, resource })),
  );
}

function tagOf(resource: CfnResource, key: string = FUNCTION_TAG): string | undefined {
  const tags = resource.Properties?.Tags;
  if (!Array.isArray(tags)) return undefined;
  const tag = tags.find((t: unknown) => (t as { Key?: unknown } | null)?.Key === key) as
    | { Value?: unknown }
    | undefined;
  return typeof tag?.Value === "string" ? tag.Value : undefined;
}

/** Local names: the tag for functions, the literal name or a default for tables and state machines. */
function localNames(all: Entry[], options: ModelOptions): Map<string, string> {
  const names = new Map<string, string>();
  const tables = all.filter((e) => TABLE_TYPES.has(e.resource.Type));
  for (const { stack, logicalId, resource } of all) {
    const props = resource.Properties ?? {};
    const key = `${stack}/${logicalId}`;
    if (resource.Type === "AWS::Lambda::Function") {
      const literal = typeof props.FunctionName === "string" ? props.FunctionName : undefined;
      names.set(key, tagOf(resource) ?? literal ?? logicalId);
    } else if (resource.Type === "AWS::StepFunctions::StateMachine") {
      names.set(key, typeof props.StateMachineName === "string" ? props.StateMachineName : logicalId);
    } else if (TABLE_TYPES.has(resource.Type)) {
      const literal = typeof props.TableName === "string" ? props.TableName : undefined;
      const fallback = tables.length === 1 ? (options.tableName ?? DEFAULT_TABLE_NAME) : logicalId;
      names.set(key, literal ?? fallback);
    } else if (resource.Type === "AWS::S3::Bucket") {
      const role = tagOf(resource, BUCKET_TAG);
      const literal = typeof props.BucketName === "string" ? props.BucketName : undefined;
      const name = literal ?? (role === undefined ? undefined : `partnerflow-${role}`);
      if (name !== undefined) names.set(key, name);
    }
  }
  return names;
}

export function buildLocalModel(templates: StackTemplates, options: ModelOptions = {}): LocalModel {
  const region = options.region ?? "eu-west-1";
  const baseUrl = (options.baseUrl ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
  const all = entries(templates);
  const names = localNames(all, options);
  const resolver = new Resolver(templates, {
    region,
    baseUrl,
    nameOf: (stack, id) => names.get(`${stack}/${id}`),
  });
  const nameOf = (e: Entry) => names.get(`${e.stack}/${e.logicalId}`) ?? e.logicalId;

  const functions = all
    .filter((e) => e.resource.Type === "AWS::Lambda::Function" && tagOf(e.resource) !== undefined)
    .map((e) => localFunction(e, nameOf(e), region, resolver));
  const byArn = new Map(functions.map((f) => [f.arn, f.name]));
  const stateMachines = all
    .filter((e) => e.resource.Type === "AWS::StepFunctions::StateMachine")
    .map((e) => localStateMachine(e, nameOf(e), region, resolver));
  const routes = all
    .filter((e) => e.resource.Type === "AWS::ApiGatewayV2::Route")
    .map((e) => localRoute(e, templates, resolver, byArn));
  const tables = all.filter((e) => TABLE_TYPES.has(e.resource.Type)).map((e) => localTable(e, nameOf(e)));
  // A disabled schedule runs on AWS as little as here.
  const schedules = all
    .filter(
      (e) => e.resource.Type === "AWS::Scheduler::Schedule" && e.resource.Properties?.State !== "DISABLED",
    )
    .map((e) => localSchedule(e, resolver, byArn));
  // Buckets without a role (the access-log bucket) have nothing to do locally.
  const buckets = all.flatMap((e): LocalBucket[] => {
    const role = e.resource.Type === "AWS::S3::Bucket" ? tagOf(e.resource, BUCKET_TAG) : undefined;
    return role === undefined
      ? []
      : [{ stack: e.stack, logicalId: e.logicalId, role, bucketName: nameOf(e) }];
  });
  return { region, baseUrl, functions, routes, stateMachines, tables, schedules, buckets };
}

const RATE_UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** A schedule's `rate(...)` expression in milliseconds; cron() and at() are not run locally. */
export function rateMs(expression: string, where = "ScheduleExpression"): number {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  const [, value, unit] = match ?? [];
  const ms = RATE_UNIT_MS[unit ?? ""];
  if (!value || !ms || Number(value) < 1)
    throw new UnresolvableReferenceError(expression, where, "only rate(<n> minutes|hours|days) runs locally");
  return Number(value) * ms;
}

function localSchedule(e: Entry, resolver: Resolver, byArn: Map<string, string>): LocalSchedule {
  const where = `${e.stack}.${e.logicalId}`;
  const props = e.resource.Properties ?? {};
  const target = (props.Target ?? {}) as { Arn?: unknown; Input?: unknown };
  const arn = resolver.resolveString(target.Arn, e.stack, `${where}.Target.Arn`);
  const functionName = byArn.get(arn);
  if (!functionName)
    throw new UnresolvableReferenceError(arn, where, "the schedule's target is not a tagged Lambda function");
  const input =
    target.Input === undefined ? "{}" : resolver.resolveString(target.Input, e.stack, `${where}.Input`);
  return {
    logicalId: e.logicalId,
    functionName,
    everyMs: rateMs(
      resolver.resolveString(props.ScheduleExpression, e.stack, `${where}.ScheduleExpression`),
      where,
    ),
    input: JSON.parse(input) as unknown,
  };
}

function localFunction(e: Entry, name: string, region: string, resolver: Resolver): LocalFunction {
  const where = `${e.stack}.${e.logicalId}`;
  const props = e.resource.Properties ?? {};
  const variables = (props.Environment as { Variables?: unknown } | undefined)?.Variables ?? {};
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables as Record<string, unknown>)) {
    const resolved = resolver.resolve(value, e.stack, `${where}.Environment.${key}`);
    environment[key] = typeof resolved === "string" ? resolved : JSON.stringify(resolved);
  }
  return {
    stack: e.stack,
    logicalId: e.logicalId,
    name,
    arn: localArn.lambda(region, name),
    environment,
    timeoutSeconds: typeof props.Timeout === "number" ? props.Timeout : 3,
    memoryMb: typeof props.MemorySize === "number" ? props.MemorySize : 128,
  };
}

function localStateMachine(e: Entry, name: string, region: string, resolver: Resolver): LocalStateMachine {
  const where = `${e.stack}.${e.logicalId}`;
  const props = e.resource.Properties ?? {};
  let text =
    props.Definition !== undefined
      ? JSON.stringify(resolver.resolve(props.Definition, e.stack, `${where}.Definition`))
      : resolver.resolveString(props.DefinitionString, e.stack, `${where}.DefinitionString`);
  const substitutions = resolver.resolve(
    props.DefinitionSubstitutions ?? {},
    e.stack,
    `${where}.Substitutions`,
  );
  for (const [key, value] of Object.entries(substitutions as Record<string, JsonValue>)) {
    text = text.split(`\${${key}}`).join(typeof value === "string" ? value : JSON.stringify(value));
  }
  const definition = JSON.parse(text) as AslDefinition;
  normaliseLambdaArns(definition, region);
  const roleArn =
    props.RoleArn === undefined
      ? `arn:aws:iam::000000000000:role/${e.logicalId}Role`
      : resolver.resolveString(props.RoleArn, e.stack, `${where}.RoleArn`);
  return {
    stack: e.stack,
    logicalId: e.logicalId,
    name,
    arn: localArn.stateMachine(region, name),
    roleArn,
    definition,
  };
}

const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;

/** Every Lambda ARN in Task states (FunctionName or Resource) → arn:aws:lambda:<region>:000000000000:function:<name>. */
function normaliseLambdaArns(definition: { States?: Record<string, AslState> }, region: string): void {
  for (const state of Object.values(definition.States ?? {})) {
    const s = state as Record<string, unknown>;
    if (s.Type === "Task") {
      const resource = typeof s.Resource === "string" ? LAMBDA_ARN.exec(s.Resource) : null;
      if (resource?.[1]) s.Resource = localArn.lambda(region, resource[1]);
      const params = s.Parameters as Record<string, unknown> | undefined;
      const fn = typeof params?.FunctionName === "string" ? LAMBDA_ARN.exec(params.FunctionName) : null;
      if (params && fn?.[1]) params.FunctionName = localArn.lambda(region, fn[1]);
    }
    for (const branch of (s.Branches as { States?: Record<string, AslState> }[] | undefined) ?? [])
      normaliseLambdaArns(branch, region);
    for (const nested of [s.Iterator, s.ItemProcessor])
      if (nested) normaliseLambdaArns(nested as { States?: Record<string, AslState> }, region);
  }
}

function localRoute(
  e: Entry,
  templates: StackTemplates,
  resolver: Resolver,
  byArn: Map<string, string>,
): LocalRoute {
  const where = `${e.stack}.${e.logicalId}`;
  const props = e.resource.Properties ?? {};
  const routeKey = resolver.resolveString(props.RouteKey, e.stack, `${where}.RouteKey`);
  const target = resolver.resolveString(props.Target, e.stack, `${where}.Target`);
  const integrationId = target.replace(/^integrations\//, "");
  const integration = templates[e.stack]?.Resources?.[integrationId];
  if (integration?.Type !== "AWS::ApiGatewayV2::Integration")
    throw new UnresolvableReferenceError(props.Target, where, `target ${target} is not an integration`);
  const uri = resolver.resolveString(
    integration.Properties?.IntegrationUri,
    e.stack,
    `${e.stack}.${integrationId}.IntegrationUri`,
  );
  const arn = /arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:/]+/.exec(uri)?.[0];
  const functionName = arn === undefined ? undefined : byArn.get(arn);
  if (!functionName)
    throw new UnresolvableReferenceError(uri, where, "the integration is not a tagged Lambda function");
  const authorization = props.AuthorizationType === "JWT" ? ({ authorization: "JWT" } as const) : {};
  if (routeKey === "$default")
    return { method: "ANY", path: "$default", routeKey, functionName, ...authorization };
  const [method = "", path = ""] = routeKey.split(" ");
  return { method: method.toUpperCase(), path, routeKey, functionName, ...authorization };
}

function localTable(e: Entry, tableName: string): LocalTable {
  const props = (e.resource.Properties ?? {}) as Record<string, unknown>;
  const gsis = (props.GlobalSecondaryIndexes ?? []) as LocalTable["GlobalSecondaryIndexes"];
  return {
    stack: e.stack,
    logicalId: e.logicalId,
    tableName,
    KeySchema: props.KeySchema as KeySchemaElement[],
    AttributeDefinitions: props.AttributeDefinitions as LocalTable["AttributeDefinitions"],
    GlobalSecondaryIndexes: gsis.map((g) => ({
      IndexName: g.IndexName,
      KeySchema: g.KeySchema,
      Projection: g.Projection ?? { ProjectionType: "ALL" },
    })),
  };
}
