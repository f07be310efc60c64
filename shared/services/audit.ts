/**
 * What the audit API answers (auditors, and the office lead): the partnerships, each one's timeline from its
 * ledger, and the check of its chain against the head its partnership recorded. The ledger, not Step
 * Functions' execution history, is the record: it is kept as long as the table.
 */
import { type AuditPacket, PACKET_FORMAT } from "../domain/audit-packet.ts";
import { headProof } from "../domain/checkpoint.ts";
import { PartnershipNotFoundError } from "../domain/errors.ts";
import { type AnchoredVerification, type LedgerEvent, verifyAnchored } from "../domain/ledger.ts";
import { STAGES, type Stage } from "../domain/lifecycle.ts";
import { documentsNamed, type NamedDocument, storeKeyOf } from "../domain/packet-documents.ts";
import type { Partnership } from "../domain/partnership.ts";
import { emailSentData } from "../events/email-events.ts";
import { describeEvent, type EventData } from "../events/registry.ts";
import type { CheckpointKey, CheckpointReader } from "../ports/checkpoints.ts";
import type { EvidenceReader } from "../ports/evidence-store.ts";
import type { Needs } from "./dependencies.ts";

export interface PartnershipListing {
  id: string;
  organisationName: string;
  stage: Stage;
  /** The partnership type the assessment proposed (the agreement's, once set). */
  type: string | undefined;
  submittedAt: string;
  updatedAt: string;
}

export interface ListQuery {
  stage?: Stage | undefined;
  type?: string | undefined;
  /** Last updated on or after this day (YYYY-MM-DD), and on or before `to`. */
  from?: string | undefined;
  to?: string | undefined;
  /** Where the page starts: the `next` of the page before. */
  cursor?: string | undefined;
  limit: number;
}

export interface ListPage {
  partnerships: PartnershipListing[];
  /** Give it as `cursor` for the next page; absent on the last. */
  next?: string;
}

function listingOf(p: Partnership): PartnershipListing {
  return {
    id: p.id,
    organisationName: p.organisationName,
    stage: p.stage,
    type: p.assessment?.proposedType,
    submittedAt: p.submittedAt,
    updatedAt: p.updatedAt,
  };
}

/** The partnerships, the most recently updated first, filtered, a page at a time. */
export async function listPartnerships(deps: Needs<"repository">, query: ListQuery): Promise<ListPage> {
  const stages = query.stage ? [query.stage] : STAGES;
  const range = { from: query.from, to: query.to };
  const all = (await Promise.all(stages.map((stage) => deps.repository.listAtStage(stage, range))))
    .flat()
    .map(listingOf)
    .filter((p) => query.type === undefined || p.type === query.type)
    .sort((a, b) =>
      a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt < b.updatedAt ? 1 : -1,
    );
  // After the cursor's place in the order, whether or not that listing is still there (or at that place).
  const after = query.cursor ? Buffer.from(query.cursor, "base64url").toString("utf8") : undefined;
  const start = after === undefined ? 0 : nextAfter(all, after);
  const page = all.slice(start, start + query.limit);
  const last = page.at(-1);
  return {
    partnerships: page,
    ...(last && start + query.limit < all.length ? { next: cursorOf(last) } : {}),
  };
}

/** A listing's place in the order (updated, newest first; then id), and as an opaque cursor. */
const placeOf = (p: PartnershipListing) => `${p.updatedAt}#${p.id}`;
const cursorOf = (p: PartnershipListing) => Buffer.from(placeOf(p)).toString("base64url");

/** The index of the first listing after `place` in the order; the length when none is. */
function nextAfter(all: readonly PartnershipListing[], place: string): number {
  const [updatedAt = "", id = ""] = place.split("#");
  const index = all.findIndex((p) => p.updatedAt < updatedAt || (p.updatedAt === updatedAt && p.id > id));
  return index < 0 ? all.length : index;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  type: string;
  actor: string;
  /** The state of the workflow that recorded it. */
  step: string | undefined;
  /** The event in words. */
  text: string;
  data: unknown;
  hash: string;
}

export interface Timeline {
  partnership: PartnershipListing;
  events: TimelineEntry[];
  /** Each decision: who, when, from which step, what was decided. */
  decisions: {
    seq: number;
    /** The decision's id (the console's page of it: the decision as the decider saw it). */
    decisionId: string;
    at: string;
    actor: string;
    step: string | undefined;
    kind: string;
    outcome: string;
    /** What the decider was shown: the page's SHA-256, the checklist's and template's versions. */
    shown: unknown;
  }[];
  /** Each version of the agreement issued, by the SHA-256 of its PDF. */
  agreements: { seq: number; at: string; version: number; sha256: string }[];
  /** Each email sent (EmailSent): its template, and its recipients by role and hashed address. */
  emails: ({ seq: number; at: string } & EventData<"EmailSent">)[];
  /** The check of the chain against its recorded head. */
  verification: AnchoredVerification;
}

