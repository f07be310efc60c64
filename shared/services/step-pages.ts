/**
 * The pages of any human step's link: GET shows the step and decides nothing; POST decides it once. A POST
 * with a missing or invalid field shows the page again with the answers kept; an outcome that ends the
 * partnership asks for one deliberate confirmation; a used link says what was decided, when and by whom. A step
 * that takes files (`uploads`) gets them inspected first: a refused file is an error on its input, and the
 * accepted ones are stored only once the answer (or the draft) that records them is valid.
 */

import type { Json } from "../domain/canonical-json.ts";
import { LinkClosedError, LinkUsedError } from "../domain/errors.ts";
import { mintToken } from "../domain/link-tokens.ts";
import type { Decision } from "../domain/partnership.ts";
import { errorName, log } from "../http/log.ts";
import { DecisionWindowClosedError } from "../ports/workflow.ts";
import { officerActor } from "../steps/decider.ts";
import { outcomeOf, parseAnswer } from "../steps/officer-steps.ts";
import { type StepRegistry, stepOf } from "../steps/registry.ts";
import type { Asked, ClientInfo, FormState, HumanStep, StepView } from "../steps/step.ts";
import { formatDate, formatDateTime } from "../web/dates.ts";
import { endSentence } from "../web/emails.ts";
import { firstValue, hiddenFields } from "../web/form-kit.ts";
import { html, type SafeHtml } from "../web/html.ts";
import type { FormFields } from "../web/intake-form.ts";
import { htmlResponse, page } from "../web/layout.ts";
import { overdueNotice } from "../web/overdue-notice.ts";
import { closeAndResume, resolveForDecision } from "./decide.ts";
import { type LinkRequest, type OpenLink, resolveForDisplay } from "./decision-links.ts";
import type { Needs } from "./dependencies.ts";
import { checkOfficerDecider, refusalNotice, signedInNotice } from "./officer-decider.ts";
import { sendRecorded } from "./sent-emails.ts";
import { shownOf } from "./shown.ts";
import { type InspectedUploads, inspectUploads, type StepUploads, storeUploads } from "./step-uploads.ts";

type Result = ReturnType<typeof htmlResponse>;

/** How many files a link's saved drafts may store, all saves together: 20 documents of at most 4 MB. */
export const MAX_DRAFT_FILES = 20;
/** Where a draft counts the files its saves stored (not a form field: no page shows or posts it). */
const FILES_STORED = "(files stored)";

function filesStored(draft: Decision["draft"]): number {
  const count = draft?.[FILES_STORED];
  return typeof count === "number" ? count : 0;
}

/** GET: the step's page, with its form as the step first fills it. */
export async function showStep(
  deps: Needs<"repository" | "clock" | "config">,
  registry: StepRegistry,
  request: LinkRequest,
): Promise<Result> {
  let open: OpenLink;
  try {
    open = await resolveForDisplay(deps, registry, request);
  } catch (error) {
    return usedLinkPage(error, 200, registry, deps.config);
  }
  const officer = open.step.asked === "officer";
  const signedInAs = officer ? request.signedInAs : undefined;
  const view = { ...viewOf(open, deps.config), now: deps.clock.now(), signedInAs };
  // An officer's step says who would decide it, or why they may not (escalated: sign in first); it stays shown.
  const check = officer ? checkOfficerDecider(open.decision, request, view.events) : undefined;
  const notice =
    check && !check.ok
      ? refusalNotice(check.refusal, false)
      : signedInAs
        ? signedInNotice(signedInAs.email)
        : undefined;
  return stepPage(
    200,
    open.step,
    view,
    { action: actionOf(request), values: open.step.initialValues(view), errors: [] },
    notice,
  );
}

