/** `npm start`: the whole system on this machine; prints its URLs and stops cleanly on Ctrl-C. */
import { configuredStaff } from "#shared/adapters/local-staff.ts";
import { loadAppConfig } from "#shared/config/app-config.ts";
import { clockBannerLine } from "./clock-banner.ts";
import { startLocalRuntime } from "./runtime.ts";

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number`);
  return value;
};

const runtime = await startLocalRuntime({
  port: port("PORT", 3000),
  dynamodbPort: port("DYNAMODB_PORT", 8000),
  sesPort: port("SES_PORT", 8005),
  sfnPort: port("SFN_PORT", 8083),
  s3Port: port("S3_PORT", 4568),
  dataDir: process.env.DATA_DIR ?? ".data",
  quiet: process.env.PARTNERFLOW_QUIET === "1",
  // What fell due while it was down (a waiver that ended, a decision left unresumed) is taken up at once.
  catchUpSchedulesAfterMs: 5000,
}).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Partnerflow could not start: ${message}`);
  if (/EADDRINUSE/.test(message))
    console.error(
      "A port it needs is taken: stop what uses it, or choose others (PORT, DYNAMODB_PORT, SES_PORT, SFN_PORT, S3_PORT).",
    );
  process.exit(1);
});

// The first start on an empty DATA_DIR makes every configured officer, the lead and an auditor; their tokens are
// printed this once. The runtime has set the handlers' environment, the configuration included.
const appConfig = loadAppConfig();
const issued = runtime.staff.seed(new Date(), configuredStaff(appConfig));
const staffTokens =
  issued.length === 0
    ? "  Staff sign-in: the tokens printed at the first start (new ones: npm run staff -- add <role> <email>)"
    : [
        "  Staff sign-in tokens. They are shown ONCE: keep them (Authorization: Bearer <token>).",
        "  New ones: npm run staff -- add <role> <email>; revoke: npm run staff -- revoke <email>",
        ...issued.map((i) => `    ${i.role.padEnd(8)} ${i.email.padEnd(22)} ${i.token}`),
      ].join("\n");
const table = runtime.model.tables[0]?.tableName ?? "partnerflow";
const schedules = runtime.model.schedules
  .map((s) => `  ${`Every ${s.everyMs / 60_000} min`.padEnd(22)}${s.functionName}`)
  .join("\n");
// A moved clock (PARTNERFLOW_CLOCK_OFFSET_DAYS) is said, with the day the handlers take for today.
const clockLine = clockBannerLine(new Date(), appConfig.TIME_ZONE);
const machine =
  runtime.model.stateMachines.find((m) => m.arn === runtime.stateMachineArn)?.name ?? "<state machine>";
console.log(`
Partnerflow is running (started in ${runtime.startedInMs} ms)

  App (API and pages)   ${runtime.urls.app}
  Mail viewer           ${runtime.urls.mail}   (sent mail as JSON: ${runtime.urls.mail}/store)
  DynamoDB              ${runtime.urls.dynamodb}
  Step Functions        ${runtime.urls.stepFunctions}
  S3 (documents)        ${runtime.urls.s3}${runtime.evidenceBucket ? `   (bucket ${runtime.evidenceBucket})` : ""}
${schedules}
${clockLine ? `\n  ${clockLine}\n` : ""}
${staffTokens}

  The AWS CLI answers with a region and any credentials:
  export AWS_DEFAULT_REGION=${runtime.model.region} AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local
  aws dynamodb scan --table-name ${table} --endpoint-url ${runtime.urls.dynamodb}
  aws stepfunctions list-executions --endpoint-url ${runtime.urls.stepFunctions} \\
      --state-machine-arn ${runtime.stateMachineArn}
  aws stepfunctions describe-execution --endpoint-url ${runtime.urls.stepFunctions} \\
      --execution-arn arn:aws:states:${runtime.model.region}:000000000000:execution:${machine}:<partnership id>
  aws s3 ls --recursive s3://${runtime.evidenceBucket ?? "<bucket>"} --endpoint-url ${runtime.urls.s3}

Press Ctrl-C to stop.
`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping...`);
  runtime.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error("stop failed:", error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
