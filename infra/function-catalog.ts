/** Every Lambda function of the app: its folder under functions/, its routes and what it may touch. */
import { statusDocumentRoutes, stepDocumentRoute } from "../shared/steps/document-routes.ts";
import { STEPS, type StepRegistry } from "../shared/steps/index.ts";
import { SIGNING_STEPS } from "../shared/steps/signing-steps.ts";
import type { HumanStep } from "../shared/steps/step.ts";
import { VETTING_STEPS } from "../shared/steps/vetting-steps.ts";

export type Grant =
  | "table-read" // GetItem / Query on the table and its indexes
  | "table-write" // read plus PutItem / UpdateItem
  | "start-execution" // states:StartExecution on the onboarding state machine
  | "start-renewal" // states:StartExecution on the vetting renewal's state machine
  | "start-review" // states:StartExecution on the periodic review's state machine
  | "review-schedule" // the review's one-time EventBridge Scheduler schedules, one per due day (create, delete; pass their role)
  | "review-schedule-cancel" // delete a partnership's pending review schedule only (an ending, a review started now)
  | "task-response" // states:SendTaskSuccess / SendTaskFailure on the state machines' callback tasks
  | "stop-execution" // states:StopExecution on the state machines' executions (an ended partnership's)
  | "send-email" // ses:SendEmail from the configured sender identity
  | "evidence-read" // s3:GetObject on the evidence bucket (and signing links to it), kms:Decrypt on its key
  | "evidence-write" // s3:PutObject on the evidence bucket, and the key's data keys (one that also reads holds both)
  | "personal-data" // kms:GenerateDataKey / kms:Decrypt on the personal data key: seal and open personal fields
  | "checkpoint-read" // list and read the checkpoint bucket, and the signing key's public half
  | "checkpoint-write"; // put new checkpoints (Object Lock keeps them), and kms:Sign with the signing key

/** The evidence bucket's folders (shared/domain/document-keys.ts; exports/, the ledger's exports, kept a day). */
export type DocumentFolder = "evidence" | "agreements" | "certificates" | "exports";

export interface FunctionSpec {
  /** Folder name under functions/ and the value of the `partnerflow:function` tag. */
  readonly name: string;
  readonly description: string;
  /** HTTP API route keys served by this function, e.g. "POST /api/partnerships", or DEFAULT_ROUTE. */
  readonly routes: readonly string[];
  readonly grants: readonly Grant[];
  /**
   * The folders of the evidence bucket its evidence grants reach (evidence/, agreements/, certificates/): each
   * function reads and writes only the documents it handles. Absent: every folder (a test's grants).
   */
  readonly documents?: {
    readonly read?: readonly DocumentFolder[];
    readonly write?: readonly DocumentFolder[];
  };
  /** Run by EventBridge Scheduler (locally, infra/local/scheduler.ts) every so many minutes. */
  readonly everyMinutes?: number;
  /**
   * Its routes need a signed-in staff member: the HTTP API's JWT authorizer (the staff user pool's tokens;
   * locally, infra/local/staff.ts) refuses a request without a valid token before the handler runs, and the
   * handler checks the role (shared/http/staff-auth.ts).
   */
  readonly signedIn?: true;
  /** It reads the office's holidays and the reminders before escalation (ENV.HOLIDAYS, …). */
  readonly reminders?: true;
  /** How long a run may take, when more than the default 10 seconds. */
  readonly timeoutSeconds?: number;
}

export const FUNCTION_TAG = "partnerflow:function";

/** The tag that names a bucket's role; the local runtime creates each tagged bucket as `partnerflow-<role>`. */
export const BUCKET_TAG = "partnerflow:bucket";

/** The role (BUCKET_TAG value) of the bucket of the ledger's checkpoints. */
export const CHECKPOINT_BUCKET_ROLE = "checkpoints";

/** The role (BUCKET_TAG value) of the bucket of evidence documents, agreements and certificates. */
export const EVIDENCE_BUCKET_ROLE = "evidence";

