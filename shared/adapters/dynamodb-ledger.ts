/** The hash-chained ledger on DynamoDB: one item per event, seq in the sort key, conditional puts. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { canonicalJson } from "../domain/canonical-json.ts";
import { LedgerConflictError } from "../domain/errors.ts";
import { chainEvent, type EventDraft, type LedgerEvent } from "../domain/ledger.ts";
import { alreadyAppended } from "../domain/pending-effects.ts";
import type { Item } from "./dynamodb-items.ts";
import { keys } from "./dynamodb-keys.ts";
import { type QueryInput, queryAll } from "./dynamodb-query.ts";

const APPEND_ATTEMPTS = 8;

export function eventItem(event: LedgerEvent): Item {
  return {
    ...keys.event(event.partnershipId, event.seq),
    itemType: "event",
    seq: event.seq,
    type: event.type,
    at: event.at,
    hash: event.hash,
    body: canonicalJson(event),
  };
}

/** The key condition of a partnership's events, in seq order. */
function eventsOf(id: string): QueryInput {
  return {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": keys.partnership(id).pk, ":prefix": keys.eventPrefix },
  };
}

export function toEvent(item: Item): LedgerEvent {
  return JSON.parse(String(item.body)) as LedgerEvent;
}

export class DynamoDbLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Chains the drafts, in order, after the current head. A seq that another writer took first fails the
   * conditional put; then the head is read again and the drafts not yet written are chained after it.
   */
  async append(drafts: readonly EventDraft[], knownHead?: LedgerEvent): Promise<LedgerEvent[]> {
    const written: LedgerEvent[] = [];
    let refused: LedgerEvent | undefined;
    for (let attempt = 0; attempt < APPEND_ATTEMPTS && written.length < drafts.length; attempt++) {
      // A head the caller has just read saves the first read; if it is stale, the first put is refused.
      let head = attempt === 0 && knownHead ? knownHead : await this.head(drafts[0]?.partnershipId ?? "");
      // The SDK retries a put whose answer was lost; its retry is then refused by our own first write.
      if (refused && head?.hash === refused.hash) written.push(refused);
      refused = undefined;
      for (const draft of drafts.slice(written.length)) {
        const event = chainEvent(head, draft);
        if (!(await this.putNew(event))) {
          refused = event;
          break;
        }
        written.push(event);
        head = event;
      }
    }
    if (written.length < drafts.length) {
      throw new LedgerConflictError(`Could not append to the ledger of ${drafts[0]?.partnershipId}`);
    }
    return written;
  }

  /**
   * Appends those of the drafts the ledger does not already end with: an earlier attempt of the same write
   * may have appended some or all of them (see pending-effects.ts).
   */
  async appendOnce(drafts: readonly EventDraft[], knownTail?: readonly LedgerEvent[]): Promise<void> {
    const first = drafts[0];
    if (!first) return;
    const tail =
      knownTail && knownTail.length >= drafts.length ? knownTail : await this.tail(first, drafts.length);
    const done = alreadyAppended(tail, drafts);
    if (done < drafts.length) await this.append(drafts.slice(done), tail.at(-1));
  }

  /** Writes event 1 unless the ledger has begun; true when this call began it. */
  async begin(draft: EventDraft): Promise<boolean> {
    return this.putNew(chainEvent(undefined, draft));
  }

  async list(id: string): Promise<LedgerEvent[]> {
    const items = await queryAll(this.db, this.tableName, { ...eventsOf(id), ConsistentRead: true });
    return items.map(toEvent);
  }

  /** The ledger's last `count` events, in order. */
  private async tail(draft: EventDraft, count: number): Promise<LedgerEvent[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...eventsOf(draft.partnershipId),
        ScanIndexForward: false,
        Limit: count,
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(toEvent).reverse();
  }

  private async head(id: string): Promise<LedgerEvent | undefined> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...eventsOf(id),
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    return item ? toEvent(item) : undefined;
  }

  private async putNew(event: LedgerEvent): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: eventItem(event),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
