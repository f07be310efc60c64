/** Every Lambda function of the app: its folder under functions/, its routes and what it may touch. */

export type Grant =
  | "table-read" // GetItem / Query on the table and its indexes
  | "table-write" // read plus PutItem / UpdateItem
  | "start-execution" // states:StartExecution on the onboarding state machine
  | "task-response" // states:SendTaskSuccess / SendTaskFailure on the onboarding state machine
  | "send-email"; // ses:SendEmail from the configured sender identity

export interface FunctionSpec {
  /** Folder name under functions/ and the value of the `partnerflow:function` tag. */
  readonly name: string;
  readonly description: string;
  /** HTTP API route keys served by this function, e.g. "POST /api/partnerships", or DEFAULT_ROUTE. */
  readonly routes: readonly string[];
  readonly grants: readonly Grant[];
  /** Run by EventBridge Scheduler (locally, infra/local/scheduler.ts) every so many minutes. */
  readonly everyMinutes?: number;
}

export const FUNCTION_TAG = "partnerflow:function";

/** The HTTP API's catch-all route: whatever no other route's method and path match. */
export const DEFAULT_ROUTE = "$default";

/**
 * The route keys a function's routes put on the HTTP API: each GET route is a HEAD route too, since an HTTP
 * API answers HEAD only where a route says so (the handler's answer, whose body API Gateway leaves out).
 */
export function apiRouteKeys(spec: FunctionSpec): string[] {
  return spec.routes.flatMap((key) => (key.startsWith("GET ") ? [key, `HEAD ${key.slice(4)}`] : [key]));
}

export const HTTP_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "render-intake-form",
    description: "GET / : the intake form",
    routes: ["GET /"],
    grants: [],
  },
  {
    name: "submit-intake",
    description: "Accepts an intake (JSON or the form), records it and starts onboarding",
    routes: ["POST /api/partnerships", "POST /"],
    grants: ["table-write", "start-execution", "send-email"],
  },
  {
    name: "get-intake-schema",
    description: "The intake JSON Schema, generated from the zod schema",
    routes: ["GET /api/schema/intake"],
    grants: [],
  },
  {
    name: "show-status",
    description: "The partner's private status page",
    routes: ["GET /status/{token}"],
    grants: ["table-read"],
  },
  {
    name: "show-decision",
    description: "The officer's confirmation page for a decision link (decides nothing)",
    routes: ["GET /decisions/{token}"],
    grants: ["table-read"],
  },
  {
    name: "record-decision",
    description: "POST of an officer's decision: single use, then resumes the workflow",
    routes: ["POST /decisions/{token}"],
    grants: ["table-write", "task-response"],
  },
  {
    name: "show-resubmission",
    description: "The partner's edit form after the officer asked for more information",
    routes: ["GET /resubmit/{token}"],
    grants: ["table-read"],
  },
  {
    name: "submit-resubmission",
    description: "POST of the partner's corrected intake: single use, then reassessment",
    routes: ["POST /resubmit/{token}"],
    grants: ["table-write", "task-response"],
  },
  {
    name: "get-favicon",
    description: "GET /favicon.ico : the site's icon",
    routes: ["GET /favicon.ico"],
    grants: [],
  },
  {
    name: "not-found",
    description: "Any request no other route takes: a 404 page, or JSON under /api/",
    routes: [DEFAULT_ROUTE],
    grants: [],
  },
];

export const TASK_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "assess-intake",
    description: "Scores the intake against the needs register and active partners",
    routes: [],
    grants: ["table-write"],
  },
  {
    name: "request-officer-decision",
    description: "Opens an officer decision (callback) and emails its link",
    routes: [],
    grants: ["table-write", "send-email"],
  },
  {
    name: "request-resubmission",
    description: "Asks the partner for more information (callback) and emails the edit link",
    routes: [],
    grants: ["table-write", "send-email"],
  },
  {
    name: "record-outcome",
    description: "Moves the partnership to its outcome stage and tells the partner or the office",
    routes: [],
    grants: ["table-write", "send-email"],
  },
  {
    name: "record-failure",
    description: "Records a workflow failure in the ledger and alerts the office",
    routes: [],
    grants: ["table-write", "send-email"],
  },
];

export const SCHEDULED_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "resume-stalled-decisions",
    description: "Resumes the workflow for decisions made whose own resume was cut short",
    routes: [],
    grants: ["table-write", "task-response"],
    everyMinutes: 5,
  },
  {
    name: "finish-stalled-intakes",
    description: "Sends the acknowledgement and starts the workflow of intakes whose request was cut short",
    routes: [],
    grants: ["table-write", "start-execution", "send-email"],
    everyMinutes: 5,
  },
];

export const ALL_FUNCTIONS: readonly FunctionSpec[] = [
  ...HTTP_FUNCTIONS,
  ...TASK_FUNCTIONS,
  ...SCHEDULED_FUNCTIONS,
];

/** Environment variables the handlers read (set by CDK on AWS, by infra/local on one machine). */
export const ENV = {
  TABLE_NAME: "TABLE_NAME",
  STATE_MACHINE_ARN: "STATE_MACHINE_ARN",
  PUBLIC_BASE_URL: "PUBLIC_BASE_URL",
  SENDER_EMAIL: "SENDER_EMAIL",
  OFFICER_EMAILS: "OFFICER_EMAILS",
  OFFICE_EMAIL: "OFFICE_EMAIL",
  STATUS_LINK_TTL_DAYS: "STATUS_LINK_TTL_DAYS",
} as const;
