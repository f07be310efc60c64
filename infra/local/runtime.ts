/**
 * The embedded runtime: synthesized app → DynamoDB, mail catcher, S3 (documents), Step Functions and the HTTP API,
 * in one process.
 */
import { join } from "node:path";
import { type DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { configureLog } from "#shared/http/log.ts";
import { SECURITY_HEADERS } from "#shared/web/layout.ts";
import { EVIDENCE_BUCKET_ROLE } from "../function-catalog.ts";
import { startDynamoDb } from "./dynamodb.ts";
import { FileJournal } from "./file-journal.ts";
import { startHttpServer } from "./http-server.ts";
import { type LambdaHandler, LocalLambda } from "./lambda.ts";
import { consoleLogger, type Logger } from "./log.ts";
import { caughtMail, startMailCatcher } from "./mail.ts";
import { type DynamoDbUsage, UsageMeter } from "./meter.ts";
import { LocalReviewScheduler } from "./review-scheduler.ts";
import { startS3 } from "./s3.ts";
import { LocalScheduler } from "./scheduler.ts";
import type { RunningServer } from "./servers.ts";
import { LocalStaff } from "./staff.ts";
import { StepFunctionsEngine, startStepFunctionsEndpoint } from "./step-functions.ts";
import { synthTemplates } from "./synth.ts";
import { buildLocalModel, type LocalFunction, type LocalModel, type StackTemplates } from "./template.ts";

export interface LocalRuntimeOptions {
  /** Where DynamoDB and S3 keep their data and the journal its file (default DATA_DIR or ".data"). */
  readonly dataDir?: string;
  /** Ports; 0 (the default) picks a free one. */
  readonly port?: number;
  readonly dynamodbPort?: number;
  readonly sesPort?: number;
  readonly sfnPort?: number;
  readonly s3Port?: number;
  readonly host?: string;
  /** Only error lines, from the runtime and from the handlers (whose logger it configures while it runs). */
  readonly quiet?: boolean;
  /** Environment for the handlers, over the template's. */
  readonly env?: Readonly<Record<string, string>>;
  /** Task TimeoutSeconds by state name (tests let callbacks time out quickly). */
  readonly timeoutOverridesSeconds?: Readonly<Record<string, number>>;
  /** Retry intervals in ms by state name. */
  readonly retryIntervalOverridesMs?: Readonly<Record<string, number>>;
  /** The stacks' templates; default: synthesize infra/build-app.ts. */
  readonly templates?: StackTemplates;
  /** Handlers by function name that replace functions/<name>/handler.ts (tests). */
  readonly handlers?: Readonly<Record<string, LambdaHandler>>;
  readonly functionsDir?: URL;
  /** Journal executions so that they resume after a restart (default true). */
  readonly journal?: boolean;
  /** Give the runtime a usage meter (default: PARTNERFLOW_METER=1); it counts only while it measures. */
  readonly meter?: boolean;
  /**
   * Also run every schedule once this long after start (npm start: a few seconds), for what fell due while the
   * runtime was down. Default: none (the tests run schedules when they mean to).
   */
  readonly catchUpSchedulesAfterMs?: number;
  /** How often the review schedules that are due are fired (default a minute; they are also fired at start). */
  readonly reviewSchedulesEveryMs?: number;
}

export interface LocalRuntime {
  readonly urls: { app: string; mail: string; dynamodb: string; stepFunctions: string; s3: string };
  /** The local name of the evidence bucket, when the template has one (EVIDENCE_BUCKET of the handlers). */
  readonly evidenceBucket: string | undefined;
  readonly stepFunctions: StepFunctionsEngine;
  readonly lambda: LocalLambda;
  /** Runs the template's schedules at their rates; `run(functionName)` runs one now. */
  readonly scheduler: LocalScheduler;
  /** Fires the periodic reviews' schedules that are due (`run()` fires them now); absent without the review. */
  readonly reviewScheduler: LocalReviewScheduler | undefined;
  readonly model: LocalModel;
  /** The staff users and their tokens (`$DATA_DIR/staff.json`): the local user pool. */
  readonly staff: LocalStaff;
  /** The onboarding's state machine ARN (else the first): executions are `<arn with :execution:>:<name>`. */
  readonly stateMachineArn: string;
  /** Milliseconds from the call to startLocalRuntime until everything listened. */
  readonly startedInMs: number;
  /** Present when asked for (options.meter): measures what a piece of work asks of each service. */
  readonly meter: UsageMeter | undefined;
  stop(): Promise<void>;
}

/** The handlers' environment: the union of the functions' variables (first one wins on a conflict). */
function functionEnvironment(functions: readonly LocalFunction[], log: Logger): Record<string, string> {
  const env: Record<string, string> = {};
  for (const fn of functions) {
    for (const [key, value] of Object.entries(fn.environment)) {
      if (key in env && env[key] !== value)
        log("warn", "functions disagree on a variable", { key, function: fn.name });
      else env[key] = value;
    }
  }
  return env;
}

function setEnvironment(values: Record<string, string>): () => void {
  const previous = new Map(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** Where versions before the file journal journalled executions. */
export const LEGACY_JOURNAL_TABLE = "partnerflow-local-journal";

/** Executions journalled in that table are not resumed; say so rather than let their links answer 410 unexplained. */
async function warnOfLegacyJournal(client: DynamoDBClient, log: Logger): Promise<void> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  if (!TableNames.includes(LEGACY_JOURNAL_TABLE)) return;
  log("warn", "executions journalled by an older version are not resumed; links they emailed answer 410", {
    table: LEGACY_JOURNAL_TABLE,
    journal: "step-functions-journal.ndjson",
  });
}

/**
 * Servers started at the same time: all of them, or none (those that started are closed again when one fails,
 * before the failure is thrown).
 */
async function startedTogether<const T extends readonly Promise<RunningServer>[]>(
  starts: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    for (const s of settled) if (s.status === "fulfilled") await s.value.close();
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<RunningServer>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const started = performance.now();
  const log = consoleLogger(options.quiet ?? false);
  const host = options.host ?? "127.0.0.1";
  const region = process.env.AWS_REGION ?? "eu-west-1";
  const closers: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  let ready = false;
  let model: LocalModel | undefined;
  let lambda: LocalLambda | undefined;
  let meter: UsageMeter | undefined;
  const metered = options.meter ?? process.env.PARTNERFLOW_METER === "1";
  try {
    const templates =
      options.templates ?? (await synthTemplates({ cache: process.env.PARTNERFLOW_SYNTH_CACHE !== "0" }));
    // The app listens first (answering 503) so that its URL, which the handlers' links use, is known.
    const dataDir = options.dataDir ?? process.env.DATA_DIR ?? ".data";
    // The user pool's stand-in: staff tokens, checked on the routes with an authorizer.
    const staff = new LocalStaff(dataDir);
    const app: RunningServer = await startHttpServer({
      routes: () => model?.routes ?? [],
      authenticate: (token) => staff.claimsFor(token),
      invoke: (name, event) => (lambda as LocalLambda).invoke(name, event),
      ready: () => ready,
      headers: SECURITY_HEADERS,
      onRequest: () => meter?.httpRequest(),
      port: options.port ?? 0,
      host,
      log,
    });
    closers.push(() => app.close());
    model = buildLocalModel(templates, { region, baseUrl: app.url });
    const dynamodb = await startDynamoDb({
      dataDir,
      tables: model.tables,
      port: options.dynamodbPort ?? 0,
      host,
      region,
      ...(metered ? { onUsage: (usage: DynamoDbUsage) => meter?.dynamodbUsage(usage) } : {}),
    });
    closers.push(() => dynamodb.close());
    await warnOfLegacyJournal(dynamodb.client, log);
    // The mail catcher and S3 load and start side by side: neither needs the other.
    const credentials = {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "local",
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "local",
    };
    const [mail, s3] = await startedTogether([
      startMailCatcher({ port: options.sesPort ?? 0, host }),
      startS3({
        dataDir,
        buckets: model.buckets.map((b) => b.bucketName),
        ...credentials,
        port: options.s3Port ?? 0,
        host,
        ...(metered ? { onRequest: (operation: string) => meter?.s3Request(operation) } : {}),
      }),
    ] as const);
    closers.push(
      () => mail.close(),
      () => s3.close(),
    );
    const evidenceBucket = model.buckets.find((b) => b.role === EVIDENCE_BUCKET_ROLE)?.bucketName;
    const settings = Object.fromEntries(model.functions.map((f) => [f.name, f]));
    const functions = new LocalLambda({
      region,
      settings,
      onInvoked: (name, ms) => meter?.lambdaInvoked(name, ms),
      ...(options.handlers ? { handlers: options.handlers } : {}),
      ...(options.functionsDir ? { functionsDir: options.functionsDir } : {}),
    });
    lambda = functions;
    const journal = options.journal === false ? undefined : FileJournal.inDataDir(dataDir, { log });
    // Closed after the engine has stopped (closers run in reverse), once its last writes are in.
    if (journal) closers.push(() => journal.close());
    const engine = new StepFunctionsEngine({
      region,
      stateMachines: model.stateMachines,
      invoke: (name, payload) => functions.invoke(name, payload),
      log,
      ...(journal ? { journal } : {}),
      ...(options.timeoutOverridesSeconds
        ? { timeoutOverridesSeconds: options.timeoutOverridesSeconds }
        : {}),
      ...(options.retryIntervalOverridesMs
        ? { retryIntervalOverridesMs: options.retryIntervalOverridesMs }
        : {}),
    });
    closers.push(() => engine.stop());
    const sfn = await startStepFunctionsEndpoint({
      engine,
      port: options.sfnPort ?? 0,
      host,
      log,
      onCall: (operation) => meter?.stepFunctionsCall(operation),
    });
    if (metered)
      meter = new UsageMeter({
        setDynamoDbMetering: (on) => dynamodb.setMetering(on),
        flushDynamoDb: () => dynamodb.flushUsage(),
        stateTransitions: () =>
          engine.listExecutions().reduce((sum, e) => sum + engine.transitions(e.executionArn), 0),
        mail: () => caughtMail(mail.url),
      });
    closers.push(() => sfn.close());
    // Before any handler is imported: the SDK clients read these when the handlers build them.
    const restore = setEnvironment({
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.url,
      AWS_ENDPOINT_URL_SFN: sfn.url,
      AWS_ENDPOINT_URL_SES: mail.url,
      AWS_ENDPOINT_URL_S3: s3.url,
      // Every handler may reach the bucket locally; on AWS only those granted evidence-read or -write are told it.
      ...(evidenceBucket ? { EVIDENCE_BUCKET: evidenceBucket } : {}),
      ...functionEnvironment(model.functions, log),
      PUBLIC_BASE_URL: app.url,
      // The checkpoints' append-only file and Ed25519 key, in place of the Object Lock bucket and KMS.
      CHECKPOINT_DIR: join(dataDir, "checkpoints"),
      // Each partnership's personal data key, a file each, in place of KMS data keys.
      PERSONAL_DATA_KEY_DIR: join(dataDir, "keys"),
      PERSONAL_DATA_KEYS: "file",
      // The staff's sessions: tokens exchanged at /sign-in for ID tokens signed with a key kept here.
      STAFF_DIR: dataDir,
      // The periodic reviews' one-time schedules: items of the table, which the review scheduler below fires.
      REVIEW_SCHEDULES: "table",
      ...options.env,
    });
    closers.unshift(restore);
    const previousLog = configureLog({ quiet: options.quiet ?? false });
    closers.unshift(() => void configureLog(previousLog));
    // Executions that were running when the runtime last stopped continue (their tasks may call handlers).
    await engine.restore();
    const scheduler = new LocalScheduler({
      schedules: model.schedules,
      invoke: (name, event) => functions.invoke(name, event),
      log,
    });
    scheduler.start(options.catchUpSchedulesAfterMs);
    // Stopped before the engine and the endpoints its runs use (closers run in reverse).
    closers.push(() => scheduler.stop());
    // After the executions are restored: a review whose schedule fell due while the runtime was down starts now.
    const reviewMachine = model.stateMachines.find((m) => m.logicalId.startsWith("Review"));
    const table = model.tables[0];
    const reviewScheduler =
      reviewMachine && table
        ? new LocalReviewScheduler({
            client: dynamodb.client,
            tableName: table.tableName,
            engine,
            stateMachineArn: reviewMachine.arn,
            config: { TIME_ZONE: process.env.TIME_ZONE || "America/Toronto" },
            log,
            ...(options.reviewSchedulesEveryMs ? { everyMs: options.reviewSchedulesEveryMs } : {}),
          })
        : undefined;
    if (reviewScheduler) {
      reviewScheduler.start();
      closers.push(() => reviewScheduler.stop());
    }
    ready = true;
    const startedInMs = Math.round(performance.now() - started);
    return {
      urls: { app: app.url, mail: mail.url, dynamodb: dynamodb.url, stepFunctions: sfn.url, s3: s3.url },
      evidenceBucket,
      stepFunctions: engine,
      lambda: functions,
      scheduler,
      reviewScheduler,
      model,
      staff,
      stateMachineArn:
        (model.stateMachines.find((m) => m.logicalId.startsWith("Onboarding")) ?? model.stateMachines[0])
          ?.arn ?? "",
      startedInMs,
      meter,
      stop: async () => {
        ready = false;
        await app.close(); // no new requests first, then executions, endpoints, DynamoDB, environment
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
