/** PartnershipRepository in memory, for tests of use cases: the DynamoDB adapter's conditions without AWS. */
import { Buffer } from "node:buffer";
import type { PartnerSummary } from "../domain/assessment.ts";
import type { Assessment } from "../domain/assessment-types.ts";
import type { Json } from "../domain/canonical-json.ts";
import { LedgerConflictError, LinkUsedError, PartnershipNotFoundError } from "../domain/errors.ts";
import { chainEvent, type EventDraft, type LedgerEvent } from "../domain/ledger.ts";
import type { Stage } from "../domain/lifecycle.ts";
import { normaliseOrganisationName } from "../domain/organisation-keys.ts";
import type { Decision, Link, Partnership, PartnershipEnding } from "../domain/partnership.ts";
import { missingDrafts, type PendingEffects, type PendingSlot } from "../domain/pending-effects.ts";
import type {
  DecisionResult,
  DueSchedule,
  IdempotencyRecord,
  LedgerHead,
  PartnershipRecord,
  PartnershipRepository,
  ScheduleKind,
} from "../ports/partnership-repository.ts";
import {
  INTAKE_SWEEP_FAILED_MARKER,
  INTAKE_SWEEP_GAVE_UP_MARKER,
  WORKFLOW_STARTED_MARKER,
} from "../ports/partnership-repository.ts";
import type { Intake } from "../schemas/intake.ts";

/** As many tries as the DynamoDB ledger makes, so that a head that never fits fails the same way. */
const APPEND_ATTEMPTS = 8;

/** The marker markOnce("acknowledged") sets: the partnership reads it as acknowledgedAt. */
const ACKNOWLEDGED = "acknowledged";

interface StoredPartnership {
  /** Without acknowledgedAt, which is the `acknowledged` marker. */
  partnership: Partnership;
  /** The once-only markers of markOnce and setPendingOnce, one namespace for both (as on the table). */
  markers: Map<string, string>;
}

interface StoredDecision {
  decision: Decision;
  /**
   * Its place among the decisions whose resume is not confirmed, set by closeDecision and dropped by
   * noteResumeEnded: the table's index entry, not the status, decides what listUnresumedDecisions lists.
   */
  unresumedKey?: string | undefined;
}

export class InMemoryPartnershipRepository implements PartnershipRepository {
  private readonly claims = new Map<string, IdempotencyRecord>();
  private readonly partnerships = new Map<string, StoredPartnership>();
  /** Each partnership's events by seq; a ledger may exist before (or without) its partnership, as on the table. */
  private readonly ledgers = new Map<string, Map<number, LedgerEvent>>();
  private readonly decisions = new Map<string, Map<string, StoredDecision>>();
  private readonly links = new Map<string, Link>();
  /** Each partnership's ledger head, as its META item anchors it. */
  private readonly heads = new Map<string, LedgerHead>();
  /** Each partnership's schedules, by `<id>#<kind>`. */
  private readonly schedules = new Map<string, DueSchedule>();

  async claimIdempotencyKey(record: IdempotencyRecord, expiresAt: Date): Promise<IdempotencyRecord> {
    if (Number.isNaN(expiresAt.getTime()))
      throw new RangeError("An idempotency claim's expiry must be a date");
    const existing = this.claims.get(record.key);
    if (existing) {
      const { partnershipId, requestHash, createdAt } = existing;
      return { key: record.key, partnershipId, requestHash, createdAt };
    }
    this.claims.set(record.key, copy(record));
    return copy(record);
  }

  async createPartnership(p: Partnership): Promise<boolean> {
    if (this.partnerships.has(p.id)) return false;
    // acknowledgedAt is only ever the marker's; the name and website are the intake's (as the registry's).
    const { acknowledgedAt: _ignored, ...partnership } = copy(p);
    this.partnerships.set(p.id, {
      partnership: withIntake(partnership, partnership.intake),
      markers: new Map(),
    });
    return true;
  }

  async getPartnership(id: string): Promise<Partnership | undefined> {
    const stored = this.partnerships.get(id);
    return stored ? readPartnership(stored) : undefined;
  }

  async getPartnershipWithTail(
    id: string,
    events: number,
  ): Promise<{ partnership?: Partnership | undefined; tail: LedgerEvent[] }> {
    if (!Number.isInteger(events) || events < 0) {
      throw new RangeError("The number of events must be a whole number, zero or more");
    }
    const stored = this.partnerships.get(id);
    return {
      partnership: stored ? readPartnership(stored) : undefined,
      // The DynamoDB adapter gives the newest event for 0 when there is no partnership (a known bug there).
      tail: events === 0 ? [] : this.eventsOf(id).slice(-events).map(copy),
    };
  }

