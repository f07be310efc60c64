/** The deployment's settings: the `partnerflow` CDK context (cdk.json or `-c`), validated, with defaults. */
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Node } from "constructs";
import { z } from "zod";
import { escalationWindowDays } from "../shared/domain/business-days.ts";
import { isCalendarDate } from "../shared/domain/calendar-dates.ts";
import { STEPS } from "../shared/steps/index.ts";
import type { HumanStep } from "../shared/steps/step.ts";
import { isTimeZone } from "../shared/web/dates.ts";

export const CONTEXT_KEY = "partnerflow";

/** CloudWatch Logs accepts only these retention periods (9999 is CDK's "never expire"). */
const RETENTION_DAYS: readonly number[] = Object.values(RetentionDays).filter(
  (v): v is number => typeof v === "number",
);

const days = (max: number) => z.number().int().min(1).max(max);

/**
 * Each human step's timeout in days, under the key its descriptor names (officerDecisionDays, ...). A Standard
 * execution lives at most a year, and several waits can happen in one onboarding.
 */
const stepTimeoutShape = Object.fromEntries(
  Object.values(STEPS).map((step) => [step.timeout.configKey, days(180).default(step.timeout.defaultDays)]),
);

const baseShape = {
  /** SES-verified identity (the address, or its domain) that every email is sent from. */
  senderEmail: z.email().default("partnerships@example.org"),
  /** Mailbox of the office, told about expiries and workflow failures. */
  officeEmail: z.email().default("partnerships-office@example.org"),
  /**
   * The partnership officers, who decide the officers' steps. Two at least for segregation of duties: the one
   * who countersigns an agreement is never the one who verified the vetting.
   */
  officerEmails: z.array(z.email()).min(1).default(["officer@example.org", "second.officer@example.org"]),
  /** The office lead: decides what no officer may (each declared a conflict of interest); empty for none. */
  leadEmail: z.union([z.literal(""), z.email()]).default("lead@example.org"),
  /** Base URL of emailed links; empty means the HTTP API's own URL. */
  publicBaseUrl: z
    .union([z.literal(""), z.url({ protocol: /^https?$/ })])
    .default("")
    .transform((url) => url.replace(/\/+$/, "")),
  /** The office's name, which signs every email and heads every page. */
  officeName: z.string().min(1).max(120).default("Community Partnerships Office"),
  /** How people reach the office (a phone number, hours), at the end of every email. */
  officeContact: z.string().max(200).default(""),
  /** Where replies to the emails go; empty means the office's mailbox. */
  replyToEmail: z.union([z.literal(""), z.email()]).default(""),
  /** The office's IANA time zone: dates and times people read are in it, with the zone named. */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: "must be an IANA time zone such as America/Toronto" })
    .default("America/Toronto"),
  /**
   * The prefix of the staff's hosted sign-in domain on AWS (https://<prefix>.auth.<region>.amazoncognito.com,
   * unique in its region); empty for none: then staff pages cannot be signed in to on AWS (the API's bearer
   * tokens still work).
   */
  staffSignInDomainPrefix: z
    .union([z.literal(""), z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)])
    .default(""),
  statusLinkTtlDays: days(3650).default(365),
  /** How long before verified evidence expires the partner is asked for it again (a vetting renewal round). */
  evidenceRenewalNoticeDays: days(365).default(30),
  /**
   * The office's holidays (YYYY-MM-DD; school calendars matter to these offices): no reminder goes out on one,
   * and a step's timeout leaves room for its reminders on business days around them.
   */
  holidays: z
    .array(z.string().refine(isCalendarDate, { message: "must be a day written YYYY-MM-DD" }))
    .max(400)
    .default([]),
  /** Reminders to an overdue step's assignee, one a business day, before the lead is told. */
  remindersBeforeEscalation: z.number().int().min(0).max(10).default(2),
  /** Calendar days after the escalation's business day before an overdue step times out. */
  escalationGraceDays: z.number().int().min(1).max(30).default(2),
  /** Months between periodic reviews when the agreement in force sets no cadence of its own. */
  reviewCadenceMonths: z.number().int().min(1).max(60).default(12),
  logRetentionDays: z
    .number()
    .int()
    .refine((d) => RETENTION_DAYS.includes(d), {
      message: `must be one of CloudWatch Logs' retention periods: ${RETENTION_DAYS.join(", ")}`,
    })
    .default(365),
};

// The step keys are checked like the others (a typo is refused); the type names the fixed ones, and
// stepTimeoutDays() reads a step's own.
export const configSchema = z.strictObject({ ...baseShape, ...stepTimeoutShape } as typeof baseShape);

export type PartnerflowConfig = z.output<typeof configSchema>;

/**
 * How long `step` waits: due after its days (its config key), and timed out after the reminders and the
 * escalation could be sent on business days, whatever the weekends and holidays (escalationWindowDays).
 */
export function stepTiming(
  config: PartnerflowConfig,
  step: HumanStep,
): { dueDays: number; timeoutDays: number } {
  const dueDays = stepTimeoutDays(config, step);
  return { dueDays, timeoutDays: dueDays + escalationWindowDays(config) };
}

/** How many days `step` waits until it is due, from its config key. */
export function stepTimeoutDays(config: PartnerflowConfig, step: HumanStep): number {
  const value = (config as unknown as Record<string, unknown>)[step.timeout.configKey];
  if (typeof value !== "number")
    throw new InvalidConfigError(`No setting "${step.timeout.configKey}" for step ${step.kind}`);
  return value;
}

export class InvalidConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "InvalidConfigError";
  }
}

/** Reads and validates the `partnerflow` context of `node`; throws InvalidConfigError naming each bad key. */
export function loadConfig(node: Node): PartnerflowConfig {
  const raw = parseRaw(node.tryGetContext(CONTEXT_KEY));
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    // Unknown keys are most often typos of a real one: name them, not the object that holds them.
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".")];
    return keys
      .map((key) => `"${[CONTEXT_KEY, key].filter(Boolean).join(".")}": ${issue.message}`)
      .join("; ");
  });
  throw new InvalidConfigError(`Invalid CDK context ${problems.join("; ")}`, { cause: parsed.error });
}

/** `-c partnerflow='{"…"}'` arrives as a string; cdk.json and tests give an object. */
function parseRaw(value: unknown): unknown {
  if (value === undefined || value === null) return {};
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new InvalidConfigError(`Invalid CDK context "${CONTEXT_KEY}": not a JSON object`, { cause: error });
  }
}
