/**
 * The AWS list prices the bench turns a journey's counts into dollars with: one region, the date they were
 * taken, where from, and the assumptions made where the local run cannot measure what AWS bills.
 */

export interface Prices {
  readonly region: string;
  /** When these figures were read from the sources below (YYYY-MM-DD). */
  readonly takenOn: string;
  /** Step Functions Standard, per state transition. */
  readonly stepFunctionsPerTransition: number;
  /** Lambda, per request. */
  readonly lambdaPerRequest: number;
  /** Lambda on Arm (every function is arm64: infra/constructs/partnerflow-function.ts), per GB-second. */
  readonly lambdaArmPerGbSecond: number;
  /** DynamoDB on-demand, per read request unit. */
  readonly dynamodbPerReadUnit: number;
  /** DynamoDB on-demand, per write request unit. */
  readonly dynamodbPerWriteUnit: number;
  /** SES outbound, per email (each recipient of a message counts as one). */
  readonly sesPerEmail: number;
  /** API Gateway HTTP API, per request (first 300 million a month). */
  readonly httpApiPerRequest: number;
  /** When the S3 and KMS figures were read (YYYY-MM-DD): they came later than the others. */
  readonly s3AndKmsTakenOn: string;
  /** S3 Standard, per PUT, COPY, POST or LIST request. */
  readonly s3PerWriteRequest: number;
  /** S3 Standard, per GET, HEAD or other read request (DELETE is free). */
  readonly s3PerReadRequest: number;
  /** KMS, per request to a customer-managed symmetric key (GenerateDataKey, Decrypt...). */
  readonly kmsPerRequest: number;
}

/**
 * US East (N. Virginia), list prices without free tiers, read on 2026-12-03 from stored copies of these pages
 * (the Step Functions table from AWS's own page; the Lambda, DynamoDB, SES and HTTP API figures as quoted
 * from theirs by pricing summaries, since the copies of those pages lacked their dynamic price tables).
 * Check them against the live pages before quoting a cost outside this bench:
 * - Step Functions: https://aws.amazon.com/step-functions/pricing/ ($0.025 per 1,000 state transitions)
 * - Lambda: https://aws.amazon.com/lambda/pricing/ ($0.20 per 1M requests; Arm $0.0000133334 per GB-s, first
 *   7.5 billion GB-s a month)
 * - DynamoDB: https://aws.amazon.com/dynamodb/pricing/on-demand/ ($0.125 per 1M read request units, $0.625 per 1M
 *   write request units, the prices since the cut of 2024-11-01)
 * - SES: https://aws.amazon.com/ses/pricing/ ($0.10 per 1,000 emails)
 * - API Gateway: https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs $1.00 per million requests)
 * Read on 2026-12-06, as pricing summaries quote AWS's pages (c3x.dev's "S3 request fees explained" for S3;
 * wring.co's and factualminds.com's KMS pricing guides of 2026 for KMS, whose AWS page's stored copy lacked the
 * request price):
 * - S3: https://aws.amazon.com/s3/pricing/ (S3 Standard: $0.005 per 1,000 PUT, COPY, POST or LIST requests;
 *   $0.0004 per 1,000 GET, SELECT and all other requests; DELETE free)
 * - KMS: https://aws.amazon.com/kms/pricing/ ($0.03 per 10,000 requests; $1 a month per key, not per journey)
 * The stacks deploy to whichever region the AWS CLI names; us-east-1 is the reference the pages lead with.
 * Step Functions charges the same in ca-central-1 and eu-west-1; the others differ by region.
 */
export const PRICES: Prices = {
  region: "us-east-1",
  takenOn: "2026-12-03",
  stepFunctionsPerTransition: 0.025 / 1_000,
  lambdaPerRequest: 0.2 / 1_000_000,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamodbPerReadUnit: 0.125 / 1_000_000,
  dynamodbPerWriteUnit: 0.625 / 1_000_000,
  sesPerEmail: 0.1 / 1_000,
  httpApiPerRequest: 1 / 1_000_000,
  s3AndKmsTakenOn: "2026-12-06",
  s3PerWriteRequest: 0.005 / 1_000,
  s3PerReadRequest: 0.0004 / 1_000,
  kmsPerRequest: 0.03 / 10_000,
};

/** Where the cost is a bound rather than a measurement, and why. */
export interface CostAssumptions {
  /**
   * Each invocation is billed at least this long. The local run measures the handler's own time against local
   * endpoints, without a cold start (billed since 2025-08-01) or AWS's network round trips, so it would
   * understate; a handler measured slower than this is billed as measured.
   */
  readonly lambdaBilledMsAtLeast: number;
  /**
   * Write units charged for a conditional write that failed its condition: AWS charges one at least (by the
   * item's size), dynalite reports none. None fails in a journey that runs alone.
   */
  readonly writeUnitsPerFailedWrite: number;
  /**
   * KMS requests per S3 request that writes or reads an object's bytes (the bucket is encrypted with the
   * stack's key). A bound: one GenerateDataKey per PUT and one Decrypt per GET is what S3 asks of KMS without a
   * bucket key; the evidence bucket has one (infra/stacks/stateful-stack.ts), so S3 asks KMS far less often.
   */
  readonly kmsRequestsPerObjectRequest: number;
}

export const ASSUMPTIONS: CostAssumptions = {
  lambdaBilledMsAtLeast: 1_000,
  writeUnitsPerFailedWrite: 1,
  kmsRequestsPerObjectRequest: 1,
};

/** What the journey cost leaves out, said where the cost is printed and in the README. */
export const NOT_COUNTED =
  "free tiers, X-Ray traces, CloudWatch Logs, S3 storage, the KMS key's monthly fee and the KMS requests of DynamoDB and CloudWatch Logs (which cache their data keys), data transfer, Step Functions API calls (not billed)";