/** POST: decides the step once, or shows its page again with what is wrong. */
export async function decideStep(
  deps: Needs<"repository" | "clock" | "config" | "resumer" | "mailer">,
  registry: StepRegistry,
  request: LinkRequest,
  fields: FormFields,
  client?: ClientInfo,
  uploads?: StepUploads,
): Promise<Result> {
  let open: Awaited<ReturnType<typeof resolveForDecision>>;
  try {
    open = await resolveForDecision(deps, registry, request);
  } catch (error) {
    return usedLinkPage(error, 410, registry, deps.config);
  }
  const { config } = deps;
  if ("finished" in open) {
    // The POST that decided was cut short before its receipt: the one who decided gets it now.
    const { decision, record } = open.finished;
    const step = stepOf(registry, decision.kind);
    const view = { partnership: record.partnership, decision, events: record.events, config };
    const statusUrl = step?.receipt ? await sendReceipt(deps, step, view) : undefined;
    const message =
      "Your answer had already been recorded, but the workflow had not moved on; it has now. Nothing else changed.";
    return htmlResponse(
      200,
      page(
        "Already recorded",
        html`<h1>Already recorded</h1><p>${message}</p>${statusUrl ? statusLine(statusUrl) : ""}`,
        config.OFFICE_NAME,
      ),
    );
  }
  const { step, decision, partnership } = open;
  const action = actionOf(request);
  const now = deps.clock.now();
  // An officer's step decided from a staff session is decided by the one signed in (officer-decider.ts).
  const signedInAs = step.asked === "officer" ? request.signedInAs : undefined;
  // A step whose answer depends on what the ledger says (the vetting so far, the agreement signed) reads it; so
  // does a signed-in decider's check (their conflicts of interest).
  const ledger =
    step.readsLedger || signedInAs ? await deps.repository.getPartnershipRecord(partnership.id) : undefined;
  const asPosted: StepView = {
    partnership,
    decision,
    events: ledger?.events ?? [],
    config,
    client,
    now,
    signedInAs,
  };
  const check =
    step.asked === "officer" ? checkOfficerDecider(decision, request, asPosted.events) : undefined;
  if (check && !check.ok) {
    // Refused before anything is read from the form or stored: the page again, saying why; nothing changes.
    const record = ledger ?? (await deps.repository.getPartnershipRecord(partnership.id));
    const { confirm: _, ...values } = fields;
    return stepPage(
      check.status,
      step,
      { ...asPosted, events: record?.events ?? [] },
      { action, values, errors: [] },
      refusalNotice(check.refusal, true),
    );
  }
  const inspected: InspectedUploads | undefined =
    uploads && step.uploads ? await inspectUploads(uploads, step.uploads(asPosted)) : undefined;
  const view: StepView = inspected ? { ...asPosted, uploads: inspected.documents } : asPosted;
  const parsed = await parseAnswer(step, fields, view);
  const refused = inspected?.errors ?? [];
  if (parsed.ok === false || refused.length > 0) {
    // The page may show history: read it now, on this rare path, rather than on every POST.
    const record = ledger ?? (await deps.repository.getPartnershipRecord(partnership.id));
    const withEvents = { ...asPosted, events: record?.events ?? [] };
    const errors = [...refused, ...(parsed.ok === false ? parsed.errors : [])];
    return stepPage(400, step, withEvents, { action, values: fields, errors });
  }
  if (parsed.ok === "draft") {
    let draft = parsed.draft;
    if (uploads && inspected && inspected.files.size > 0) {
      // Each save may store files: a link stores a bounded number of them (the bucket keeps every one).
      const stored = filesStored(decision.draft) + inspected.files.size;
      if (stored > MAX_DRAFT_FILES) {
        const field = Object.keys(inspected.documents)[0] ?? "action";
        const message = `This link has saved ${MAX_DRAFT_FILES} files already: send the checklist with the documents it has, or ask the office`;
        return stepPage(
          400,
          step,
          { ...asPosted, events: ledger?.events ?? [] },
          { action, values: fields, errors: [{ field, message }] },
        );
      }
      await storeUploads(uploads.store, partnership.id, inspected, parsed.draft);
      draft = { ...parsed.draft, [FILES_STORED]: stored };
    }
    return saveDraft(deps, registry, open, view, action, draft, ledger !== undefined);
  }
  const { answer } = parsed;
  const outcome = outcomeOf(step, answer.outcome);
  if (outcome?.ends && firstValue(fields.confirm) !== "yes") {
    if (firstValue(fields.confirm) === "no") {
      const record = ledger ?? (await deps.repository.getPartnershipRecord(partnership.id));
      const { confirm: _, ...values } = fields;
      return stepPage(200, step, { ...view, events: record?.events ?? [] }, { action, values, errors: [] });
    }
    return confirmPage(step, view, action, answer.outcome, fields);
  }
  const asked = ASKED[step.asked];
  // What the decider was shown, as the GET showed it (the ledger too): recorded with the decision.
  const seen = ledger ?? (await deps.repository.getPartnershipRecord(partnership.id));
  const shown = shownOf(step, { partnership, decision, events: seen?.events ?? [], config, now, signedInAs });
  // The documents go into the store before the ledger records them.
  if (uploads && inspected)
    await storeUploads(uploads.store, partnership.id, inspected, answer.details ?? {});
  try {
    await closeAndResume(
      deps,
      open,
      {
        outcome: answer.outcome,
        comment: answer.comment,
        // The one signed in, on an officer's step decided from a staff session; else whoever the step asks.
        actor: check?.ok ? check.actor : asked.actor(decision),
        resubmission: answer.resubmission,
        details: answer.details,
        shown,
        // Who was signed in, for an officer's step decided from a staff session; a link alone records no one.
        signedInAs,
      },
      {
        outcome: answer.outcome,
        comment: answer.comment,
        decisionId: decision.decisionId,
        ...(answer.resubmission ? { intakeVersion: answer.resubmission.intakeVersion } : {}),
        ...answer.output,
      },
    );
  } catch (error) {
    // Another POST of the same link won (a double submit): say what it decided, not just "used".
    if (error instanceof LinkUsedError) {
      const now = await deps.repository.getDecision(decision.partnershipId, decision.decisionId);
      return usedLinkPage(usedError(now) ?? error, 410, registry, config);
    }
    // Recorded, but the step had timed out a moment before: the answers are kept, and nothing goes on.
    if (error instanceof DecisionWindowClosedError) {
      const message =
        "Your answer was recorded, but this step had just closed, so the onboarding does not go on from it. The office has your answer and will be in touch.";
      return htmlResponse(
        410,
        page(
          "Recorded too late",
          html`<h1>Recorded too late</h1><p id="done">${message}</p>`,
          config.OFFICE_NAME,
        ),
      );
    }
    throw error;
  }
  // The receipt goes to the partnership as it is now: the answers may have changed its contact.
  const statusUrl = step.receipt ? await sendReceipt(deps, step, view) : undefined;
  const title = asked.doneTitle;
  const detail = outcome?.doneDetail?.({ ...view, events: seen?.events ?? [], now });
  return htmlResponse(
    200,
    page(
      title,
      html`<h1>${title}</h1><p id="done">${outcome?.done ?? "Recorded."}${detail ? ` ${detail}` : ""}</p>${
        statusUrl ? statusLine(statusUrl) : ""
      }`,
      config.OFFICE_NAME,
    ),
  );
}