  async getPartnershipRecord(id: string): Promise<PartnershipRecord | undefined> {
    const stored = this.partnerships.get(id);
    if (!stored) return undefined;
    return {
      partnership: readPartnership(stored),
      events: this.eventsOf(id).map(copy),
      decisions: this.decisionsOf(id).map((d) => copy(d.decision)),
    };
  }

  async listPartnerSummaries(): Promise<PartnerSummary[]> {
    // In the registry index's order: by normalised name (ties in no promised order; here by id).
    return [...this.partnerships.values()]
      .map(({ partnership: p }) => ({
        p,
        sortKey: normaliseOrganisationName(p.intake.organisation.name) || `#${p.id}`,
      }))
      .sort((a, b) => byteOrder(a.sortKey, b.sortKey) || byteOrder(a.p.id, b.p.id))
      .map(({ p }) =>
        copy({
          partnershipId: p.id,
          organisationName: p.organisationName,
          website: p.website,
          stage: p.stage,
          contributionTypes: p.intake.contributionTypes,
          audiences: p.intake.audiences,
        }),
      );
  }

  async updateStage(
    id: string,
    from: Stage,
    to: Stage,
    at: string,
    pending: PendingEffects,
  ): Promise<boolean> {
    const stored = this.partnerships.get(id);
    if (!stored || stored.partnership.stage !== from || stored.partnership.pending) return false;
    Object.assign(stored.partnership, { stage: to, updatedAt: at, pending: copy(pending) });
    return true;
  }

  async saveAssessment(
    id: string,
    { assessment, round, intakeVersion }: { assessment: Assessment; round: number; intakeVersion: number },
    at: string,
    pending: PendingEffects,
    move?: { from: Stage; to: Stage },
  ): Promise<boolean> {
    const stored = this.partnerships.get(id);
    if (!stored) {
      if (move) return false;
      throw new PartnershipNotFoundError(`No partnership ${id}`);
    }
    const p = stored.partnership;
    if ((move && p.stage !== move.from) || p.intakeVersion !== intakeVersion || p.pending) return false;
    Object.assign(p, {
      assessment: copy(assessment),
      assessmentRound: round,
      assessedIntakeVersion: intakeVersion,
      updatedAt: at,
      pending: copy(pending),
      ...(move ? { stage: move.to } : {}),
    });
    return true;
  }

  async setPendingOnce(
    id: string,
    marker: string,
    at: string,
    slot: PendingSlot,
    pending: PendingEffects,
  ): Promise<boolean> {
    const stored = this.partnerships.get(id);
    if (!stored || stored.markers.has(marker) || stored.partnership[slot]) return false;
    stored.markers.set(marker, at);
    stored.partnership[slot] = copy(pending);
    return true;
  }

  async clearPending(id: string, slot: PendingSlot, pendingId: string): Promise<void> {
    const p = this.partnerships.get(id)?.partnership;
    if (p?.[slot]?.id === pendingId) delete p[slot];
  }

  async applyIntakeVersion(
    id: string,
    intake: Intake,
    version: number,
    at: string,
    decisionId: string,
  ): Promise<boolean> {
    const stored = this.partnerships.get(id);
    if (stored?.partnership.intakeVersion !== version - 1) return false;
    const intakeVersionBy = [...(stored.partnership.intakeVersionBy ?? []), { version, decisionId }];
    stored.partnership = withIntake(
      { ...stored.partnership, intakeVersion: version, intakeVersionBy, updatedAt: at },
      copy(intake),
    );
    return true;
  }

  async claimAcknowledgement(id: string, at: string, staleBefore: string): Promise<boolean> {
    const stored = this.partnerships.get(id);
    const claimedAt = stored?.partnership.acknowledgementClaimedAt;
    if (!stored || stored.markers.has(ACKNOWLEDGED)) return false;
    if (claimedAt !== undefined && byteOrder(claimedAt, staleBefore) >= 0) return false;
    stored.partnership.acknowledgementClaimedAt = at;
    return true;
  }

  async releaseAcknowledgement(id: string, at: string): Promise<void> {
    const p = this.partnerships.get(id)?.partnership;
    if (p?.acknowledgementClaimedAt === at) delete p.acknowledgementClaimedAt;
  }

