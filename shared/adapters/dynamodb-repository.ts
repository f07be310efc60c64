/** PartnershipRepository on one DynamoDB table (dynalite locally): conditional writes, no transactions. */
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { normaliseOrganisationName, type PartnerSummary, webDomain } from "../domain/assessment.ts";
import type { Assessment } from "../domain/assessment-types.ts";
import { canonicalJson } from "../domain/canonical-json.ts";
import { LedgerConflictError, LinkUsedError, PartnershipNotFoundError } from "../domain/errors.ts";
import { chainEvent, type EventDraft, type LedgerEvent } from "../domain/ledger.ts";
import type { Stage } from "../domain/lifecycle.ts";
import type { Decision, Link, Partnership } from "../domain/partnership.ts";
import type { IdempotencyRecord, PartnershipRepository } from "../ports/partnership-repository.ts";
import type { Intake } from "../schemas/intake.ts";
import { INDEX, keys, partnershipIdFromKey } from "./dynamodb-keys.ts";

/** Stages whose partners count as "active" for the gap and overlap check. */
export const OVERLAP_STAGES: readonly Stage[] = [
  "VETTING",
  "CONFIRMING_AUTHORITY",
  "SIGNING",
  "ACTIVE",
  "IN_REVIEW",
];
const APPEND_ATTEMPTS = 8;

type Item = Record<string, unknown>;