/**
 * The decider's receipt, with a fresh status link (the plain token of the first one is not stored). Best
 * effort: the decision is recorded and the workflow resumed already, which a failed email must not undo.
 */
async function sendReceipt(
  deps: Needs<"repository" | "clock" | "config" | "mailer">,
  step: HumanStep,
  view: StepView,
): Promise<string | undefined> {
  const { config } = deps;
  const status = mintToken();
  try {
    const now = await current(deps, view);
    await deps.repository.putLink({
      tokenHash: status.hash,
      purpose: "status",
      partnershipId: now.partnership.id,
      expiresAt: new Date(
        deps.clock.now().getTime() + config.STATUS_LINK_TTL_DAYS * 86_400_000,
      ).toISOString(),
      singleUse: false,
    });
    const statusUrl = `${config.PUBLIC_BASE_URL}/status/${status.token}`;
    const receipt = step.receipt?.({ ...now, statusUrl });
    if (receipt)
      await sendRecorded(deps, receipt, {
        partnershipId: now.partnership.id,
        template: `${step.kind}:receipt`,
        role: step.asked,
        actor: "system:decision",
      });
    return statusUrl;
  } catch (error) {
    log("warn", "could not send a step's receipt", { kind: step.kind, error: errorName(error) });
    return undefined;
  }
}

