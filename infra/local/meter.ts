/** Usage counters of the local runtime, off unless asked for: what a stretch of work asked of each AWS service. */

/** One DynamoDB request as the metered endpoint saw it. */
export interface DynamoDbRequestUsage {
  /** The API operation, from X-Amz-Target: "GetItem", "Query", "PutItem"... */
  readonly operation: string;
  /** Capacity units dynalite reports for it (base table and any index read; index writes are not reported). */
  readonly capacityUnits: number;
  /** Answered with an error, e.g. ConditionalCheckFailedException. */
  readonly failed: boolean;
}

/** What the metered DynamoDB endpoint reports: a request, or the write units a write cost the indexes. */
export type DynamoDbUsage = DynamoDbRequestUsage | { readonly indexWriteUnits: number };

export interface OperationUsage {
  readonly requests: number;
  readonly failed: number;
  readonly capacityUnits: number;
}

export interface Usage {
  /** Requests the HTTP API server received (API Gateway bills each). */
  readonly httpRequests: number;
  /** Each function's invocations, as their durations in ms (the handler's run, without a cold start). */
  readonly lambdaMs: Readonly<Record<string, readonly number[]>>;
  /** States entered, over all executions (what Step Functions Standard bills). */
  readonly stateTransitions: number;
  /** Step Functions API calls the functions made, by operation. */
  readonly stepFunctionsCalls: Readonly<Record<string, number>>;
  readonly dynamodb: Readonly<Record<string, OperationUsage>>;
  /** Write units the writes cost the global secondary indexes (AWS bills them beside the table's). */
  readonly dynamodbIndexWriteUnits: number;
  /** Messages the mail catcher received, and their recipients (SES bills each recipient as one email). */
  readonly emails: number;
  readonly recipients: number;
  /** Requests the S3 endpoint received, by operation ("PutObject", "GetObject"...), presigned links included. */
  readonly s3: Readonly<Record<string, number>>;
}

/** What was added to a count by operation between two readings. */
function countsBetween(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): Record<string, number> {
  const added: Record<string, number> = {};
  for (const [operation, count] of Object.entries(after)) {
    const more = count - (before[operation] ?? 0);
    if (more > 0) added[operation] = more;
  }
  return added;
}

/** What changed between two readings of the counters (which only grow). */
export function usageBetween(before: Usage, after: Usage): Usage {
  const lambdaMs: Record<string, number[]> = {};
  for (const [name, durations] of Object.entries(after.lambdaMs)) {
    const added = durations.slice(before.lambdaMs[name]?.length ?? 0);
    if (added.length > 0) lambdaMs[name] = added;
  }
  const dynamodb: Record<string, OperationUsage> = {};
  for (const [operation, usage] of Object.entries(after.dynamodb)) {
    const earlier = before.dynamodb[operation] ?? { requests: 0, failed: 0, capacityUnits: 0 };
    if (usage.requests === earlier.requests) continue;
    dynamodb[operation] = {
      requests: usage.requests - earlier.requests,
      failed: usage.failed - earlier.failed,
      capacityUnits: usage.capacityUnits - earlier.capacityUnits,
    };
  }
  return {
    httpRequests: after.httpRequests - before.httpRequests,
    lambdaMs,
    stateTransitions: after.stateTransitions - before.stateTransitions,
    stepFunctionsCalls: countsBetween(before.stepFunctionsCalls, after.stepFunctionsCalls),
    dynamodb,
    dynamodbIndexWriteUnits: after.dynamodbIndexWriteUnits - before.dynamodbIndexWriteUnits,
    emails: after.emails - before.emails,
    recipients: after.recipients - before.recipients,
    s3: countsBetween(before.s3, after.s3),
  };
}