/** One partnership's timeline from its ledger, with its decisions, its agreement versions and the check. */
export async function timelineOf(deps: Needs<"repository">, id: string): Promise<Timeline> {
  // The head first, then the ledger: an append in between only makes the ledger longer than the head, which
  // verifies (the other way round, it would look like events were removed).
  const head = await deps.repository.getLedgerHead(id);
  const record = await deps.repository.getPartnershipRecord(id);
  if (!record) throw new PartnershipNotFoundError(`No partnership ${id}`);
  const { partnership: p, events } = record;
  return {
    partnership: listingOf(p),
    events: events.map(entryOf),
    decisions: events.flatMap((e) => {
      const d = e.data as { kind?: unknown; outcome?: unknown; decisionId?: unknown; shown?: unknown };
      return typeof d.kind === "string" && typeof d.outcome === "string" && typeof d.decisionId === "string"
        ? [
            {
              seq: e.seq,
              decisionId: d.decisionId,
              at: e.at,
              actor: e.actor,
              step: e.step,
              kind: d.kind,
              outcome: d.outcome,
              shown: d.shown,
            },
          ]
        : [];
    }),
    agreements: events.flatMap((e) => {
      const d = e.data as { version?: unknown; sha256?: unknown };
      return e.type === "AgreementIssued" && typeof d.version === "number" && typeof d.sha256 === "string"
        ? [{ seq: e.seq, at: e.at, version: d.version, sha256: d.sha256 }]
        : [];
    }),
    emails: events.flatMap((e) => {
      const d = e.type === "EmailSent" ? emailSentData.safeParse(e.data) : undefined;
      return d?.success ? [{ seq: e.seq, at: e.at, ...d.data }] : [];
    }),
    verification: verifyAnchored(events, head),
  };
}

/** The check alone: `{ ok: true }`, or the first event that fails and why. */
export async function verifyPartnership(
  deps: Needs<"repository">,
  id: string,
): Promise<{ ok: true } | { ok: false; firstBadSeq: number; reason: string }> {
  // The head first, then the ledger (see timelineOf).
  const head = await deps.repository.getLedgerHead(id);
  const events = await deps.repository.listEvents(id);
  if (!head && events.length === 0) throw new PartnershipNotFoundError(`No partnership ${id}`);
  const result = verifyAnchored(events, head);
  return result.ok ? { ok: true } : { ok: false, firstBadSeq: result.firstBadSeq, reason: result.reason };
}

function entryOf(event: LedgerEvent): TimelineEntry {
  return {
    seq: event.seq,
    at: event.at,
    type: event.type,
    actor: event.actor,
    step: event.step,
    text: describeEvent(event),
    data: event.data,
    hash: event.hash,
  };
}

/** How many checkpoints the API lists: the newest (a year of daily ones, and some). */
export const CHECKPOINTS_LISTED = 400;

/** The newest checkpoints, newest first, with the public key that checks their signatures. */
export async function recentCheckpoints(deps: { checkpoints: CheckpointReader; signer: CheckpointKey }) {
  const checkpoints = (await deps.checkpoints.recent(CHECKPOINTS_LISTED)).reverse();
  return {
    publicKey: {
      keyId: deps.signer.keyId,
      algorithm: deps.signer.algorithm,
      pem: await deps.signer.publicKeyPem(),
    },
    checkpoints,
  };
}

/**
 * One partnership's audit packet: its whole ledger and anchored head, the documents it names (by hash; with
 * `inline`, each stored one's bytes too, base64), and the latest checkpoint that holds its head, with the
 * inclusion proof and the key (null while none holds it yet).
 */
export async function auditPacket(
  deps: Needs<"repository" | "clock"> & {
    checkpoints: CheckpointReader;
    signer: CheckpointKey;
    documents?: EvidenceReader | undefined;
  },
  id: string,
  options: { inline?: boolean } = {},
): Promise<AuditPacket> {
  const head = await deps.repository.getLedgerHead(id);
  const [record, checkpoint] = await Promise.all([
    deps.repository.getPartnershipRecord(id),
    deps.checkpoints.latest(),
  ]);
  if (!record) throw new PartnershipNotFoundError(`No partnership ${id}`);
  const proof = checkpoint ? headProof(checkpoint, id) : undefined;
  return {
    format: PACKET_FORMAT,
    exportedAt: deps.clock.now().toISOString(),
    partnershipId: id,
    events: record.events,
    head: head ?? null,
    documents: options.inline
      ? await inlineDocuments(deps.documents, id, record.events)
      : documentsNamed(record.events),
    checkpoint: proof && checkpoint ? checkpoint : null,
    checkpointProof: proof ?? null,
    publicKey: proof
      ? { keyId: deps.signer.keyId, algorithm: deps.signer.algorithm, pem: await deps.signer.publicKeyPem() }
      : null,
  };
}

/** A document the ledger names is not in the evidence store: the packet cannot carry it inline. */
export class DocumentMissingError extends Error {
  override readonly name = "DocumentMissingError";
}

/**
 * The named documents with the bytes the store holds for each, base64 (the certificate's JSON is no stored file:
 * it is rebuilt from the ledger, so it stays by hash). A document the ledger names and the store lacks is an
 * error: the packet would silently be short of it.
 */
async function inlineDocuments(
  store: EvidenceReader | undefined,
  id: string,
  events: readonly LedgerEvent[],
): Promise<AuditPacket["documents"]> {
  if (!store) throw new Error("This function cannot read documents to put them inline");
  const out: AuditPacket["documents"][number][] = [];
  for (const doc of documentsNamed(events)) {
    const key = storeKeyOf(id, doc);
    if (!key) {
      out.push(doc);
      continue;
    }
    const bytes = await store.get(key);
    if (!bytes)
      throw new DocumentMissingError(`The ${doc.kind} document ${doc.sha256} is missing from the store`);
    out.push({ ...doc, content: Buffer.from(bytes).toString("base64") });
  }
  return out;
}

/** A document the ledger names, by its hash, and where the store keeps it; undefined when the ledger names none. */
export async function namedDocument(
  deps: Needs<"repository">,
  id: string,
  sha256: string,
): Promise<{ doc: NamedDocument; key: string } | undefined> {
  const events = await deps.repository.listEvents(id);
  const doc = documentsNamed(events).find((d) => d.sha256 === sha256);
  const key = doc && storeKeyOf(id, doc);
  return doc && key ? { doc, key } : undefined;
}
