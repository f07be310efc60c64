/** Runtime configuration of the handlers, read once from the environment and validated. */
import * as z from "../schemas/zod.ts";
import { isTimeZone } from "../web/dates.ts";

const emailList = z.pipe(
  z.pipe(
    z.string(),
    z.transform((s: string) =>
      s
        .split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ),
  z.array(z.email()).check(z.minLength(1)),
);

export const appConfigSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  STATE_MACHINE_ARN: z.optional(z.string().check(z.minLength(1))),
  /** The vetting renewal's state machine (workflows/revetting): set only for the sweep that starts it. */
  REVETTING_STATE_MACHINE_ARN: z.optional(z.string().check(z.minLength(1))),
  /** The S3 bucket of evidence documents and agreements: set only for functions granted access to it. */
  EVIDENCE_BUCKET: z.optional(z.string().check(z.minLength(3), z.maxLength(63))),
  PUBLIC_BASE_URL: z.pipe(
    z.string().check(z.url()),
    z.transform((u: string) => u.replace(/\/+$/, "")),
  ),
  SENDER_EMAIL: z.email(),
  OFFICER_EMAILS: emailList,
  OFFICE_EMAIL: z.email(),
  /** The office lead: decides what no officer may (all declared a conflict, or segregation of duties). */
  LEAD_EMAIL: z.optional(
    z.pipe(
      z.email(),
      z.transform((e: string) => e.toLowerCase()),
    ),
  ),
  STATUS_LINK_TTL_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(3650)), 365),
  /** How long before verified evidence expires the partner is asked for it again (a vetting renewal round). */
  EVIDENCE_RENEWAL_NOTICE_DAYS: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(365)),
    30,
  ),
  OFFICE_NAME: z._default(z.string().check(z.minLength(1)), "Community Partnerships Office"),
  /** How people reach the office (a phone number, hours): the end of every email. */
  OFFICE_CONTACT: z._default(z.string(), ""),
  /** Where replies to the emails go; the office's mailbox when unset. */
  REPLY_TO_EMAIL: z.optional(z.email()),
  /** The office's holidays, YYYY-MM-DD, comma-separated: no reminder goes out on one. */
  HOLIDAYS: z._default(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((s: string) =>
          s
            .split(",")
            .map((d) => d.trim())
            .filter(Boolean),
        ),
      ),
      z.array(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
    ),
    [],
  ),
  /** Reminders to an overdue step's assignee, one a business day, before the lead is told. */
  REMINDERS_BEFORE_ESCALATION: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10)), 2),
  /** The periodic review's cadence in months when the agreement sets none (workflows/review). */
  REVIEW_CADENCE_MONTHS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(60)), 12),
  /** The review state machine (workflows/review): set only for the functions that start or schedule reviews. */
  REVIEW_STATE_MACHINE_ARN: z.optional(z.string().check(z.minLength(1))),
  /** EventBridge Scheduler's group of review schedules and the role they start executions with (AWS only). */
  REVIEW_SCHEDULE_GROUP: z.optional(z.string().check(z.minLength(1))),
  REVIEW_SCHEDULER_ROLE_ARN: z.optional(z.string().check(z.minLength(1))),
  /** "table": review schedules are items of the table, which the embedded runtime fires (set locally). */
  REVIEW_SCHEDULES: z.optional(z.enum(["table", "scheduler"])),
  /** The office's IANA time zone: every date and time a person reads is in it, with the zone named. */
  TIME_ZONE: z._default(
    z.string().check(z.refine(isTimeZone, "an IANA time zone such as America/Toronto")),
    "America/Toronto",
  ),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = appConfigSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new Error(`Partnerflow is misconfigured; check these environment variables: ${fields}`);
  }
  return parsed.data;
}
