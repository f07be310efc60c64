/**
 * The steps bench journeys are made of, taken as partners and officers take them: over HTTP through the local
 * runtime, with every link read from the mail catcher. A journey definition (journey-definitions.ts) strings
 * them together.
 */
import type { CaughtMail, Journey } from "../e2e/harness.ts";
import { linkIn } from "../e2e/harness.ts";
import { makeIntake } from "../fixtures/intake.ts";

export interface JourneyContext {
  readonly journey: Journey;
  /** The office's staff: an officer's step goes to one of the officers (by the partnership), or to the lead. */
  readonly officers: RegExp;
  /**
   * Where a counted journey says that a stretch of it has ended (the next person has been asked): the bench
   * then reports what each stretch asked of the services. Absent while journeys are only timed.
   */
  readonly mark?: (stretch: string) => Promise<void>;
}

/** The staff of the configuration the runtime gives its handlers (OFFICER_EMAILS and LEAD_EMAIL). */
export function staffOf(env: Readonly<Record<string, string | undefined>>): RegExp {
  const addresses = [...(env.OFFICER_EMAILS ?? "").split(","), env.LEAD_EMAIL ?? ""]
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
  if (addresses.length === 0) throw new Error("The runtime's configuration names no officer");
  return new RegExp(`^(?:${addresses.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`);
}

/** One partnership on its way: what later steps need to find its mail, its execution and its status page. */
export interface Applicant {
  readonly organisation: string;
  readonly contactEmail: string;
  /** The person who signs for the organisation, as the intake names them. */
  readonly signatory: { readonly name: string; readonly title: string; readonly email: string };
  readonly statusUrl: string;
  readonly executionArn: string;
  /** When its intake was sent: its mail is looked for from then on. */
  readonly startedAt: number;
}

const MAIL_TIMEOUT_MS = 30_000;

/** Posts an intake as JSON (the API a partner's form or system uses) and expects it accepted. */
export async function submitIntake(ctx: JourneyContext, organisation: string): Promise<Applicant> {
  const startedAt = Date.now();
  const intake = makeIntake({ organisation: { name: organisation } });
  const response = await ctx.journey.submitJson(intake);
  if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
  const { partnershipId, statusUrl } = (await response.json()) as {
    partnershipId: string;
    statusUrl: string;
  };
  const executionArn = `${ctx.journey.runtime.stateMachineArn.replace(":stateMachine:", ":execution:")}:${partnershipId}`;
  return {
    organisation,
    contactEmail: intake.contact.email,
    signatory: intake.signatory,
    statusUrl,
    executionArn,
    startedAt,
  };
}

/**
 * Waits for the mail to `to` (an address, or any address it matches) that names the applicant's organisation
 * and holds a link under `path`, as a person finds it in their inbox, and returns the link's path. `nth` (from
 * 1) picks a later one of them.
 */
export async function linkFromMail(
  ctx: JourneyContext,
  applicant: Applicant,
  to: string | RegExp,
  path: string,
  nth = 1,
): Promise<string> {
  const deadline = Date.now() + MAIL_TIMEOUT_MS;
  await untilAwaitingSomeone(ctx, applicant, deadline);
  const addressed = (m: CaughtMail) =>
    typeof to === "string" ? m.to.includes(to) : m.to.some((address) => to.test(address));
  const mentions = (m: CaughtMail) =>
    addressed(m) && `${m.subject}\n${m.text}`.includes(applicant.organisation) && m.text.includes(`${path}/`);
  while (Date.now() < deadline) {
    const found = (await ctx.journey.mail(applicant.startedAt)).filter(mentions)[nth - 1];
    if (found) return new URL(linkIn(found, path)).pathname;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `No mail to ${to} with a ${path} link for ${applicant.organisation} within ${MAIL_TIMEOUT_MS} ms`,
  );
}

/**
 * Until the execution waits for a callback (a human step has opened), asking the engine in memory: so that
 * the mail catcher, which serves from the app's own thread, is polled only once the mail is near.
 */
async function untilAwaitingSomeone(
  ctx: JourneyContext,
  applicant: Applicant,
  deadline: number,
): Promise<void> {
  const engine = ctx.journey.runtime.stepFunctions;
  while (Date.now() < deadline) {
    const { status } = engine.describeExecution(applicant.executionArn);
    if (status !== "RUNNING") throw new Error(`the execution ended ${status} before a human step`);
    if (engine.waitingFor(applicant.executionArn).length > 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

type Fields = Record<string, string | string[]>;

/** The value of a hidden field of a page (the document hash a signature binds to). */
export function hiddenField(page: string, name: string): string {
  const value = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(page)?.[1];
  if (value === undefined) throw new Error(`The page has no hidden field ${name}`);
  return value;
}

/**
 * A human step through its emailed link: GET the page (as the person reads it), then POST the form, whose
 * fields may depend on the page. Returns the POST's time in ms, which is what the person waits for.
 */
export async function decideByLink(
  ctx: JourneyContext,
  link: string,
  fields: Fields | ((page: string) => Fields),
): Promise<number> {
  const page = await ctx.journey.fetch(link);
  if (page.status !== 200) throw new Error(`${link.split("/")[1]} page answered ${page.status}`);
  const html = await page.text();
  const form = typeof fields === "function" ? fields(html) : fields;
  const started = performance.now();
  const decided = await ctx.journey.postForm(link, form);
  const ms = performance.now() - started;
  if (decided.status !== 200) throw new Error(`${link.split("/")[1]} POST answered ${decided.status}`);
  await decided.arrayBuffer();
  return ms;
}

/**
 * Until no Lambda invocation is running: a journey that ends while its execution waits for the next person
 * (whose request mail has just arrived) has then done all it asks of the services.
 */
export async function settled(ctx: JourneyContext, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (ctx.journey.runtime.lambda.inFlight > 0) {
    if (Date.now() > deadline) throw new Error(`Lambda invocations still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Reads the partner's status page once, as the partner would, and expects it to show `stage`. */
export async function showsStage(applicant: Applicant, stage: string): Promise<void> {
  const page = await (await fetch(applicant.statusUrl)).text();
  if (!page.includes(`data-stage="${stage}"`)) throw new Error(`the status page does not show ${stage}`);
}

/**
 * Waits for the applicant's execution to end, expects it SUCCEEDED, and the partner's status page (read once,
 * as the partner would) to show `stage`.
 */
export async function endsAt(ctx: JourneyContext, applicant: Applicant, stage: string): Promise<void> {
  const engine = ctx.journey.runtime.stepFunctions;
  const { status } = await engine.waitForExecution(applicant.executionArn, { timeoutMs: 30_000 });
  if (status !== "SUCCEEDED") throw new Error(`the execution ended ${status}`);
  await showsStage(applicant, stage);
}