export function createDocumentClient(client = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export class DynamoDbPartnershipRepository implements PartnershipRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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

  async createPartnership(p: Partnership): Promise<boolean> {
    const normalisedName = normaliseOrganisationName(p.organisationName);
    const domain = webDomain(p.website);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.partnership(p.id),
            ...keys.byStage(p.stage, p.updatedAt, p.id),
            itemType: "partnership",
            ...p,
            normalisedName,
            webDomain: domain,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    // Lookup items for duplicate detection; written after the partnership so they never point at nothing.
    await this.put({ ...keys.orgName(normalisedName, p.id), partnershipId: p.id });
    if (domain) await this.put({ ...keys.domain(domain, p.id), partnershipId: p.id });
    return true;
  }

  async getPartnership(id: string): Promise<Partnership | undefined> {
    const item = await this.get(keys.partnership(id));
    return item ? toPartnership(item) : undefined;
  }

  async findPartnerSummaries(match: {
    normalisedName: string;
    webDomain?: string | undefined;
  }): Promise<PartnerSummary[]> {
    const byId = new Map<string, PartnerSummary>();
    for (const stage of OVERLAP_STAGES) {
      for (const item of await this.queryAll({
        IndexName: INDEX.byStage,
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": `STAGE#${stage}` },
      })) {
        byId.set(String(item.id), toSummary(item));
      }
    }
    const lookups = [keys.orgName(match.normalisedName, "").pk];
    if (match.webDomain) lookups.push(keys.domain(match.webDomain, "").pk);
    const ids = new Set<string>();
    for (const pk of lookups) {
      for (const item of await this.queryAll({
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk },
      })) {
        const id = partnershipIdFromKey(String(item.sk));
        if (!byId.has(id)) ids.add(id);
      }
    }
    for (const item of await this.batchGet([...ids].map((id) => keys.partnership(id)))) {
      byId.set(String(item.id), toSummary(item));
    }
    return [...byId.values()];
  }

  async updateStage(id: string, from: Stage, to: Stage, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.partnership(id),
          UpdateExpression:
            "SET stage = :to, updatedAt = :at, gsi1pk = :gpk, gsi1sk = :gsk REMOVE waitingFor",
          ConditionExpression: "stage = :from",
          ExpressionAttributeValues: {
            ":to": to,
            ":from": from,
            ":at": at,
            ":gpk": keys.byStage(to, at, id).gsi1pk,
            ":gsk": keys.byStage(to, at, id).gsi1sk,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async saveAssessment(id: string, assessment: Assessment, round: number, at: string): Promise<void> {
    await this.updateExisting(id, "SET assessment = :a, assessmentRound = :r, updatedAt = :at", {
      ":a": assessment,
      ":r": round,
      ":at": at,
    });
  }

  async replaceIntake(id: string, intake: Intake, expectedVersion: number, at: string): Promise<void> {
    try {
      await this.replaceIntakeIfVersion(id, intake, expectedVersion, at);
    } catch (error) {
      // Someone already replaced this version: the resubmission link was used by a concurrent post.
      if (error instanceof ConditionalCheckFailedException) {
        throw new LinkUsedError("These answers were already updated", { cause: error });
      }
      throw error;
    }
  }

  private async replaceIntakeIfVersion(id: string, intake: Intake, expectedVersion: number, at: string) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.partnership(id),
        UpdateExpression:
          "SET intake = :i, intakeVersion = :next, organisationName = :n, website = :w, updatedAt = :at",
        ConditionExpression: "intakeVersion = :v",
        ExpressionAttributeValues: {
          ":i": intake,
          ":v": expectedVersion,
          ":next": expectedVersion + 1,
          ":n": intake.organisation.name,
          ":w": intake.organisation.website ?? null,
          ":at": at,
        },
      }),
    );
  }

  async setWaitingFor(id: string, waitingFor: Partnership["waitingFor"], at: string): Promise<void> {
    await this.updateExisting(id, "SET waitingFor = :w, updatedAt = :at", {
      ":w": waitingFor ?? null,
      ":at": at,
    });
  }

  async markOnce(id: string, marker: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.partnership(id),
          UpdateExpression: "SET #m = :at",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#m)",
          ExpressionAttributeNames: { "#m": `once_${marker}` },
          ExpressionAttributeValues: { ":at": at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async appendEvent(draft: EventDraft): Promise<LedgerEvent> {
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      const head = await this.headEvent(draft.partnershipId);
      const event = chainEvent(head, draft);
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...keys.event(event.partnershipId, event.seq),
              itemType: "event",
              seq: event.seq,
              type: event.type,
              at: event.at,
              hash: event.hash,
              body: canonicalJson(event),
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
        return event;
      } catch (error) {
        // Another writer took this seq: re-read the head and chain after it.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new LedgerConflictError(`Could not append to the ledger of ${draft.partnershipId}`);
  }

  async listEvents(id: string): Promise<LedgerEvent[]> {
    const items = await this.queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.partnership(id).pk, ":prefix": keys.eventPrefix },
    });
    return items.map((item) => JSON.parse(String(item.body)) as LedgerEvent);
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

  async putDecision(decision: Decision): Promise<void> {
    await this.put(
      {
        ...keys.decision(decision.partnershipId, decision.decisionId),
        ...keys.openDecision(decision.dueAt, decision.partnershipId, decision.decisionId),
        itemType: "decision",
        ...decision,
      },
      "attribute_not_exists(pk)",
    );
  }

  async getDecision(partnershipId: string, decisionId: string): Promise<Decision | undefined> {
    const item = await this.get(keys.decision(partnershipId, decisionId));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, itemType: _type, gsi2pk: _g, gsi2sk: _s, ...decision } = item;
    return decision as unknown as Decision;
  }

  async closeDecision(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    result: { outcome: string; comment: string; decidedAt: string; decidedBy: string },
  ): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.decision(decision.partnershipId, decision.decisionId),
          UpdateExpression:
            "SET #status = :decided, outcome = :o, #comment = :c, decidedAt = :at, decidedBy = :by REMOVE gsi2pk, gsi2sk",
          ConditionExpression: "#status = :open AND linkTokenHash = :h",
          ExpressionAttributeNames: { "#status": "status", "#comment": "comment" },
          ExpressionAttributeValues: {
            ":decided": "decided",
            ":open": "open",
            ":h": decision.linkTokenHash,
            ":o": result.outcome,
            ":c": result.comment,
            ":at": result.decidedAt,
            ":by": result.decidedBy,
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

  private async headEvent(id: string): Promise<LedgerEvent | undefined> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.partnership(id).pk, ":prefix": keys.eventPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    return item ? (JSON.parse(String(item.body)) as LedgerEvent) : undefined;
  }

  private async updateExisting(id: string, expression: string, values: Item): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.partnership(id),
          UpdateExpression: expression,
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new PartnershipNotFoundError(`No partnership ${id}`, { cause: error });
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

  private async put(item: Item, condition?: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ...(condition ? { ConditionExpression: condition } : {}),
      }),
    );
  }

  private async queryAll(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], "TableName">,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async batchGet(keyList: { pk: string; sk: string }[]): Promise<Item[]> {
    const items: Item[] = [];
    for (let i = 0; i < keyList.length; i += 100) {
      let pending: Record<string, unknown>[] = keyList.slice(i, i + 100);
      while (pending.length > 0) {
        const out = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
        );
        items.push(...(out.Responses?.[this.tableName] ?? []));
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return items;
  }
}

function toPartnership(item: Item): Partnership {
  const {
    pk: _pk,
    sk: _sk,
    itemType: _type,
    gsi1pk: _g,
    gsi1sk: _s,
    normalisedName: _n,
    webDomain: _d,
    ...rest
  } = item;
  const p = rest as unknown as Partnership & { website?: string | null; waitingFor?: string | null };
  return {
    ...p,
    website: p.website ?? undefined,
    waitingFor: (p.waitingFor ?? undefined) as Partnership["waitingFor"],
  };
}

function toSummary(item: Item): PartnerSummary {
  const p = toPartnership(item);
  return {
    partnershipId: p.id,
    organisationName: p.organisationName,
    website: p.website,
    stage: p.stage,
    contributionTypes: p.intake.contributionTypes,
    audiences: p.intake.audiences,
  };
}