  async markOnce(id: string, marker: string, at: string): Promise<boolean> {
    const stored = this.partnerships.get(id);
    if (!stored || stored.markers.has(marker)) return false;
    stored.markers.set(marker, at);
    return true;
  }

  async appendEvent(draft: EventDraft): Promise<LedgerEvent> {
    // After the newest event, whose successor's seq nobody can take in between: the put always succeeds here.
    const event = chainEvent(this.eventsOf(draft.partnershipId).at(-1), draft);
    this.putNewEvent(event);
    return copy(event);
  }

  async appendEventIfBegun(draft: EventDraft): Promise<LedgerEvent | undefined> {
    if (this.eventsOf(draft.partnershipId).length === 0) return undefined;
    return this.appendEvent(draft);
  }

  async appendEventsOnce(drafts: readonly EventDraft[], afterSeq: number, head?: LedgerEvent): Promise<void> {
    const id = drafts[0]?.partnershipId;
    if (!id) return;
    // A head the caller read may be stale: its successor's seq is then taken, and the ledger is read again.
    let since: readonly LedgerEvent[] | undefined = head?.seq === afterSeq ? [head] : undefined;
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      since ??= this.eventsOf(id).filter((event) => event.seq >= afterSeq);
      let last = since.at(-1);
      let refused = false;
      for (const draft of missingDrafts(since, drafts)) {
        const event = chainEvent(last, draft);
        if (!this.putNewEvent(event)) {
          refused = true;
          break;
        }
        last = event;
      }
      if (!refused) return;
      since = undefined;
    }
    throw new LedgerConflictError(`Could not append to the ledger of ${id}`);
  }

  async beginLedger(draft: EventDraft): Promise<boolean> {
    return this.putNewEvent(chainEvent(undefined, draft));
  }

  async listLedgerHeads(): Promise<(LedgerHead & { partnershipId: string })[]> {
    return [...this.heads]
      .filter(([id]) => this.partnerships.has(id))
      .map(([partnershipId, head]) => ({ partnershipId, ...head }));
  }

  /**
   * A test's tamper: replaces a partnership's ledger, and (given) its anchored head, as writes straight to the
   * table would.
   */
  rewriteLedger(id: string, events: readonly LedgerEvent[], head?: LedgerHead): void {
    this.ledgers.set(id, new Map(events.map((e) => [e.seq, copy(e)])));
    if (head) this.heads.set(id, { ...head });
  }

  /** A test's tamper: removes a partnership with its ledger and head, as a delete in the table would. */
  forget(id: string): void {
    this.partnerships.delete(id);
    this.ledgers.delete(id);
    this.heads.delete(id);
    this.decisions.delete(id);
  }

  async getLedgerHead(id: string): Promise<LedgerHead | undefined> {
    const head = this.heads.get(id);
    return head ? { ...head } : undefined;
  }

  async listEvents(id: string): Promise<LedgerEvent[]> {
    return this.eventsOf(id).map(copy);
  }

  async putLink(link: Link): Promise<void> {
    if (Number.isNaN(Date.parse(link.expiresAt))) throw new RangeError("A link's expiry must be a date");
    // The table refuses the put (a ConditionalCheckFailedException nobody catches): a token is minted once.
    if (this.links.has(link.tokenHash)) throw new Error("A link with this token hash exists already");
    this.links.set(link.tokenHash, copy(link));
  }

  async getLink(tokenHash: string): Promise<Link | undefined> {
    const link = this.links.get(tokenHash);
    return link ? copy(link) : undefined;
  }

  async putDecision(decision: Decision): Promise<boolean> {
    const of = this.decisionsOfPartnership(decision.partnershipId);
    if (of.has(decision.decisionId)) return false;
    of.set(decision.decisionId, { decision: copy(decision) });
    return true;
  }

  async getDecision(partnershipId: string, decisionId: string): Promise<Decision | undefined> {
    const stored = this.decisions.get(partnershipId)?.get(decisionId);
    return stored ? copy(stored.decision) : undefined;
  }

  async getDecisionAndPartnership(
    partnershipId: string,
    decisionId: string,
    withHead = false,
  ): Promise<{
    decision?: Decision | undefined;
    partnership?: Partnership | undefined;
    head?: LedgerEvent | undefined;
  }> {
    // Both read at once, as the table's one batch read gives them: no write comes in between.
    const stored = this.decisions.get(partnershipId)?.get(decisionId);
    const decision = stored ? copy(stored.decision) : undefined;
    const p = this.partnerships.get(partnershipId);
    const partnership = p ? readPartnership(p) : undefined;
    if (!withHead) return { decision, partnership };
    const head = this.eventsOf(partnershipId).at(-1);
    return { decision, partnership, head: head ? copy(head) : undefined };
  }

  async closeOpenDecisions(partnershipId: string, because: PartnershipEnding, at: string): Promise<string[]> {
    const closed: string[] = [];
    for (const { decision } of this.decisionsOf(partnershipId))
      if (this.retire(decision, at, because)) closed.push(decision.decisionId);
    return closed;
  }

  async retireOpenDecisionsBut(
    partnershipId: string,
    keep: string,
    at: string,
    ofExecution?: string,
  ): Promise<string[]> {
    const retired: string[] = [];
    for (const { decision } of this.decisionsOf(partnershipId)) {
      const another =
        ofExecution !== undefined &&
        decision.executionArn !== undefined &&
        decision.executionArn !== ofExecution;
      if (
        decision.decisionId === keep ||
        another ||
        !(await this.retireDecision(partnershipId, decision.decisionId, at))
      )
        continue;
      retired.push(decision.decisionId);
    }
    return retired;
  }

  async retireDecision(partnershipId: string, decisionId: string, at: string): Promise<boolean> {
    return this.retire(this.decisions.get(partnershipId)?.get(decisionId)?.decision, at);
  }

  /** Retires the decision if it is still open and not retired; `because` an ending, its link then says why. */
  private retire(decision: Decision | undefined, at: string, because?: PartnershipEnding): boolean {
    if (decision?.status !== "open" || decision.retiredAt) return false;
    decision.retiredAt = at;
    if (because) decision.closedBecause = because;
    delete decision.sealedLinkToken;
    return true;
  }

  async replaceDecisionLink(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    newTokenHash: string,
    fromInboxAt?: string,
    sealedLinkToken?: string,
  ): Promise<boolean> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId)?.decision;
    if (!stored || !mayClose(stored, decision.linkTokenHash)) return false;
    stored.linkTokenHash = newTokenHash;
    if (fromInboxAt) stored.reissuedFromInboxAt = fromInboxAt;
    if (sealedLinkToken) stored.sealedLinkToken = sealedLinkToken;
    else delete stored.sealedLinkToken;
    return true;
  }

  async reattachDecision(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "taskToken">,
    taskToken: string,
    at: string,
  ): Promise<boolean> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId)?.decision;
    if (stored?.status !== "open" || stored.retiredAt || stored.taskToken !== decision.taskToken)
      return false;
    stored.taskToken = taskToken;
    stored.reattachedAt = at;
    return true;
  }

  async listOpenDecisionsDueBefore(
    before: string,
    limit: number,
    cursor?: string,
  ): Promise<{ decisions: Decision[]; next?: string | undefined }> {
    // As the index orders them, by due time and then whose; the cursor is the last key of the page before.
    const keyOf = (d: Decision) => `${d.dueAt}#${d.partnershipId}#${d.decisionId}`;
    const indexed = [...this.decisions.values()]
      .flatMap((of) => [...of.values()].map(({ decision }) => decision))
      .filter((d) => d.status === "open" && !d.retiredAt && byteOrder(keyOf(d), before) < 0)
      .filter((d) => cursor === undefined || byteOrder(keyOf(d), cursor) > 0)
      .sort((a, b) => byteOrder(keyOf(a), keyOf(b)));
    const page = indexed.slice(0, limit);
    const last = page.at(-1);
    return {
      decisions: page.map(copy),
      next: indexed.length > limit && last ? keyOf(last) : undefined,
    };
  }

  async noteReminder(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash" | "reminders">,
    reminder: { on: string; count: number; escalatedAt?: string | undefined },
  ): Promise<boolean> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId)?.decision;
    if (!stored || !mayClose(stored, decision.linkTokenHash) || stored.escalatedAt) return false;
    if (stored.lastRemindedOn === reminder.on || (stored.reminders ?? 0) !== (decision.reminders ?? 0))
      return false;
    Object.assign(stored, {
      reminders: reminder.count,
      lastRemindedOn: reminder.on,
      ...(reminder.escalatedAt ? { escalatedAt: reminder.escalatedAt } : {}),
    });
    return true;
  }

  async forgetLinkToken(decision: Pick<Decision, "partnershipId" | "decisionId">): Promise<void> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId)?.decision;
    if (stored) delete stored.sealedLinkToken;
  }

  async markResumeFailed(
    decision: Pick<Decision, "partnershipId" | "decisionId">,
    at: string,
  ): Promise<void> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId)?.decision;
    if (stored?.status === "decided") stored.resumeFailedAt = at;
  }

  async noteResumeEnded(
    decision: Pick<Decision, "partnershipId" | "decisionId">,
    how: "resumed" | "window-closed",
    at: string,
  ): Promise<boolean> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId);
    const d = stored?.decision;
    if (!stored || d?.status !== "decided" || d.resumedAt || d.resumeWindowClosedAt) return false;
    if (how === "resumed") d.resumedAt = at;
    else d.resumeWindowClosedAt = at;
    delete stored.unresumedKey;
    return true;
  }

  async noteRecordFailed(
    decision: Pick<Decision, "partnershipId" | "decisionId">,
    at: string,
  ): Promise<void> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId)?.decision;
    if (stored?.status === "decided" && !stored.recordFailedAt) stored.recordFailedAt = at;
  }

  async listAtStage(
    stage: Stage,
    range: { from?: string | undefined; to?: string | undefined } = {},
  ): Promise<Partnership[]> {
    const sortKey = (p: Partnership) => `${p.updatedAt}#${p.id}`;
    return [...this.partnerships.values()]
      .map((stored) => readPartnership(stored))
      .filter(
        (p) =>
          p.stage === stage &&
          byteOrder(sortKey(p), range.from ?? "") >= 0 &&
          byteOrder(sortKey(p), `${range.to ?? "9999"}\uffff`) <= 0,
      )
      .sort((a, b) => byteOrder(sortKey(b), sortKey(a)));
  }

  async listStalledIntakes(from: string, before: string, limit: number): Promise<Partnership[]> {
    // As the byStage index sorts them: by `${updatedAt}#${id}`, between the two bounds.
    return [...this.partnerships.values()]
      .map((stored) => ({
        stored,
        p: stored.partnership,
        markers: stored.markers,
        sortKey: `${stored.partnership.updatedAt}#${stored.partnership.id}`,
      }))
      .filter(
        ({ p, markers, sortKey }) =>
          p.stage === "SUBMITTED" &&
          !markers.has(WORKFLOW_STARTED_MARKER) &&
          !markers.has(INTAKE_SWEEP_GAVE_UP_MARKER) &&
          byteOrder(sortKey, from) >= 0 &&
          byteOrder(sortKey, before) <= 0,
      )
      .sort((a, b) => byteOrder(a.sortKey, b.sortKey))
      .slice(0, limit)
      .map(({ stored }) => readPartnership(stored));
  }

  async setSchedule(
    partnershipId: string,
    kind: ScheduleKind,
    dueOn: string | undefined,
    _at: string,
  ): Promise<void> {
    const key = `${partnershipId}#${kind}`;
    if (dueOn === undefined) this.schedules.delete(key);
    else this.schedules.set(key, { partnershipId, kind, dueOn });
  }

  async listDueSchedules(day: string, limit: number): Promise<DueSchedule[]> {
    const sortKey = (s: DueSchedule) => `${s.dueOn}#${s.partnershipId}#${s.kind}`;
    return [...this.schedules.values()]
      .filter((s) => s.dueOn <= day)
      .sort((a, b) => byteOrder(sortKey(a), sortKey(b)))
      .slice(0, limit)
      .map((s) => ({ ...s }));
  }

  async clearSchedule(schedule: DueSchedule, _at: string): Promise<boolean> {
    const key = `${schedule.partnershipId}#${schedule.kind}`;
    if (this.schedules.get(key)?.dueOn !== schedule.dueOn) return false;
    this.schedules.delete(key);
    return true;
  }

  async listOpenDecisions(limit: number): Promise<Decision[]> {
    const open = [...this.decisions.values()]
      .flatMap((of) => [...of.values()].map(({ decision }) => decision))
      .filter((decision) => decision.status === "open" && !decision.retiredAt);
    return open
      .sort((a, b) => byteOrder(a.dueAt, b.dueAt))
      .slice(0, limit)
      .map(copy);
  }

  async listUnresumedDecisions(limit: number): Promise<Decision[]> {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError("The limit must be a whole number, one or more");
    const unresumed: { key: string; decision: Decision }[] = [];
    for (const of of this.decisions.values()) {
      for (const { decision, unresumedKey } of of.values()) {
        if (unresumedKey !== undefined) unresumed.push({ key: unresumedKey, decision });
      }
    }
    return unresumed
      .sort((a, b) => byteOrder(a.key, b.key))
      .slice(0, limit)
      .map(({ decision }) => copy(decision));
  }

  async saveDraft(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    draft: { [key: string]: Json },
    at: string,
  ): Promise<boolean> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId);
    if (!stored || !mayClose(stored.decision, decision.linkTokenHash)) return false;
    Object.assign(stored.decision, { draft: copy(draft), draftSavedAt: at });
    return true;
  }

  async closeDecision(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    result: DecisionResult,
  ): Promise<void> {
    const stored = this.decisions.get(decision.partnershipId)?.get(decision.decisionId);
    if (!stored || !mayClose(stored.decision, decision.linkTokenHash)) {
      throw new LinkUsedError("This decision has already been made");
    }
    const { outcome, comment, decidedAt, decidedBy, resumeOutput, resubmission, details, shown, signedInAs } =
      copy(result);
    Object.assign(stored.decision, {
      status: "decided",
      outcome,
      comment,
      decidedAt,
      decidedBy,
      resumeOutput,
      ...(resubmission ? { resubmission } : {}),
      ...(details ? { details } : {}),
      ...(shown ? { shown } : {}),
      ...(signedInAs ? { signedInAs } : {}),
    });
    delete stored.decision.draft;
    delete stored.decision.draftSavedAt;
    delete stored.decision.sealedLinkToken;
    // As the table's index key: by the time it was made, then whose it is.
    stored.unresumedKey = `${decidedAt}#${decision.partnershipId}#${decision.decisionId}`;
  }

  /** The partnership's events in seq order. */
  private eventsOf(id: string): LedgerEvent[] {
    return [...(this.ledgers.get(id)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  /** Writes the event unless its seq is taken (the table's conditional put); true when it was written. */
  private putNewEvent(event: LedgerEvent): boolean {
    let ledger = this.ledgers.get(event.partnershipId);
    if (!ledger) {
      ledger = new Map();
      this.ledgers.set(event.partnershipId, ledger);
    }
    if (ledger.has(event.seq)) return false;
    ledger.set(event.seq, copy(event));
    // Anchored on the partnership, only forward, as the table's META item is.
    const head = this.heads.get(event.partnershipId);
    if (this.partnerships.has(event.partnershipId) && (!head || head.seq < event.seq))
      this.heads.set(event.partnershipId, { seq: event.seq, hash: event.hash });
    return true;
  }

  /** The partnership's decisions in the table's order: by decision id. */
  private decisionsOf(partnershipId: string): StoredDecision[] {
    return [...(this.decisions.get(partnershipId)?.values() ?? [])].sort((a, b) =>
      byteOrder(a.decision.decisionId, b.decision.decisionId),
    );
  }

  private decisionsOfPartnership(partnershipId: string): Map<string, StoredDecision> {
    let of = this.decisions.get(partnershipId);
    if (!of) {
      of = new Map();
      this.decisions.set(partnershipId, of);
    }
    return of;
  }
}

/** Whether a POST with this link may still close the decision, or a new link replace it. */
function mayClose(decision: Decision, linkTokenHash: string): boolean {
  return decision.status === "open" && decision.linkTokenHash === linkTokenHash && !decision.retiredAt;
}

/** The partnership with `intake`, and the name and website it gives, as the registry compares them. */
function withIntake(p: Partnership, intake: Intake): Partnership {
  const { website: _previous, ...rest } = p;
  const website = intake.organisation.website;
  return {
    ...rest,
    intake,
    organisationName: intake.organisation.name,
    ...(website === undefined ? {} : { website }),
  };
}

function readPartnership({ partnership, markers }: StoredPartnership): Partnership {
  const acknowledgedAt = markers.get(ACKNOWLEDGED);
  const intakeSweepFailedAt = markers.get(INTAKE_SWEEP_FAILED_MARKER);
  return copy({
    ...partnership,
    ...(acknowledgedAt === undefined ? {} : { acknowledgedAt }),
    ...(intakeSweepFailedAt === undefined ? {} : { intakeSweepFailedAt }),
  });
}

/** DynamoDB compares strings by their UTF-8 bytes, not by UTF-16 code units as `<` does. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Stored objects are never shared with callers: what goes in or comes out is a copy. */
function copy<T>(value: T): T {
  return structuredClone(value);
}
