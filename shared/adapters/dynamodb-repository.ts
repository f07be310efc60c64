/** PartnershipRepository on one DynamoDB table (dynalite locally): conditional writes, no transactions. */
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { PartnerSummary } from "../domain/assessment.ts";
import type { Assessment } from "../domain/assessment-types.ts";
import type { Json } from "../domain/canonical-json.ts";
import { LinkUsedError, PartnershipNotFoundError } from "../domain/errors.ts";
import type { EventDraft, LedgerEvent } from "../domain/ledger.ts";
import { STAGES, type Stage } from "../domain/lifecycle.ts";
import type { Decision, Link, Partnership, PartnershipEnding } from "../domain/partnership.ts";
import type { PendingEffects, PendingSlot } from "../domain/pending-effects.ts";
import {
  type DecisionResult,
  type DueSchedule,
  type IdempotencyRecord,
  INTAKE_SWEEP_GAVE_UP_MARKER,
  type LedgerHead,
  type PartnershipRecord,
  type PartnershipRepository,
  type ScheduleKind,
  WORKFLOW_STARTED_MARKER,
} from "../ports/partnership-repository.ts";
import type { Intake } from "../schemas/intake.ts";
import {
  decisionItem,
  type Item,
  intakeAttributes,
  partnershipItem,
  summaryOf,
  toDecision,
  toPartnership,
  toSummary,
} from "./dynamodb-items.ts";
import {
  DUE_SCHEDULES,
  INDEX,
  keys,
  OPEN_DECISIONS,
  PARTNERSHIP_ITEM_TYPE,
  UNRESUMED_DECISIONS,
} from "./dynamodb-keys.ts";
import { DynamoDbLedger, toEvent } from "./dynamodb-ledger.ts";
import { type QueryInput, queryAll } from "./dynamodb-query.ts";

