/** Resolves CloudFormation intrinsics (Ref, GetAtt, Join, Sub, ImportValue, ...) to local values. Pure. */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
  readonly Parameters?: Record<string, { Default?: unknown }>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Stack name → synthesized template. */
export type StackTemplates = Readonly<Record<string, CfnTemplate>>;

export const LOCAL_ACCOUNT = "000000000000";
export const LOCAL_API_ID = "partnerflow-local";

export class UnresolvableReferenceError extends Error {
  constructor(reference: unknown, where: string, why: string) {
    super(`Cannot resolve ${JSON.stringify(reference)} at ${where}: ${why}`);
    this.name = "UnresolvableReferenceError";
  }
}

export interface ResolverNames {
  readonly region: string;
  readonly baseUrl: string;
  /** Local name of each resource that has one (functions, tables, state machines, buckets), by stack and logical id. */
  readonly nameOf: (stack: string, logicalId: string) => string | undefined;
}

export const localArn = {
  lambda: (region: string, name: string) => `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${name}`,
  stateMachine: (region: string, name: string) =>
    `arn:aws:states:${region}:${LOCAL_ACCOUNT}:stateMachine:${name}`,
  table: (region: string, name: string) => `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT}:table/${name}`,
  bucket: (name: string) => `arn:aws:s3:::${name}`,
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A one-key object whose key is an intrinsic function name, e.g. { "Fn::Join": [...] }. */
function intrinsicOf(value: Record<string, unknown>): [string, unknown] | undefined {
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined) return undefined;
  if (key === "Ref" || key === "Condition" || key.startsWith("Fn::")) return [key, value[key]];
  return undefined;
}

export class Resolver {
  constructor(
    private readonly templates: StackTemplates,
    private readonly names: ResolverNames,
  ) {}

  /** Resolves every intrinsic in `value` as it appears in stack `stack`; `where` names the spot for errors. */
  resolve(value: unknown, stack: string, where: string): JsonValue {
    if (
      value === null ||
      typeof value === "string" ||
      typeof value === "number" ||
      typeof value === "boolean"
    )
      return value;
    if (Array.isArray(value)) return value.map((v, i) => this.resolve(v, stack, `${where}[${i}]`));
    if (!isRecord(value)) throw new UnresolvableReferenceError(value, where, "not a JSON value");
    const intrinsic = intrinsicOf(value);
    if (intrinsic) return this.intrinsic(intrinsic[0], intrinsic[1], value, stack, where);
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.resolve(v, stack, `${where}.${k}`);
    return out;
  }

  resolveString(value: unknown, stack: string, where: string): string {
    const resolved = this.resolve(value, stack, where);
    if (typeof resolved !== "string") throw new UnresolvableReferenceError(value, where, "expected a string");
    return resolved;
  }

  private intrinsic(fn: string, arg: unknown, raw: unknown, stack: string, where: string): JsonValue {
    const fail = (why: string): never => {
      throw new UnresolvableReferenceError(raw, where, why);
    };
    switch (fn) {
      case "Ref":
        return typeof arg === "string" ? this.ref(arg, stack, where, raw) : fail("Ref needs a name");
      case "Fn::GetAtt": {
        const [id, ...attr] = typeof arg === "string" ? arg.split(".") : Array.isArray(arg) ? arg : [];
        if (typeof id !== "string") return fail("GetAtt needs [logicalId, attribute]");
        const attribute = attr.map((a) => this.resolve(a, stack, where)).join(".");
        return this.getAtt(id, attribute, stack, where, raw);
      }
      case "Fn::Join": {
        if (!Array.isArray(arg) || arg.length !== 2) return fail("Join needs [delimiter, list]");
        const delimiter = this.resolveString(arg[0], stack, where);
        const list = this.resolve(arg[1], stack, where);
        if (!Array.isArray(list)) return fail("Join needs a list");
        return this.localUrls(
          list.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(delimiter),
        );
      }
      case "Fn::Sub":
        return this.sub(arg, stack, where, raw);
      case "Fn::Select": {
        if (!Array.isArray(arg) || arg.length !== 2) return fail("Select needs [index, list]");
        const index = Number(this.resolve(arg[0], stack, where));
        const list = this.resolve(arg[1], stack, where);
        const item = Array.isArray(list) ? list[index] : undefined;
        return item === undefined ? fail(`no item ${index}`) : item;
      }
      case "Fn::Split": {
        if (!Array.isArray(arg) || arg.length !== 2) return fail("Split needs [delimiter, string]");
        return this.resolveString(arg[1], stack, where).split(this.resolveString(arg[0], stack, where));
      }
      case "Fn::Base64":
        return Buffer.from(this.resolveString(arg, stack, where)).toString("base64");
      case "Fn::ImportValue":
        return this.importValue(this.resolveString(arg, stack, where), where, raw);
      case "Fn::FindInMap": {
        if (!Array.isArray(arg) || arg.length < 3) return fail("FindInMap needs [map, key, key]");
        const [m, k1, k2] = arg.slice(0, 3).map((a) => this.resolveString(a, stack, where));
        const found = this.templates[stack]?.Mappings?.[m ?? ""]?.[k1 ?? ""]?.[k2 ?? ""];
        return found === undefined ? fail("no such mapping entry") : this.resolve(found, stack, where);
      }
      default:
        return fail(`${fn} is not supported by the local runtime`);
    }
  }

