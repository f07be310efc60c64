/**
 * What the console's pages show (auditors and the office lead, signed in): the audit API's answers (shared/
 * services/audit.ts) as pages, where the partnership stands in its workflow, and a decision as its decider saw
 * it: the step's page rendered again from the data it was decided on, and whether that matches the SHA-256
 * recorded with the decision.
 */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import type { Decision } from "../domain/partnership.ts";
import { sha256Hex } from "../domain/sha256.ts";
import type { AslGraph, WorkflowName } from "../domain/workflow-asl.ts";
import { positionOf, type WorkflowPosition } from "../domain/workflow-position.ts";
import { type StepRegistry, stepOf } from "../steps/registry.ts";
import type { SafeHtml } from "../web/html.ts";
import { type Timeline, timelineOf } from "./audit.ts";
import type { Needs } from "./dependencies.ts";
import { shownPage } from "./shown.ts";

/**
 * Who may read the console: auditors and the office lead, as the audit API. Not officers: the console shows
 * every partnership, those an officer declared a conflict of interest with included, and officers have their
 * inbox and their steps' pages.
 */
export const CONSOLE_ROLES = ["auditor", "lead"] as const;

/** A partnership's console page: its timeline, and where its workflow stands. */
export interface PartnershipConsole {
  readonly timeline: Timeline;
  readonly position: WorkflowPosition;
}

export async function partnershipConsole(
  deps: Needs<"repository">,
  graphs: Readonly<Record<WorkflowName, AslGraph>>,
  id: string,
): Promise<PartnershipConsole> {
  const timeline = await timelineOf(deps, id);
  return { timeline, position: positionOf(timeline.partnership.stage, timeline.events, graphs) };
}

/** A decision as its decider saw it. */
export interface DecisionAsSeen {
  readonly partnershipId: string;
  readonly organisationName: string;
  readonly decisionId: string;
  readonly kind: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly outcome: string;
  /** What the decision's ledger event recorded (absent on a decision recorded before `shown` was). */
  readonly recorded: { pageSha256: string; checklistVersion?: string; templateVersion?: string } | undefined;
  /** The step's page rendered again (undefined when the step is no longer known to the registry). */
  readonly page: { title: string; body: SafeHtml; sha256: string } | undefined;
}

/** The decision's own ledger event names it and its outcome. */
interface DecidedData {
  decisionId?: unknown;
  outcome?: unknown;
  kind?: unknown;
  shown?: { pageSha256?: unknown; checklistVersion?: unknown; templateVersion?: unknown };
}

/** The decision as it stood, open, when its POST rendered the page again: without what deciding added. */
function asOpen(decision: Decision): Decision {
  const {
    outcome: _o,
    comment: _c,
    decidedAt: _a,
    decidedBy: _b,
    details: _d,
    shown: _s,
    resumeOutput: _r,
    resumeFailedAt: _f,
    resumedAt: _m,
    resumeWindowClosedAt: _w,
    recordFailedAt: _x,
    resubmission: _n,
    ...open
  } = decision;
  return { ...open, status: "open" };
}

/**
 * The decision's page rendered again from the data the deciding POST rendered it from: the ledger as it was
 * before the decision's event, the decision as it was (open), at the time it was decided; the partnership as it
 * is now (its META keeps no history: a page that shows what has changed since, the stage or a corrected intake,
 * differs, and the page says so). Undefined when the partnership or the decision (decided) is not on file.
 */
export async function decisionAsSeen(
  deps: Needs<"repository" | "config">,
  registry: StepRegistry,
  partnershipId: string,
  decisionId: string,
): Promise<DecisionAsSeen | undefined> {
  const record = await deps.repository.getPartnershipRecord(partnershipId);
  if (!record) throw new PartnershipNotFoundError(`No partnership ${partnershipId}`);
  const event = record.events.find((e) => {
    const d = e.data as DecidedData;
    return d.decisionId === decisionId && typeof d.outcome === "string" && typeof d.kind === "string";
  });
  if (!event) return undefined;
  const data = event.data as DecidedData;
  const decision = record.decisions.find((d) => d.decisionId === decisionId);
  const step = decision ? stepOf(registry, decision.kind) : undefined;
  const shown = data.shown;
  const recorded =
    shown && typeof shown.pageSha256 === "string"
      ? {
          pageSha256: shown.pageSha256,
          ...(typeof shown.checklistVersion === "string" ? { checklistVersion: shown.checklistVersion } : {}),
          ...(typeof shown.templateVersion === "string" ? { templateVersion: shown.templateVersion } : {}),
        }
      : undefined;
  let page: DecisionAsSeen["page"];
  if (decision && step) {
    const view = {
      partnership: record.partnership,
      decision: asOpen(decision),
      events: record.events.filter((e) => e.seq < event.seq),
      config: deps.config,
      now: new Date(decision.decidedAt ?? event.at),
    };
    const { title, body } = shownPage(step, view);
    page = { title, body, sha256: sha256Hex(body.value) };
  }
  return {
    partnershipId,
    organisationName: record.partnership.organisationName,
    decisionId,
    kind: String(data.kind),
    seq: event.seq,
    at: event.at,
    actor: event.actor,
    outcome: String(data.outcome),
    recorded,
    page,
  };
}

/** A signature on an agreement version, as its decided event recorded it. */
export interface AgreementSignature {
  readonly seq: number;
  readonly by: "partner" | "office";
  readonly name: string;
  readonly email: string;
  readonly signedAt: string;
  readonly ip: string;
}

/** An agreement version with the signatures on its hash and its completion (the certificate, or paper). */
export interface AgreementRecord {
  readonly seq: number;
  readonly at: string;
  readonly version: number;
  readonly sha256: string;
  readonly signatures: AgreementSignature[];
  readonly completed?: {
    readonly seq: number;
    readonly certificateSha256?: string;
    readonly certificatePdfSha256?: string;
    readonly paperReference?: string;
  };
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Each agreement version issued, with the signatures made on its SHA-256 and its completion. */
export function agreementRecords(timeline: Pick<Timeline, "events" | "agreements">): AgreementRecord[] {
  return timeline.agreements.map((a) => {
    const signatures: AgreementSignature[] = timeline.events.flatMap((e) => {
      const s = (e.data as { details?: { signature?: Record<string, unknown> } }).details?.signature;
      if (!s || s.documentSha256 !== a.sha256) return [];
      return [
        {
          seq: e.seq,
          by: e.type === "CountersignatureDecided" ? ("office" as const) : ("partner" as const),
          name: text(s.name),
          email: text(s.email),
          signedAt: text(s.signedAt),
          ip: text(s.ip),
        },
      ];
    });
    const done = timeline.events.find(
      (e) => e.type === "AgreementCompleted" && (e.data as { sha256?: unknown }).sha256 === a.sha256,
    );
    const d = (done?.data ?? {}) as Record<string, unknown>;
    return {
      ...a,
      signatures,
      ...(done
        ? {
            completed: {
              seq: done.seq,
              ...(typeof d.certificateSha256 === "string" ? { certificateSha256: d.certificateSha256 } : {}),
              ...(typeof d.certificatePdfSha256 === "string"
                ? { certificatePdfSha256: d.certificatePdfSha256 }
                : {}),
              ...(typeof d.paperReference === "string" ? { paperReference: d.paperReference } : {}),
            },
          }
        : {}),
    };
  });
}