export function createDocumentClient(client = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export class DynamoDbPartnershipRepository implements PartnershipRepository {
  private readonly ledger: DynamoDbLedger;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.ledger = new DynamoDbLedger(db, tableName);
  }

  async claimIdempotencyKey(record: IdempotencyRecord, expiresAt: Date): Promise<IdempotencyRecord> {
    const key = keys.idempotency(record.key);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...record, expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000) },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return record;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(key);
      if (!existing) throw error;
      return {
        key: record.key,
        partnershipId: String(existing.partnershipId),
        requestHash: String(existing.requestHash),
        createdAt: String(existing.createdAt),
      };
    }
  }

  createPartnership(p: Partnership): Promise<boolean> {
    return this.putNew(partnershipItem(p));
  }

  async getPartnership(id: string): Promise<Partnership | undefined> {
    const item = await this.get(keys.partnership(id));
    return item ? toPartnership(item) : undefined;
  }

  async getPartnershipWithTail(
    id: string,
    events: number,
  ): Promise<{ partnership?: Partnership | undefined; tail: LedgerEvent[] }> {
    // META sorts after every EVENT#: read backwards, the item comes first, then the newest events.
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :events AND :meta",
        ExpressionAttributeValues: {
          ":pk": keys.partnership(id).pk,
          ":events": keys.eventPrefix,
          ":meta": keys.partnership(id).sk,
        },
        ScanIndexForward: false,
        Limit: events + 1,
        ConsistentRead: true,
      }),
    );
    const items = out.Items ?? [];
    const meta = items[0]?.sk === keys.partnership(id).sk ? items[0] : undefined;
    return {
      partnership: meta ? toPartnership(meta) : undefined,
      // With no META item the query's spare place holds one event more than asked for.
      tail:
        events === 0
          ? []
          : items
              .filter((item) => item.itemType === "event")
              .map(toEvent)
              .reverse()
              .slice(-events),
    };
  }

  async getPartnershipRecord(id: string): Promise<PartnershipRecord | undefined> {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.partnership(id).pk },
      ConsistentRead: true,
    });
    const meta = items.find((item) => item.sk === keys.partnership(id).sk);
    if (!meta) return undefined;
    return {
      partnership: toPartnership(meta),
      events: items.filter((item) => item.itemType === "event").map(toEvent),
      decisions: items.filter((item) => item.itemType === "decision").map(toDecision),
    };
  }

  async listPartnerSummaries(): Promise<PartnerSummary[]> {
    const items = await this.queryAll({
      IndexName: INDEX.registry,
      KeyConditionExpression: "itemType = :type",
      ExpressionAttributeValues: { ":type": PARTNERSHIP_ITEM_TYPE },
    });
    const summaries: PartnerSummary[] = [];
    const legacy: { pk: string; sk: string }[] = [];
    for (const item of items) {
      const summary = toSummary(item);
      if (summary) summaries.push(summary);
      else legacy.push(keys.partnership(String(item.id)));
    }
    // Partnerships written before the registry carried services are read in full.
    for (const item of await this.batchGet(legacy)) summaries.push(summaryOf(toPartnership(item)));
    return summaries;
  }

  updateStage(id: string, from: Stage, to: Stage, at: string, pending: PendingEffects): Promise<boolean> {
    const move = stageMove(id, { from, to }, at);
    return this.updateIf({
      Key: keys.partnership(id),
      UpdateExpression: `SET updatedAt = :at, pending = :pending, ${move.set}`,
      ConditionExpression: `${move.condition} AND ${NO_PENDING}`,
      ExpressionAttributeValues: { ":at": at, ":pending": pending, ...move.values },
    });
  }

  async saveAssessment(
    id: string,
    { assessment, round, intakeVersion }: { assessment: Assessment; round: number; intakeVersion: number },
    at: string,
    pending: PendingEffects,
    move?: { from: Stage; to: Stage },
  ): Promise<boolean> {
    const moved = move ? stageMove(id, move, at) : undefined;
    const saved = await this.updateIf({
      Key: keys.partnership(id),
      UpdateExpression: `SET assessment = :a, assessmentRound = :r, assessedIntakeVersion = :v, updatedAt = :at, pending = :pending${moved ? `, ${moved.set}` : ""}`,
      // Of the intake as it still is: a resubmission stored meanwhile is assessed again.
      ConditionExpression: `${moved?.condition ?? "attribute_exists(pk)"} AND intakeVersion = :v AND ${NO_PENDING}`,
      ExpressionAttributeValues: {
        ":a": assessment,
        ":r": round,
        ":v": intakeVersion,
        ":at": at,
        ":pending": pending,
        ...moved?.values,
      },
    });
    if (!saved && !move && !(await this.get(keys.partnership(id)))) {
      throw new PartnershipNotFoundError(`No partnership ${id}`);
    }
    return saved;
  }

  setPendingOnce(
    id: string,
    marker: string,
    at: string,
    slot: PendingSlot,
    pending: PendingEffects,
  ): Promise<boolean> {
    return this.updateIf({
      Key: keys.partnership(id),
      UpdateExpression: "SET #m = :at, #slot = :pending",
      ConditionExpression:
        "attribute_exists(pk) AND attribute_not_exists(#m) AND attribute_not_exists(#slot)",
      ExpressionAttributeNames: { "#m": `once_${marker}`, "#slot": slot },
      ExpressionAttributeValues: { ":at": at, ":pending": pending },
    });
  }

  async clearPending(id: string, slot: PendingSlot, pendingId: string): Promise<void> {
    await this.updateIf({
      Key: keys.partnership(id),
      UpdateExpression: "REMOVE #slot",
      ConditionExpression: "#slot.id = :id",
      ExpressionAttributeNames: { "#slot": slot },
      ExpressionAttributeValues: { ":id": pendingId },
    });
  }

  applyIntakeVersion(
    id: string,
    intake: Intake,
    version: number,
    at: string,
    decisionId: string,
  ): Promise<boolean> {
    // The name, domain and services follow the new answers, so that the registry compares what is current.
    const derived = intakeAttributes(intake, id);
    return this.updateIf({
      Key: keys.partnership(id),
      UpdateExpression: `SET intake = :i, intakeVersion = :version, updatedAt = :at, intakeVersionBy = list_append(if_not_exists(intakeVersionBy, :none), :by), ${Object.keys(
        derived,
      )
        .map((name) => `${name} = :${name}`)
        .join(", ")}`,
      ConditionExpression: "intakeVersion = :previous",
      ExpressionAttributeValues: {
        ":i": intake,
        ":previous": version - 1,
        ":version": version,
        ":none": [],
        ":by": [{ version, decisionId }],
        ":at": at,
        ...Object.fromEntries(Object.entries(derived).map(([name, value]) => [`:${name}`, value])),
      },
    });
  }

  claimAcknowledgement(id: string, at: string, staleBefore: string): Promise<boolean> {
    return this.updateIf({
      Key: keys.partnership(id),
      UpdateExpression: "SET acknowledgementClaimedAt = :at",
      ConditionExpression:
        "attribute_exists(pk) AND attribute_not_exists(once_acknowledged) AND (attribute_not_exists(acknowledgementClaimedAt) OR acknowledgementClaimedAt < :stale)",
      ExpressionAttributeValues: { ":at": at, ":stale": staleBefore },
    });
  }

  async releaseAcknowledgement(id: string, at: string): Promise<void> {
    await this.updateIf({
      Key: keys.partnership(id),
      UpdateExpression: "REMOVE acknowledgementClaimedAt",
      ConditionExpression: "acknowledgementClaimedAt = :at",
      ExpressionAttributeValues: { ":at": at },
    });
  }

  markOnce(id: string, marker: string, at: string): Promise<boolean> {
    return this.updateIf({
      Key: keys.partnership(id),
      UpdateExpression: "SET #m = :at",
      ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#m)",
      ExpressionAttributeNames: { "#m": `once_${marker}` },
      ExpressionAttributeValues: { ":at": at },
    });
  }

  async listAtStage(
    stage: Stage,
    range: { from?: string | undefined; to?: string | undefined } = {},
  ): Promise<Partnership[]> {
    const items = await this.queryAll({
      IndexName: INDEX.byStage,
      KeyConditionExpression: "gsi1pk = :stage AND gsi1sk BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":stage": keys.stagePartition(stage),
        ":from": range.from ?? "",
        // Past any id that follows the time.
        ":to": `${range.to ?? "9999"}\uffff`,
      },
      ScanIndexForward: false,
    });
    return items.map(toPartnership);
  }

  async listStalledIntakes(from: string, before: string, limit: number): Promise<Partnership[]> {
    const found: Item[] = [];
    let start: Record<string, unknown> | undefined;
    // The filter applies after a page is read: pages are read until enough are found, or none are left.
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEX.byStage,
          KeyConditionExpression: "gsi1pk = :stage AND gsi1sk BETWEEN :from AND :before",
          FilterExpression: "attribute_not_exists(#finished) AND attribute_not_exists(#gaveUp)",
          ExpressionAttributeNames: {
            "#finished": `once_${WORKFLOW_STARTED_MARKER}`,
            "#gaveUp": `once_${INTAKE_SWEEP_GAVE_UP_MARKER}`,
          },
          ExpressionAttributeValues: {
            ":stage": keys.stagePartition("SUBMITTED"),
            ":from": from,
            ":before": before,
          },
          Limit: limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      found.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && found.length < limit);
    return found.slice(0, limit).map(toPartnership);
  }

  async appendEvent(draft: EventDraft): Promise<LedgerEvent> {
    const [event] = await this.ledger.append([draft]);
    return event as LedgerEvent;
  }

  async appendEventIfBegun(draft: EventDraft): Promise<LedgerEvent | undefined> {
    const [event] = await this.ledger.append([draft], { begun: true });
    return event;
  }

  appendEventsOnce(drafts: readonly EventDraft[], afterSeq: number, head?: LedgerEvent): Promise<void> {
    return this.ledger.appendOnce(drafts, afterSeq, head);
  }

  beginLedger(draft: EventDraft): Promise<boolean> {
    return this.ledger.begin(draft);
  }

  async listLedgerHeads(): Promise<(LedgerHead & { partnershipId: string })[]> {
    // Every partnership is at one stage: the byStage index's partitions, one query each, heads only.
    const pages = await Promise.all(
      STAGES.map((stage) =>
        this.queryAll({
          IndexName: INDEX.byStage,
          KeyConditionExpression: "gsi1pk = :stage",
          ExpressionAttributeValues: { ":stage": keys.stagePartition(stage) },
          ProjectionExpression: "id, headSeq, headHash",
        }),
      ),
    );
    return pages
      .flat()
      .filter((item) => typeof item.headSeq === "number" && typeof item.headHash === "string")
      .map((item) => ({
        partnershipId: String(item.id),
        seq: Number(item.headSeq),
        hash: String(item.headHash),
      }));
  }

  async getLedgerHead(id: string): Promise<LedgerHead | undefined> {
    const meta = await this.get(keys.partnership(id));
    return typeof meta?.headSeq === "number" && typeof meta.headHash === "string"
      ? { seq: meta.headSeq, hash: meta.headHash }
      : undefined;
  }

  listEvents(id: string): Promise<LedgerEvent[]> {
    return this.ledger.list(id);
  }

  async putLink(link: Link): Promise<void> {
    await this.put(
      {
        ...keys.link(link.tokenHash),
        itemType: "link",
        ...link,
        expiresAtEpoch: Math.floor(Date.parse(link.expiresAt) / 1000) + 86_400,
      },
      "attribute_not_exists(pk)",
    );
  }

  async getLink(tokenHash: string): Promise<Link | undefined> {
    const item = await this.get(keys.link(tokenHash));
    if (!item) return undefined;
    return {
      tokenHash: String(item.tokenHash),
      purpose: item.purpose === "status" ? "status" : "decision",
      partnershipId: String(item.partnershipId),
      decisionId: typeof item.decisionId === "string" ? item.decisionId : undefined,
      expiresAt: String(item.expiresAt),
      singleUse: item.singleUse === true,
    };
  }

  putDecision(decision: Decision): Promise<boolean> {
    return this.putNew(decisionItem(decision));
  }

  async getDecision(partnershipId: string, decisionId: string): Promise<Decision | undefined> {
    const item = await this.get(keys.decision(partnershipId, decisionId));
    return item ? toDecision(item) : undefined;
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
    if (withHead) {
      const [decision, { partnership, tail }] = await Promise.all([
        this.getDecision(partnershipId, decisionId),
        this.getPartnershipWithTail(partnershipId, 1),
      ]);
      return { decision, partnership, head: tail[0] };
    }
    const items = await this.batchGet([
      keys.decision(partnershipId, decisionId),
      keys.partnership(partnershipId),
    ]);
    const decision = items.find((item) => item.itemType === "decision");
    const meta = items.find((item) => item.itemType === PARTNERSHIP_ITEM_TYPE);
    return {
      decision: decision ? toDecision(decision) : undefined,
      partnership: meta ? toPartnership(meta) : undefined,
    };
  }

  async closeOpenDecisions(partnershipId: string, because: PartnershipEnding, at: string): Promise<string[]> {
    const closed: string[] = [];
    for (const decision of await this.openDecisionsOf(partnershipId))
      if (await this.retire(partnershipId, decision.decisionId, at, because))
        closed.push(decision.decisionId);
    return closed;
  }

  async retireOpenDecisionsBut(
    partnershipId: string,
    keep: string,
    at: string,
    ofExecution?: string,
  ): Promise<string[]> {
    const others = (await this.openDecisionsOf(partnershipId))
      .filter((d) => d.decisionId !== keep)
      .filter(
        (d) => ofExecution === undefined || d.executionArn === undefined || d.executionArn === ofExecution,
      );
    const retired: string[] = [];
    for (const other of others)
      if (await this.retireDecision(partnershipId, other.decisionId, at)) retired.push(other.decisionId);
    return retired;
  }

  retireDecision(partnershipId: string, decisionId: string, at: string): Promise<boolean> {
    return this.retire(partnershipId, decisionId, at);
  }

  /** A partnership's decisions still open and not retired, read consistently. */
  private async openDecisionsOf(partnershipId: string): Promise<Decision[]> {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :decisions)",
      ExpressionAttributeValues: { ":pk": keys.partnership(partnershipId).pk, ":decisions": "DECISION#" },
      ConsistentRead: true,
    });
    return items.map(toDecision).filter((d) => d.status === "open" && !d.retiredAt);
  }

  /**
   * Retires a decision if it is still open and not retired: out of the open decisions (their index keys go), and
   * closed to any POST (closeDecision's condition); `because` an ending, its link then says why.
   */
  private retire(
    partnershipId: string,
    decisionId: string,
    at: string,
    because?: PartnershipEnding,
  ): Promise<boolean> {
    return this.updateIf({
      Key: keys.decision(partnershipId, decisionId),
      UpdateExpression: `SET retiredAt = :at${because ? ", closedBecause = :because" : ""} REMOVE gsi2pk, gsi2sk, sealedLinkToken`,
      ConditionExpression: "#status = :open AND attribute_not_exists(retiredAt)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":at": at, ...(because ? { ":because": because } : {}), ":open": "open" },
    });
  }

  replaceDecisionLink(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    newTokenHash: string,
    fromInboxAt?: string,
    sealedLinkToken?: string,
  ): Promise<boolean> {
    const set = [
      "linkTokenHash = :new",
      ...(fromInboxAt ? ["reissuedFromInboxAt = :at"] : []),
      ...(sealedLinkToken ? ["sealedLinkToken = :sealed"] : []),
    ];
    return this.updateIf({
      Key: keys.decision(decision.partnershipId, decision.decisionId),
      // The old token's sealed copy goes with it: a reminder sends only the link that decides.
      UpdateExpression: `SET ${set.join(", ")}${sealedLinkToken ? "" : " REMOVE sealedLinkToken"}`,
      ConditionExpression: "#status = :open AND linkTokenHash = :old AND attribute_not_exists(retiredAt)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":new": newTokenHash,
        ":old": decision.linkTokenHash,
        ":open": "open",
        ...(fromInboxAt ? { ":at": fromInboxAt } : {}),
        ...(sealedLinkToken ? { ":sealed": sealedLinkToken } : {}),
      },
    });
  }

  reattachDecision(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "taskToken">,
    taskToken: string,
    at: string,
  ): Promise<boolean> {
    return this.updateIf({
      Key: keys.decision(decision.partnershipId, decision.decisionId),
      UpdateExpression: "SET taskToken = :new, reattachedAt = :at",
      ConditionExpression: "#status = :open AND taskToken = :old AND attribute_not_exists(retiredAt)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":new": taskToken,
        ":old": decision.taskToken,
        ":at": at,
        ":open": "open",
      },
    });
  }

  async listOpenDecisionsDueBefore(
    before: string,
    limit: number,
    cursor?: string,
  ): Promise<{ decisions: Decision[]; next?: string | undefined }> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEX.openDecisionsByDue,
        KeyConditionExpression: "gsi2pk = :pk AND gsi2sk < :before",
        ExpressionAttributeValues: { ":pk": OPEN_DECISIONS, ":before": before },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
      }),
    );
    const decisions = (out.Items ?? [])
      .map(toDecision)
      .filter((decision) => decision.status === "open" && !decision.retiredAt);
    return {
      decisions,
      next: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
    };
  }

  noteReminder(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash" | "reminders">,
    reminder: { on: string; count: number; escalatedAt?: string | undefined },
  ): Promise<boolean> {
    const previous = decision.reminders ?? 0;
    return this.updateIf({
      Key: keys.decision(decision.partnershipId, decision.decisionId),
      UpdateExpression: `SET reminders = :count, lastRemindedOn = :on${reminder.escalatedAt ? ", escalatedAt = :at" : ""}`,
      ConditionExpression:
        "#status = :open AND linkTokenHash = :h AND attribute_not_exists(retiredAt) AND attribute_not_exists(escalatedAt)" +
        " AND (attribute_not_exists(lastRemindedOn) OR lastRemindedOn <> :on)" +
        ` AND (${previous === 0 ? "attribute_not_exists(reminders) OR " : ""}reminders = :previous)`,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":open": "open",
        ":h": decision.linkTokenHash,
        ":on": reminder.on,
        ":count": reminder.count,
        ":previous": previous,
        ...(reminder.escalatedAt ? { ":at": reminder.escalatedAt } : {}),
      },
    });
  }

  async forgetLinkToken(decision: Pick<Decision, "partnershipId" | "decisionId">): Promise<void> {
    await this.updateIf({
      Key: keys.decision(decision.partnershipId, decision.decisionId),
      UpdateExpression: "REMOVE sealedLinkToken",
      ConditionExpression: "attribute_exists(sealedLinkToken)",
    });
  }

  saveDraft(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    draft: { [key: string]: Json },
    at: string,
  ): Promise<boolean> {
    return this.updateIf({
      Key: keys.decision(decision.partnershipId, decision.decisionId),
      UpdateExpression: "SET draft = :draft, draftSavedAt = :at",
      ConditionExpression: "#status = :open AND linkTokenHash = :h AND attribute_not_exists(retiredAt)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":draft": draft,
        ":at": at,
        ":h": decision.linkTokenHash,
        ":open": "open",
      },
    });
  }

  async markResumeFailed(
    decision: Pick<Decision, "partnershipId" | "decisionId">,
    at: string,
  ): Promise<void> {
    await this.updateIf({
      Key: keys.decision(decision.partnershipId, decision.decisionId),
      UpdateExpression: "SET resumeFailedAt = :at",
      ConditionExpression: "#status = :decided",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":at": at, ":decided": "decided" },
    });
  }

  noteResumeEnded(
    decision: Pick<Decision, "partnershipId" | "decisionId">,
    how: "resumed" | "window-closed",
    at: string,
  ): Promise<boolean> {
    return this.updateIf({
      Key: keys.decision(decision.partnershipId, decision.decisionId),
      UpdateExpression: `SET ${how === "resumed" ? "resumedAt" : "resumeWindowClosedAt"} = :at REMOVE gsi2pk, gsi2sk`,
      // Once: of two resumes at the same time, the engine refuses the one that loses, which must not be
      // noted beside the one that won.
      ConditionExpression:
        "#status = :decided AND attribute_not_exists(resumedAt) AND attribute_not_exists(resumeWindowClosedAt)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":at": at, ":decided": "decided" },
    });
  }

  async noteRecordFailed(
    decision: Pick<Decision, "partnershipId" | "decisionId">,
    at: string,
  ): Promise<void> {
    await this.updateIf({
      Key: keys.decision(decision.partnershipId, decision.decisionId),
      UpdateExpression: "SET recordFailedAt = :at",
      ConditionExpression: "#status = :decided AND attribute_not_exists(recordFailedAt)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":at": at, ":decided": "decided" },
    });
  }

  async setSchedule(
    partnershipId: string,
    kind: ScheduleKind,
    dueOn: string | undefined,
    at: string,
  ): Promise<void> {
    // An update either way: a removed schedule is an item out of the index (no DeleteItem in the bundles).
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.schedule(partnershipId, kind),
        ...(dueOn === undefined
          ? {
              UpdateExpression: "SET updatedAt = :at REMOVE dueOn, gsi2pk, gsi2sk",
              ExpressionAttributeValues: { ":at": at },
            }
          : {
              UpdateExpression:
                "SET itemType = :type, partnershipId = :id, kind = :kind, dueOn = :due, updatedAt = :at, gsi2pk = :gpk, gsi2sk = :gsk",
              ExpressionAttributeValues: {
                ":type": "schedule",
                ":id": partnershipId,
                ":kind": kind,
                ":due": dueOn,
                ":at": at,
                ":gpk": keys.dueSchedule(dueOn, partnershipId, kind).gsi2pk,
                ":gsk": keys.dueSchedule(dueOn, partnershipId, kind).gsi2sk,
              },
            }),
      }),
    );
  }

  async listDueSchedules(day: string, limit: number): Promise<DueSchedule[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEX.openDecisionsByDue,
        KeyConditionExpression: "gsi2pk = :pk AND gsi2sk <= :last",
        ExpressionAttributeValues: { ":pk": DUE_SCHEDULES, ":last": `${day}#\uffff` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({
      partnershipId: String(item.partnershipId),
      kind: item.kind as ScheduleKind,
      dueOn: String(item.dueOn),
    }));
  }

  clearSchedule(schedule: DueSchedule, at: string): Promise<boolean> {
    return this.updateIf({
      Key: keys.schedule(schedule.partnershipId, schedule.kind),
      UpdateExpression: "SET updatedAt = :at REMOVE dueOn, gsi2pk, gsi2sk",
      ConditionExpression: "dueOn = :due",
      ExpressionAttributeValues: { ":at": at, ":due": schedule.dueOn },
    });
  }

  async listUnresumedDecisions(limit: number): Promise<Decision[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEX.openDecisionsByDue,
        KeyConditionExpression: "gsi2pk = :pk",
        ExpressionAttributeValues: { ":pk": UNRESUMED_DECISIONS },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(toDecision);
  }

  async listOpenDecisions(limit: number): Promise<Decision[]> {
    const found: Decision[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEX.openDecisionsByDue,
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": OPEN_DECISIONS },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        const decision = toDecision(item);
        if (decision.status === "open" && !decision.retiredAt) found.push(decision);
      }
      start = out.LastEvaluatedKey;
    } while (start && found.length < limit);
    return found.slice(0, limit);
  }

  async closeDecision(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    result: DecisionResult,
  ): Promise<void> {
    const unresumed = keys.unresumedDecision(result.decidedAt, decision.partnershipId, decision.decisionId);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.decision(decision.partnershipId, decision.decisionId),
          UpdateExpression: `SET #status = :decided, outcome = :o, #comment = :c, decidedAt = :at, decidedBy = :by, resumeOutput = :out, gsi2pk = :upk, gsi2sk = :usk${
            result.resubmission ? ", resubmission = :resubmission" : ""
          }${result.details ? ", details = :details" : ""}${result.shown ? ", shown = :shown" : ""}${
            result.signedInAs ? ", signedInAs = :signedInAs" : ""
          } REMOVE draft, draftSavedAt, sealedLinkToken`,
          ConditionExpression: "#status = :open AND linkTokenHash = :h AND attribute_not_exists(retiredAt)",
          ExpressionAttributeNames: { "#status": "status", "#comment": "comment" },
          ExpressionAttributeValues: {
            ":decided": "decided",
            ":open": "open",
            ":h": decision.linkTokenHash,
            ":o": result.outcome,
            ":c": result.comment,
            ":at": result.decidedAt,
            ":by": result.decidedBy,
            ":out": result.resumeOutput,
            // Out of the open decisions, into those whose resume is not confirmed (noteResumeEnded takes it out).
            ":upk": unresumed.gsi2pk,
            ":usk": unresumed.gsi2sk,
            ...(result.resubmission ? { ":resubmission": result.resubmission } : {}),
            ...(result.details ? { ":details": result.details } : {}),
            ...(result.shown ? { ":shown": result.shown } : {}),
            ...(result.signedInAs ? { ":signedInAs": result.signedInAs } : {}),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new LinkUsedError("This decision has already been made", { cause: error });
      }
      throw error;
    }
  }

  private async get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item;
  }

  /** An update under a condition; false when the condition does not hold (nothing is written then). */
  private async updateIf(input: Omit<UpdateCommandInput, "TableName">): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Writes the item unless one with its key exists; true when this call wrote it. */
  private async putNew(item: Item): Promise<boolean> {
    try {
      await this.put(item, "attribute_not_exists(pk)");
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async put(item: Item, condition?: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ...(condition ? { ConditionExpression: condition } : {}),
      }),
    );
  }

  private queryAll(input: QueryInput): Promise<Item[]> {
    return queryAll(this.db, this.tableName, input);
  }

  private async batchGet(keyList: { pk: string; sk: string }[]): Promise<Item[]> {
    const items: Item[] = [];
    for (let i = 0; i < keyList.length; i += 100) {
      let pending: Record<string, unknown>[] = keyList.slice(i, i + 100);
      while (pending.length > 0) {
        const out = await this.db.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        items.push(...(out.Responses?.[this.tableName] ?? []));
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return items;
  }
}

/** The part of an update that moves the stage, only from `from`, and keeps the byStage index in step. */
/** No step's effects are still owed: a write that owes its own must not replace them. */
const NO_PENDING = "attribute_not_exists(pending)";

function stageMove(id: string, move: { from: Stage; to: Stage }, at: string) {
  const index = keys.byStage(move.to, at, id);
  return {
    set: "stage = :to, gsi1pk = :gpk, gsi1sk = :gsk",
    condition: "stage = :from",
    values: { ":to": move.to, ":from": move.from, ":gpk": index.gsi1pk, ":gsk": index.gsi1sk },
  };
}

/** A page's end as the next page's start: the index's last key, as an opaque string (the sweep's own). */
function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
}
