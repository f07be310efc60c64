/** HTTP endpoint speaking the Step Functions AWS JSON 1.0 protocol, for @aws-sdk/client-sfn and the AWS CLI. */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Logger } from "./log.ts";
import { listen, type RunningServer, readBody } from "./servers.ts";
import { SfnError } from "./sfn-errors.ts";
import type { ExecutionDescription, ExecutionStatus, StepFunctionsEngine } from "./step-functions.ts";

const CONTENT_TYPE = "application/x-amz-json-1.0";
const MAX_REQUEST_BYTES = 1024 * 1024;

type Request = Record<string, unknown>;

const seconds = (date: Date | undefined) => (date === undefined ? undefined : date.getTime() / 1000);
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

function required(request: Request, field: string): string {
  const value = request[field];
  if (typeof value !== "string" || value.length === 0)
    throw new SfnError("ValidationException", `1 validation error detected: '${field}' must not be null`);
  return value;
}

function execution(d: ExecutionDescription) {
  return {
    executionArn: d.executionArn,
    stateMachineArn: d.stateMachineArn,
    name: d.name,
    status: d.status,
    startDate: seconds(d.startDate),
    stopDate: seconds(d.stopDate),
  };
}

function page<T>(items: T[], request: Request): { items: T[]; nextToken?: string } {
  const start = Number(str(request.nextToken) ?? "0") || 0;
  const size = typeof request.maxResults === "number" && request.maxResults > 0 ? request.maxResults : 1000;
  const next = start + size < items.length ? { nextToken: String(start + size) } : {};
  return { items: items.slice(start, start + size), ...next };
}

function operations(engine: StepFunctionsEngine): Record<string, (r: Request) => unknown> {
  return {
    StartExecution: async (r) => {
      const name = str(r.name);
      const input = str(r.input);
      const started = await engine.startExecution({
        stateMachineArn: required(r, "stateMachineArn"),
        ...(name !== undefined ? { name } : {}),
        ...(input !== undefined ? { input } : {}),
      });
      return { executionArn: started.executionArn, startDate: seconds(started.startDate) };
    },
    DescribeExecution: (r) => {
      const d = engine.describeExecution(required(r, "executionArn"));
      return { ...execution(d), input: d.input, output: d.output, error: d.error, cause: d.cause };
    },
    ListExecutions: (r) => {
      const filter = {
        ...(str(r.stateMachineArn) ? { stateMachineArn: str(r.stateMachineArn) as string } : {}),
        ...(str(r.statusFilter) ? { statusFilter: str(r.statusFilter) as ExecutionStatus } : {}),
      };
      const { items, nextToken } = page(engine.listExecutions(filter).map(execution), r);
      return { executions: items, nextToken };
    },
    GetExecutionHistory: (r) => {
      const history = engine.history(required(r, "executionArn"), {
        includeExecutionData: r.includeExecutionData === true,
      });
      if (r.reverseOrder === true) history.reverse();
      const { items, nextToken } = page(
        history.map((e) => ({ ...e, timestamp: seconds(e.timestamp) })),
        r,
      );
      return { events: items, nextToken };
    },
    SendTaskSuccess: async (r) => {
      await engine.sendTaskSuccess(required(r, "taskToken"), required(r, "output"));
      return {};
    },
    SendTaskFailure: async (r) => {
      await engine.sendTaskFailure(required(r, "taskToken"), str(r.error), str(r.cause));
      return {};
    },
    SendTaskHeartbeat: (r) => {
      engine.sendTaskHeartbeat(required(r, "taskToken"));
      return {};
    },
    StopExecution: async (r) => {
      const stopped = await engine.stopExecution(required(r, "executionArn"), str(r.error), str(r.cause));
      return { stopDate: seconds(stopped.stopDate) };
    },
    ListStateMachines: () => ({
      stateMachines: engine.listStateMachines().map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: "STANDARD",
        creationDate: seconds(engine.createdAt),
      })),
    }),
    DescribeStateMachine: (r) => {
      const m = engine.describeStateMachine(required(r, "stateMachineArn"));
      return {
        stateMachineArn: m.arn,
        name: m.name,
        status: "ACTIVE",
        definition: JSON.stringify(m.definition),
        roleArn: m.roleArn,
        type: "STANDARD",
        creationDate: seconds(engine.createdAt),
      };
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": CONTENT_TYPE, "x-amzn-requestid": randomUUID() });
  res.end(JSON.stringify(body));
}

export async function startStepFunctionsEndpoint(options: {
  engine: StepFunctionsEngine;
  port?: number;
  host?: string;
  log?: Logger;
  /** Told of each call to a known operation, by its name. */
  onCall?: (operation: string) => void;
}): Promise<RunningServer> {
  const ops = operations(options.engine);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.startsWith("AWSStepFunctions.") ? target.slice("AWSStepFunctions.".length) : "";
    const op = ops[operation];
    if (req.method !== "POST" || !op) {
      send(res, 400, { __type: "UnknownOperationException", message: `Unknown operation ${operation}` });
      return;
    }
    options.onCall?.(operation);
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (body === "too-large") {
      send(res, 413, { __type: "ValidationException", message: "Request too large" });
      return;
    }
    try {
      const request = JSON.parse(body.length ? body.toString("utf8") : "{}") as Request;
      send(res, 200, (await op(request)) ?? {});
    } catch (error) {
      if (error instanceof SfnError) send(res, 400, { __type: error.type, message: error.message });
      else if (error instanceof SyntaxError)
        send(res, 400, { __type: "SerializationException", message: "Bad JSON" });
      else {
        options.log?.("error", "step functions endpoint failed", { operation, error: (error as Error).name });
        send(res, 500, { __type: "InternalFailure", message: "Internal failure" });
      }
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  return listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
}