/** What the meter reads from the parts of the runtime that count for themselves. */
export interface MeterSources {
  /** Turns the DynamoDB endpoint's metering on or off; resolves once it has taken effect. */
  setDynamoDbMetering(on: boolean): Promise<void>;
  /** Resolves once every DynamoDB request answered so far has been reported. */
  flushDynamoDb(): Promise<void>;
  /** States entered so far, over all executions. */
  stateTransitions(): number;
  /** Messages caught so far, and their recipients. */
  mail(): Promise<{ emails: number; recipients: number }>;
}

/**
 * Counts while a measurement runs, and only then: the hooks it gives the HTTP server, the Lambda runtime and
 * the Step Functions endpoint return at once otherwise, and DynamoDB requests go straight to dynalite.
 */
export class UsageMeter {
  private active = false;
  private httpRequests = 0;
  private readonly lambdaMs = new Map<string, number[]>();
  private readonly stepFunctionsCalls = new Map<string, number>();
  private readonly dynamodb = new Map<string, OperationUsage>();
  private dynamodbIndexWriteUnits = 0;
  private readonly s3 = new Map<string, number>();

  constructor(private readonly sources: MeterSources) {}

  readonly httpRequest = (): void => {
    if (this.active) this.httpRequests += 1;
  };

  readonly lambdaInvoked = (functionName: string, ms: number): void => {
    if (!this.active) return;
    const durations = this.lambdaMs.get(functionName) ?? [];
    durations.push(ms);
    this.lambdaMs.set(functionName, durations);
  };

  readonly stepFunctionsCall = (operation: string): void => {
    if (this.active)
      this.stepFunctionsCalls.set(operation, (this.stepFunctionsCalls.get(operation) ?? 0) + 1);
  };

  readonly s3Request = (operation: string): void => {
    if (this.active) this.s3.set(operation, (this.s3.get(operation) ?? 0) + 1);
  };

  /** Reported by the DynamoDB endpoint, which meters only while a measurement runs. */
  readonly dynamodbUsage = (usage: DynamoDbUsage): void => {
    if ("indexWriteUnits" in usage) this.dynamodbIndexWriteUnits += usage.indexWriteUnits;
    else this.dynamodbRequest(usage);
  };

  private dynamodbRequest(request: DynamoDbRequestUsage): void {
    const earlier = this.dynamodb.get(request.operation) ?? { requests: 0, failed: 0, capacityUnits: 0 };
    this.dynamodb.set(request.operation, {
      requests: earlier.requests + 1,
      failed: earlier.failed + (request.failed ? 1 : 0),
      capacityUnits: earlier.capacityUnits + request.capacityUnits,
    });
  }

  /**
   * Runs `work` with the counters on and returns what it used. Everything the runtime does meanwhile is
   * counted, so run one piece of work at a time, and let it end (its executions finished) before it resolves.
   */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; usage: Usage }> {
    if (this.active) throw new Error("A measurement is already running");
    this.active = true;
    try {
      await this.sources.setDynamoDbMetering(true);
      const before = await this.read();
      const result = await work();
      await this.sources.flushDynamoDb();
      return { result, usage: usageBetween(before, await this.read()) };
    } finally {
      this.active = false;
      await this.sources.setDynamoDbMetering(false);
    }
  }

  /**
   * The counters so far, while a measurement runs (every DynamoDB request answered included): the usage of a
   * stretch of the work is what changed between two samples (usageBetween).
   */
  async sample(): Promise<Usage> {
    if (!this.active) throw new Error("No measurement is running");
    await this.sources.flushDynamoDb();
    return this.read();
  }

  private async read(): Promise<Usage> {
    return {
      httpRequests: this.httpRequests,
      lambdaMs: Object.fromEntries([...this.lambdaMs].map(([name, ms]) => [name, [...ms]])),
      stateTransitions: this.sources.stateTransitions(),
      stepFunctionsCalls: Object.fromEntries(this.stepFunctionsCalls),
      dynamodb: Object.fromEntries(this.dynamodb),
      dynamodbIndexWriteUnits: this.dynamodbIndexWriteUnits,
      s3: Object.fromEntries(this.s3),
      ...(await this.sources.mail()),
    };
  }
}