/**
 * The routes of every human step's link (shared/steps/): one GET and one POST each, to the generic handlers.
 * The POST of a step that takes uploads goes to decide-upload-step, every other to decide-step: `uploads`
 * picks which of the two sets (undefined: all of them).
 */
function stepRoutes(method: "GET" | "POST", steps: StepRegistry = STEPS, uploads?: boolean): string[] {
  return Object.values(steps)
    .filter((step) => uploads === undefined || (step.uploads !== undefined) === uploads)
    .map((step) => `${method} ${step.linkPath}/{token}`);
}

/**
 * The family of steps a function decides: each imports only its own (the bundle carries only those pages).
 * Any step of no family (the intake's, the periodic review's, or a test's) is decide-step's.
 */
type Family = "intake" | "vetting" | "signing";
function familyOf(step: HumanStep): Family {
  if (Object.hasOwn(SIGNING_STEPS, step.kind)) return "signing";
  return Object.hasOwn(VETTING_STEPS, step.kind) ? "vetting" : "intake";
}

/** One family's steps. */
const ofFamily = (steps: StepRegistry, family: Family): StepRegistry =>
  Object.fromEntries(Object.entries(steps).filter(([, step]) => familyOf(step) === family));

/** The POST routes of one family's steps, those that take files aside (decide-upload-step's). */
function decideRoutes(steps: StepRegistry, family: Family): string[] {
  return stepRoutes("POST", ofFamily(steps, family), false);
}

/** The GET routes of one family's steps. */
function showRoutes(steps: StepRegistry, family: Family): string[] {
  return stepRoutes("GET", ofFamily(steps, family));
}

/** The documents the links open (show-documents): below the steps' links that have some, and the status link. */
function documentRoutes(steps: StepRegistry = STEPS): string[] {
  return [
    ...Object.values(steps).flatMap((step) => stepDocumentRoute(step) ?? []),
    ...statusDocumentRoutes(),
  ];
}

/** The routes of the functions whose routes come from the step registry. */
const REGISTRY_ROUTES: Readonly<Record<string, (steps: StepRegistry) => string[]>> = {
  "show-step": (steps) => showRoutes(steps, "intake"),
  "show-vetting-step": (steps) => showRoutes(steps, "vetting"),
  "show-agreement-step": (steps) => showRoutes(steps, "signing"),
  "decide-step": (steps) => decideRoutes(steps, "intake"),
  "decide-vetting-step": (steps) => decideRoutes(steps, "vetting"),
  "decide-agreement-step": (steps) => decideRoutes(steps, "signing"),
  "decide-upload-step": (steps) => stepRoutes("POST", steps, true),
  "show-documents": (steps) => documentRoutes(steps),
};

