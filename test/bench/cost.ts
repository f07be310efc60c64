/** What a journey's measured usage costs on AWS at list prices (prices.ts), service by service. Pure. */
import type { Usage } from "#infra/local/meter.ts";
import { ASSUMPTIONS, type CostAssumptions, PRICES, type Prices } from "./prices.ts";

const READS = new Set(["GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"]);
const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"]);

/** Data-plane reads and writes are billed in request units; anything else (DescribeTable...) is not. */
export function dynamodbKind(operation: string): "read" | "write" | "other" {
  return READS.has(operation) ? "read" : WRITES.has(operation) ? "write" : "other";
}

/** The usage's DynamoDB requests and the units the table reported, reads and writes apart. */
export function dynamodbTotals(usage: Usage): {
  reads: number;
  writes: number;
  readUnits: number;
  writeUnits: number;
  failedWrites: number;
} {
  const totals = { reads: 0, writes: 0, readUnits: 0, writeUnits: 0, failedWrites: 0 };
  for (const [operation, u] of Object.entries(usage.dynamodb)) {
    const kind = dynamodbKind(operation);
    if (kind === "read") {
      totals.reads += u.requests;
      totals.readUnits += u.capacityUnits;
    } else if (kind === "write") {
      totals.writes += u.requests;
      totals.writeUnits += u.capacityUnits;
      totals.failedWrites += u.failed;
    }
  }
  return totals;
}

/** S3 bills PUT, COPY, POST and LIST requests at one price, DELETE not at all, and every other request at another. */
const S3_WRITES = new Set([
  "PutObject",
  "CopyObject",
  "PostObject",
  "CreateMultipartUpload",
  "UploadPart",
  "CompleteMultipartUpload",
  "CreateBucket",
  "ListBuckets",
  "ListObjects",
  "ListObjectsV2",
  "ListMultipartUploads",
  "ListParts",
]);
const S3_FREE = new Set(["DeleteObject", "DeleteObjects", "DeleteBucket", "AbortMultipartUpload"]);
/** Requests whose object bytes S3 encrypts or decrypts with the bucket's KMS key. */
const S3_WITH_KMS = new Set(["PutObject", "CopyObject", "PostObject", "UploadPart", "GetObject"]);

export function s3Kind(operation: string): "write" | "read" | "free" {
  return S3_WRITES.has(operation) ? "write" : S3_FREE.has(operation) ? "free" : "read";
}

/** The usage's S3 requests as S3 bills them, and those that use the bucket's KMS key. */
export function s3Totals(usage: Usage): { writes: number; reads: number; withKms: number } {
  const totals = { writes: 0, reads: 0, withKms: 0 };
  for (const [operation, count] of Object.entries(usage.s3)) {
    const kind = s3Kind(operation);
    if (kind === "write") totals.writes += count;
    else if (kind === "read") totals.reads += count;
    if (S3_WITH_KMS.has(operation)) totals.withKms += count;
  }
  return totals;
}

export interface CostLine {
  readonly service: string;
  /** What is billed, in the service's unit, e.g. "5 transitions". */
  readonly quantity: string;
  readonly usd: number;
}

export interface JourneyCost {
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
}

export interface CostContext {
  /** Each function's configured memory, from the template. */
  readonly memoryMb: Readonly<Record<string, number>>;
}

export function journeyCost(
  usage: Usage,
  context: CostContext,
  prices: Prices = PRICES,
  assumptions: CostAssumptions = ASSUMPTIONS,
): JourneyCost {
  let invocations = 0;
  let gbSeconds = 0;
  for (const [name, durations] of Object.entries(usage.lambdaMs)) {
    const memoryMb = context.memoryMb[name];
    if (memoryMb === undefined) throw new Error(`No memory size known for the function ${name}`);
    for (const ms of durations) {
      invocations += 1;
      // Lambda bills whole milliseconds.
      gbSeconds += (memoryMb / 1024) * (Math.max(Math.ceil(ms), assumptions.lambdaBilledMsAtLeast) / 1000);
    }
  }
  const db = dynamodbTotals(usage);
  // The table's units, a failed condition's, and the indexes' (which AWS bills beside the table's).
  const writeUnits =
    db.writeUnits + db.failedWrites * assumptions.writeUnitsPerFailedWrite + usage.dynamodbIndexWriteUnits;
  const s3 = s3Totals(usage);
  const kmsRequests = s3.withKms * assumptions.kmsRequestsPerObjectRequest;
  const lines: CostLine[] = [
    {
      service: "Step Functions",
      quantity: `${usage.stateTransitions} transitions`,
      usd: usage.stateTransitions * prices.stepFunctionsPerTransition,
    },
    {
      service: "Lambda requests",
      quantity: `${invocations} requests`,
      usd: invocations * prices.lambdaPerRequest,
    },
    {
      service: "Lambda duration",
      quantity: `${round(gbSeconds, 3)} GB-s`,
      usd: gbSeconds * prices.lambdaArmPerGbSecond,
    },
    {
      service: "DynamoDB reads",
      quantity: `${round(db.readUnits, 1)} RRU`,
      usd: db.readUnits * prices.dynamodbPerReadUnit,
    },
    {
      service: "DynamoDB writes",
      quantity: `${round(writeUnits, 1)} WRU`,
      usd: writeUnits * prices.dynamodbPerWriteUnit,
    },
    { service: "SES", quantity: `${usage.recipients} emails`, usd: usage.recipients * prices.sesPerEmail },
    {
      service: "HTTP API",
      quantity: `${usage.httpRequests} requests`,
      usd: usage.httpRequests * prices.httpApiPerRequest,
    },
    {
      service: "S3 PUT, COPY, POST, LIST",
      quantity: `${s3.writes} requests`,
      usd: s3.writes * prices.s3PerWriteRequest,
    },
    {
      service: "S3 GET and others",
      quantity: `${s3.reads} requests`,
      usd: s3.reads * prices.s3PerReadRequest,
    },
    {
      service: "KMS (bound)",
      quantity: `${kmsRequests} requests`,
      usd: kmsRequests * prices.kmsPerRequest,
    },
  ];
  return { lines, totalUsd: lines.reduce((sum, line) => sum + line.usd, 0) };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** Dollars to six decimals: a journey costs fractions of a cent. */
export function usd(value: number): string {
  return `$${value.toFixed(6)}`;
}