/** Where a partner who was sent a receipt follows on. */
function statusLine(statusUrl: string) {
  return html`<p>We have emailed you a receipt. <a id="status-link" href="${statusUrl}">Follow your partnership's progress</a> on your private status page.</p>`;
}

function actionOf(request: LinkRequest): string {
  return `${request.linkPath}/${request.token}`;
}

function viewOf(open: OpenLink, config: StepView["config"]): StepView {
  return { partnership: open.partnership, decision: open.decision, events: open.events ?? [], config };
}

function stepPage(
  status: number,
  step: HumanStep,
  view: StepView,
  form: FormState,
  notice?: SafeHtml,
): Result {
  const { title, body } = step.page({ ...view, form });
  const shown = form.errors.length > 0 ? `Please correct the form: ${title}` : title;
  // A step past due (opened from a reminder) says so, above the step's own page.
  const overdue = view.now ? overdueNotice(view.decision, view.now, view.config.TIME_ZONE) : undefined;
  const notices = html`${overdue ?? ""}${notice ?? ""}`;
  return htmlResponse(status, page(shown, html`${notices}${body}`, view.config.OFFICE_NAME));
}

/**
 * Saves a partner's answers so far, to come back to with the same link; the page shows them again, saying
 * until when the link works. A link decided or replaced meanwhile says so instead.
 */
async function saveDraft(
  deps: Needs<"repository" | "clock" | "config">,
  registry: StepRegistry,
  open: OpenLink,
  view: StepView,
  action: string,
  draft: Readonly<Record<string, Json>>,
  /** The view's events are the ledger already (a step that reads it): a draft leaves the ledger as it was. */
  hasLedger: boolean,
): Promise<Result> {
  const at = deps.clock.now().toISOString();
  const decision = { ...open.decision, linkTokenHash: open.link.tokenHash };
  if (!(await deps.repository.saveDraft(decision, { ...draft }, at))) {
    const now = await deps.repository.getDecision(decision.partnershipId, decision.decisionId);
    return usedLinkPage(
      usedError(now) ?? new LinkUsedError("This link has been replaced"),
      410,
      registry,
      view.config,
    );
  }
  const saved = { ...view, decision: { ...decision, draft: { ...draft }, draftSavedAt: at } };
  const events = hasLedger
    ? view.events
    : ((await deps.repository.getPartnershipRecord(view.partnership.id))?.events ?? view.events);
  const withEvents = { ...saved, events };
  const until = formatDateTime(decision.expiresAt, view.config.TIME_ZONE);
  const notice = html`<p class="notice" role="status" id="saved">Saved. You can come back to this page with the same link until ${until}, and send it when it is complete.</p>`;
  return stepPage(
    200,
    open.step,
    withEvents,
    { action, values: open.step.initialValues(withEvents), errors: [] },
    notice,
  );
}

/** An outcome that ends the partnership: one more, deliberate, press; or back to the page, answers kept. */
function confirmPage(
  step: HumanStep,
  view: StepView,
  action: string,
  outcome: string,
  fields: FormFields,
): Result {
  const chosen = step.outcomes[outcome];
  const label = chosen?.label ?? outcome;
  const comment = firstValue(fields.comment)?.trim();
  const title = `Confirm: ${label}`;
  const body = html`<h1>${title}</h1>
<div class="card"><p>You chose <strong>${label}</strong> ${endSentence(`for ${view.partnership.organisationName}`)} ${chosen?.confirmFor?.(view) ?? chosen?.confirm ?? "This ends its onboarding, and cannot be undone."}</p>
${comment ? html`<p>Your comment, which the partner will see: “${comment}”</p>` : ""}
<form method="post" action="${action}">${hiddenFields(fields, ["confirm"])}
<div class="actions"><button type="submit" name="confirm" value="yes" class="danger">Yes: ${label.toLowerCase()}</button>
<button type="submit" name="confirm" value="no" class="secondary">No, go back</button></div></form></div>`;
  return htmlResponse(200, page(title, body, view.config.OFFICE_NAME));
}