/** The catalog for a step registry other than the app's (a test that adds a step): the same, with its routes. */
export function catalogFor(steps: StepRegistry): FunctionSpec[] {
  return ALL_FUNCTIONS.map((spec) => {
    const routes = REGISTRY_ROUTES[spec.name];
    return routes ? { ...spec, routes: routes(steps) } : spec;
  });
}

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
    grants: ["table-write", "start-execution", "send-email", "personal-data"],
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
    routes: ["GET /status/{token}", "GET /status/{token}/withdraw"],
    grants: ["table-read", "personal-data"],
  },
  {
    name: "show-step",
    description: "GET of an intake or review step's link: the step's page (decides nothing)",
    routes: showRoutes(STEPS, "intake"),
    grants: ["table-read", "personal-data"],
  },
  {
    name: "show-vetting-step",
    description: "GET of a vetting or authority step's link: as show-step",
    routes: showRoutes(STEPS, "vetting"),
    grants: ["table-read", "personal-data"],
  },
  {
    name: "show-agreement-step",
    description: "GET of one of the agreement's steps' links: as show-step",
    routes: showRoutes(STEPS, "signing"),
    grants: ["table-read", "personal-data"],
  },
  {
    name: "decide-step",
    description:
      "POST of an intake or review step's link (the officer's review, the partner's answer): single use, then resumes the workflow",
    routes: decideRoutes(STEPS, "intake"),
    grants: ["table-write", "task-response", "send-email", "personal-data"],
  },
  {
    name: "decide-vetting-step",
    description: "POST of a vetting or authority step's link (without files): as decide-step",
    routes: decideRoutes(STEPS, "vetting"),
    grants: ["table-write", "task-response", "send-email", "personal-data"],
  },
  {
    name: "decide-agreement-step",
    description:
      "POST of the agreement's steps' links (terms, signing, countersigning, paper): as decide-step",
    routes: decideRoutes(STEPS, "signing"),
    grants: ["table-write", "task-response", "send-email", "personal-data"],
  },
  {
    name: "decide-upload-step",
    description:
      "POST of a human step's link that takes files (the vetting checklist): inspects and stores them, then as decide-step",
    routes: stepRoutes("POST", STEPS, true),
    grants: ["table-write", "task-response", "send-email", "evidence-write", "personal-data"],
    documents: { write: ["evidence"] },
  },
  {
    name: "show-documents",
    description:
      "A document an open link opens: vetting evidence for the officer, the agreement, the certificate",
    routes: documentRoutes(),
    grants: ["table-read", "evidence-read", "personal-data"],
    documents: { read: ["evidence", "agreements", "certificates"] },
  },
  {
    name: "audit-api",
    description:
      "The audit API, for auditors and the office lead: partnerships, timelines, the ledger's check",
    routes: [
      "GET /api/audit/partnerships",
      "GET /api/audit/partnerships/{id}",
      "GET /api/audit/partnerships/{id}/verify",
      "GET /api/audit/partnerships/{id}/packet",
      "GET /api/audit/partnerships/{id}/documents/{sha256}",
      "GET /api/audit/checkpoints",
      // The console's download of the packet: a page route, served here, where the checkpoints are read.
      "GET /console/partnerships/{id}/packet",
    ],
    grants: ["table-read", "checkpoint-read", "evidence-read"],
    // The packet's documents inline, and each by its hash.
    documents: { read: ["evidence", "agreements", "certificates"] },
    signedIn: true,
  },
  {
    name: "show-sign-in",
    description:
      "GET /sign-in : the staff's sign-in (locally the token form, on AWS Cognito's hosted sign-in); its callback",
    routes: ["GET /sign-in", "GET /auth/callback"],
    grants: [],
  },
  {
    name: "sign-in",
    description: "POST /sign-in : a staff token exchanged for the session cookie (locally); POST /sign-out",
    routes: ["POST /sign-in", "POST /sign-out"],
    grants: [],
  },
  {
    name: "show-inbox",
    description:
      "GET /console/inbox : the open decisions of the signed-in officer and of the office, overdue first",
    routes: ["GET /console/inbox"],
    grants: ["table-read"],
    signedIn: true,
  },
  {
    name: "show-console",
    description:
      "The console's pages, for auditors and the office lead: the partnerships, one's timeline with its workflow drawn",
    routes: ["GET /console", "GET /console/partnerships/{id}", "GET /console/partnerships/{id}/termination"],
    grants: ["table-read"],
    signedIn: true,
  },
  {
    name: "show-decision-as-seen",
    description:
      "The console's page of a decision as its decider saw it: the step's page rendered again, read-only (every step's pages)",
    routes: ["GET /console/partnerships/{id}/decisions/{decisionId}"],
    grants: ["table-read", "personal-data"],
    signedIn: true,
  },
  {
    name: "erase-personal-data",
    description: "POST /api/partnerships/{id}/erasure : the lead erases an ended partnership's personal data",
    routes: ["POST /api/partnerships/{id}/erasure"],
    // Destroying the wrapped key is a table write: this function never holds a key.
    grants: ["table-write"],
    signedIn: true,
  },
  {
    name: "withdraw-partnership",
    description:
      "POST /status/{token}/withdraw : the partner withdraws, from its status page: decisions closed, executions stopped",
    routes: ["POST /status/{token}/withdraw"],
    grants: ["table-write", "send-email", "stop-execution", "personal-data", "review-schedule-cancel"],
  },
  {
    name: "terminate-partnership",
    description:
      "The lead terminates a partnership (API and console): decisions closed, executions stopped, the partner told",
    routes: ["POST /api/partnerships/{id}/termination", "POST /console/partnerships/{id}/termination"],
    grants: ["table-write", "send-email", "stop-execution", "personal-data", "review-schedule-cancel"],
    signedIn: true,
  },
  {
    name: "open-decision",
    description:
      "POST /console/inbox/{partnershipId}/{decisionId} : a new link to an open decision for its signed-in assignee",
    routes: ["POST /console/inbox/{partnershipId}/{decisionId}"],
    // personal-data to seal the new link's token on the decision (a reminder sends that link).
    grants: ["table-write", "personal-data"],
    signedIn: true,
  },
  {
    name: "retry-workflow",
    description:
      "The lead retries a failed workflow at the state that failed (the inbox's button, and the API): a new execution",
    routes: ["POST /console/partnerships/{id}/retry", "POST /api/partnerships/{id}/retry"],
    // A new execution of whichever workflow failed: the onboarding's or the vetting renewal's.
    grants: ["table-write", "start-execution", "start-renewal", "start-review"],
    signedIn: true,
  },
  {
    name: "start-review",
    description:
      "The periodic review started now by an officer or the lead (API, console); GET /console/reviews lists the active partnerships",
    routes: [
      "POST /api/partnerships/{id}/reviews",
      "POST /console/partnerships/{id}/reviews",
      "GET /console/partnerships/{id}/reviews",
      "GET /console/reviews",
    ],
    grants: ["table-write", "start-review", "review-schedule-cancel"],
    signedIn: true,
  },
  {
    name: "export-audit",
    description:
      "The ledger's export for auditors and the lead (API and console): every event, to exports/, a short link",
    routes: ["GET /api/audit/export", "GET /console/export"],
    grants: ["table-read", "evidence-read", "evidence-write"],
    documents: { read: ["exports"], write: ["exports"] },
    signedIn: true,
    // API Gateway waits at most 30 seconds for an integration.
    timeoutSeconds: 29,
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
    grants: ["table-write", "personal-data"],
  },
  {
    name: "open-step",
    description: "Opens any human step (callback): stores its decision and link, emails the link",
    routes: [],
    grants: ["table-write", "send-email", "personal-data"],
  },
  {
    name: "issue-agreement",
    description: "Renders the agreement's next version as PDF from the terms set, stores it by its SHA-256",
    routes: [],
    grants: ["table-write", "evidence-write", "personal-data"],
    documents: { write: ["agreements"] },
  },
  {
    name: "complete-agreement",
    description: "The completion certificate; both parties emailed the signed agreement and certificate",
    routes: [],
    grants: ["table-write", "evidence-read", "evidence-write", "send-email", "personal-data"],
    documents: { read: ["agreements"], write: ["certificates"] },
  },
  {
    name: "record-outcome",
    description:
      "Moves the partnership to its outcome stage, records a vetting renewal's or a review's end, schedules the next review",
    routes: [],
    grants: ["table-write", "send-email", "personal-data", "review-schedule"],
  },
  {
    name: "record-failure",
    description: "Records a workflow failure in the ledger and alerts the office",
    routes: [],
    grants: ["table-write", "send-email", "personal-data"],
  },
  {
    name: "tell-lead-of-timeout",
    description:
      "A step timed out: records it and tells the lead before the workflow expires or marks at risk",
    routes: [],
    grants: ["table-write", "send-email"],
  },
];