  /** API Gateway's generated endpoint URL → the local base URL. */
  private localUrls(text: string): string {
    const endpoint = `https://${LOCAL_API_ID}.execute-api.${this.names.region}.amazonaws.com`;
    return text.split(endpoint).join(this.names.baseUrl);
  }

  private sub(arg: unknown, stack: string, where: string, raw: unknown): string {
    const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
    if (typeof template !== "string") throw new UnresolvableReferenceError(raw, where, "Sub needs a string");
    const variables = isRecord(vars) ? vars : {};
    const text = template.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (name in variables) return String(this.resolve(variables[name], stack, where));
      const dot = name.indexOf(".");
      if (dot > 0 && !name.startsWith("AWS::"))
        return String(this.getAtt(name.slice(0, dot), name.slice(dot + 1), stack, where, raw));
      return String(this.ref(name, stack, where, raw));
    });
    return this.localUrls(text);
  }

  private ref(name: string, stack: string, where: string, raw: unknown): JsonValue {
    const { region } = this.names;
    switch (name) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return LOCAL_ACCOUNT;
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::StackName":
        return stack;
      case "AWS::StackId":
        return `arn:aws:cloudformation:${region}:${LOCAL_ACCOUNT}:stack/${stack}/local`;
      case "AWS::NotificationARNs":
        return [];
    }
    const template = this.templates[stack];
    const parameter = template?.Parameters?.[name];
    if (parameter) {
      if (parameter.Default === undefined)
        throw new UnresolvableReferenceError(raw, where, `parameter ${name} has no default`);
      return this.resolve(parameter.Default, stack, where);
    }
    const resource = template?.Resources?.[name];
    if (!resource) throw new UnresolvableReferenceError(raw, where, `no resource ${name} in ${stack}`);
    const local = this.names.nameOf(stack, name);
    switch (resource.Type) {
      case "AWS::Lambda::Function":
      case "AWS::DynamoDB::Table":
      case "AWS::DynamoDB::GlobalTable":
      case "AWS::S3::Bucket":
        return local ?? name;
      case "AWS::StepFunctions::StateMachine":
        return localArn.stateMachine(region, local ?? name);
      case "AWS::ApiGatewayV2::Api":
        return LOCAL_API_ID;
      case "AWS::ApiGatewayV2::Integration":
      case "AWS::IAM::Role":
      case "AWS::Logs::LogGroup":
      case "AWS::KMS::Key":
        return name;
      case "AWS::ApiGatewayV2::Stage":
        return "$default";
    }
    throw new UnresolvableReferenceError(
      raw,
      where,
      `Ref of ${resource.Type} ${name} has no local equivalent`,
    );
  }

  private getAtt(id: string, attribute: string, stack: string, where: string, raw: unknown): JsonValue {
    const { region } = this.names;
    const resource = this.templates[stack]?.Resources?.[id];
    if (!resource) throw new UnresolvableReferenceError(raw, where, `no resource ${id} in ${stack}`);
    const local = this.names.nameOf(stack, id) ?? id;
    const key = `${resource.Type}.${attribute}`;
    switch (key) {
      case "AWS::Lambda::Function.Arn":
        return localArn.lambda(region, local);
      case "AWS::StepFunctions::StateMachine.Arn":
        return localArn.stateMachine(region, local);
      case "AWS::StepFunctions::StateMachine.Name":
        return local;
      case "AWS::DynamoDB::Table.Arn":
      case "AWS::DynamoDB::GlobalTable.Arn":
        return localArn.table(region, local);
      case "AWS::S3::Bucket.Arn":
        return localArn.bucket(local);
      case "AWS::ApiGatewayV2::Api.ApiEndpoint":
        return this.names.baseUrl;
      case "AWS::ApiGatewayV2::Api.ApiId":
        return LOCAL_API_ID;
      case "AWS::IAM::Role.Arn":
        return `arn:aws:iam::${LOCAL_ACCOUNT}:role/${id}`;
      case "AWS::KMS::Key.Arn":
        return `arn:aws:kms:${region}:${LOCAL_ACCOUNT}:key/${id}`;
      case "AWS::Logs::LogGroup.Arn":
        return `arn:aws:logs:${region}:${LOCAL_ACCOUNT}:log-group:${id}:*`;
    }
    throw new UnresolvableReferenceError(raw, where, `GetAtt ${key} (${id}) has no local equivalent`);
  }

  private importValue(exportName: string, where: string, raw: unknown): JsonValue {
    for (const [stack, template] of Object.entries(this.templates)) {
      for (const output of Object.values(template.Outputs ?? {})) {
        if (output.Export?.Name === undefined) continue;
        if (this.resolve(output.Export.Name, stack, `${stack}.Outputs`) !== exportName) continue;
        return this.resolve(output.Value, stack, `${stack}.Outputs.${exportName}`);
      }
    }
    throw new UnresolvableReferenceError(raw, where, `no stack exports ${exportName}`);
  }
}