/** How the pages and the ledger speak of whoever a step asks: the page of a used link names no one. */
const ASKED: Record<
  Asked,
  {
    actor: (decision: Decision) => string;
    doneTitle: string;
    usedTitle: string;
    usedVerb: string;
    role: string;
    next: string;
  }
> = {
  officer: {
    actor: (decision) => officerActor({ decision }),
    doneTitle: "Decision recorded",
    usedTitle: "Already decided",
    usedVerb: "Decided",
    role: "the partnership officer",
    next: "Nothing more is needed from you on this link. You will get an email when a step needs you again.",
  },
  signatory: {
    actor: (decision) => `signatory:${decision.assignee}`,
    doneTitle: "Thank you",
    usedTitle: "Already sent",
    usedVerb: "Sent",
    role: "the signatory",
    next: "The organisation's contact can follow the next steps on its private status page.",
  },
  partner: {
    actor: () => "partner",
    doneTitle: "Thank you",
    usedTitle: "Already sent",
    usedVerb: "Sent",
    role: "the partner",
    next: "You can follow the next steps on your private status page, with the link in our emails.",
  },
};

/** The partnership as it is after the decision (its answers may have changed), for what is sent after it. */
async function current(deps: Needs<"repository">, view: StepView): Promise<StepView> {
  const partnership = await deps.repository.getPartnership(view.partnership.id);
  return partnership ? { ...view, partnership } : view;
}

/** The error a used link answers with, from the decision as stored now. */
function usedError(decision: Decision | undefined): LinkUsedError | undefined {
  if (!decision?.decidedAt) return undefined;
  const { kind, outcome, decidedAt, decidedBy } = decision;
  return new LinkUsedError("This link has already been used", {
    decided: { kind, outcome, decidedAt, decidedBy },
  });
}

/**
 * A used link: what was decided, when and by which role, and where to go next. Any other error is the shared
 * error mapping's (rethrown).
 */
function usedLinkPage(
  error: unknown,
  status: number,
  registry: StepRegistry,
  config: StepView["config"],
): Result {
  if (error instanceof LinkClosedError) return closedLinkPage(error, config);
  if (!(error instanceof LinkUsedError) || !error.decided) throw error;
  const { kind, outcome, decidedAt } = error.decided;
  const step = stepOf(registry, kind);
  const asked = ASKED[step?.asked ?? "officer"];
  const what = (outcome && step && outcomeOf(step, outcome)?.decided) || "It was decided";
  const body = html`<h1>${asked.usedTitle}</h1><div class="card" id="used-link">
<p>This link has already been used; each link works once. <strong>${what}.</strong></p>
<p>${asked.usedVerb} ${decidedAt ? html`on ${formatDateTime(decidedAt, config.TIME_ZONE)} ` : ""}by ${asked.role}.</p>
<p>${asked.next}</p></div>`;
  return htmlResponse(status, page(asked.usedTitle, body, config.OFFICE_NAME));
}

/** A link whose partnership ended before it was answered: who ended it and on which day; it decides nothing. */
function closedLinkPage(error: LinkClosedError, config: StepView["config"]): Result {
  const { because, at } = error.closed;
  const title = "This link no longer works";
  const ended =
    because === "withdrawn"
      ? "The partner withdrew from this partnership"
      : "The office terminated this partnership";
  const body = html`<h1>${title}</h1><div class="card" id="closed-link" data-closed="${because}">
<p>${ended} on ${formatDate(at, config.TIME_ZONE)}. This link no longer works, and nothing more is to be decided here.</p>
<p>If you have a question about it, contact the partnerships office.</p></div>`;
  return htmlResponse(410, page(title, body, config.OFFICE_NAME));
}