export const SCHEDULED_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "resume-stalled-decisions",
    description: "Resumes the workflow for decisions made whose own resume was cut short",
    routes: [],
    grants: ["table-write", "task-response", "personal-data"],
    everyMinutes: 5,
  },
  {
    name: "finish-stalled-intakes",
    description: "Sends the acknowledgement and starts the workflow of intakes whose request was cut short",
    routes: [],
    grants: ["table-write", "start-execution", "send-email", "personal-data"],
    everyMinutes: 5,
  },
  {
    name: "start-vetting-renewals",
    description:
      "Starts the vetting renewal of active partnerships whose waiver has ended or whose evidence expires soon, and marks at risk those whose evidence lapsed",
    routes: [],
    grants: ["table-write", "start-renewal", "send-email", "personal-data"],
    // Hourly rather than daily: as cheap (one query of an index partition), and a renewal due while the local
    // runtime was down starts within the hour of its next start.
    everyMinutes: 60,
  },
  {
    name: "send-reminders",
    description:
      "Reminds the assignees of overdue decisions once a business day with the same link, then tells the lead",
    routes: [],
    // personal-data: the sealed link token is opened here only, and a partner's or signatory's address.
    grants: ["table-write", "send-email", "personal-data"],
    everyMinutes: 1440,
    reminders: true,
  },
  {
    name: "make-checkpoint",
    description:
      "Checks the chains changed since the last checkpoint, then signs a Merkle root over every head",
    routes: [],
    grants: ["table-read", "checkpoint-read", "checkpoint-write", "send-email"],
    everyMinutes: 1440,
    // It reads every chain: minutes, for an office's thousands of partnerships.
    timeoutSeconds: 600,
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
  REVETTING_STATE_MACHINE_ARN: "REVETTING_STATE_MACHINE_ARN",
  REVIEW_STATE_MACHINE_ARN: "REVIEW_STATE_MACHINE_ARN",
  REVIEW_SCHEDULE_GROUP: "REVIEW_SCHEDULE_GROUP",
  REVIEW_SCHEDULER_ROLE_ARN: "REVIEW_SCHEDULER_ROLE_ARN",
  CHECKPOINT_BUCKET: "CHECKPOINT_BUCKET",
  CHECKPOINT_KEY_ID: "CHECKPOINT_KEY_ID",
  PERSONAL_DATA_KEY_ID: "PERSONAL_DATA_KEY_ID",
  EVIDENCE_BUCKET: "EVIDENCE_BUCKET",
  PUBLIC_BASE_URL: "PUBLIC_BASE_URL",
  SENDER_EMAIL: "SENDER_EMAIL",
  OFFICER_EMAILS: "OFFICER_EMAILS",
  LEAD_EMAIL: "LEAD_EMAIL",
  OFFICE_EMAIL: "OFFICE_EMAIL",
  STATUS_LINK_TTL_DAYS: "STATUS_LINK_TTL_DAYS",
  EVIDENCE_RENEWAL_NOTICE_DAYS: "EVIDENCE_RENEWAL_NOTICE_DAYS",
  REVIEW_CADENCE_MONTHS: "REVIEW_CADENCE_MONTHS",
  OFFICE_NAME: "OFFICE_NAME",
  OFFICE_CONTACT: "OFFICE_CONTACT",
  REPLY_TO_EMAIL: "REPLY_TO_EMAIL",
  TIME_ZONE: "TIME_ZONE",
  /** The office's holidays and the reminders before escalation: only the reminder sweep's (send-reminders). */
  HOLIDAYS: "HOLIDAYS",
  REMINDERS_BEFORE_ESCALATION: "REMINDERS_BEFORE_ESCALATION",
  /** The staff's user pool, its app client and hosted sign-in (https://<prefix>.auth.<region>.amazoncognito.com). */
  STAFF_USER_POOL_ID: "STAFF_USER_POOL_ID",
  STAFF_CLIENT_ID: "STAFF_CLIENT_ID",
  STAFF_SIGN_IN_URL: "STAFF_SIGN_IN_URL",
} as const;

/**
 * Whether a signed-in route is an API route (under /api/: a bearer token, checked by the HTTP API's JWT
 * authorizer) or a page (the session cookie, checked by every HTTP handler: shared/http/staff-session.ts).
 */
export function isApiRoute(routeKey: string): boolean {
  return (routeKey.split(" ")[1] ?? "").startsWith("/api/");
}
