/** The hash-chained ledger on DynamoDB: one item per event, seq in the sort key, conditional puts. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { canonicalJson } from "../domain/canonical-json.ts";
import { LedgerConflictError } from "../domain/errors.ts";
import { chainEvent, type EventDraft, type LedgerEvent } from "../domain/ledger.ts";
import { missingDrafts } from "../domain/pending-effects.ts";
import { errorName, log } from "../http/log.ts";
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
   * conditional put; then the head is read again and the drafts not yet written are chained after it. With
   * `begun`, a ledger with no event yet is left as it is: nothing is written, and nothing returned.
   */
  async append(drafts: readonly EventDraft[], options: { begun?: boolean } = {}): Promise<LedgerEvent[]> {
    const written: LedgerEvent[] = [];
    let refused: LedgerEvent | undefined;
    for (let attempt = 0; attempt < APPEND_ATTEMPTS && written.length < drafts.length; attempt++) {
      let head = await this.head(drafts[0]?.partnershipId ?? "");
      if (options.begun && !head) return [];
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
    await this.anchor(written.at(-1));
    return written;
  }

  /**
   * Appends those of the drafts that are not in the ledger since event `afterSeq` (see pending-effects.ts):
   * an earlier attempt, or one running at the same time, may have appended some. `head`, when the caller has
   * just read it as event `afterSeq`, saves the first read; when another writer has appended since, the put
   * is refused and the events since `afterSeq` are read, and the drafts compared, again.
   */
  async appendOnce(drafts: readonly EventDraft[], afterSeq: number, head?: LedgerEvent): Promise<void> {
    const id = drafts[0]?.partnershipId;
    if (!id) return;
    let since: readonly LedgerEvent[] | undefined = head?.seq === afterSeq ? [head] : undefined;
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      since ??= await this.from(id, afterSeq);
      let last = since.at(-1);
      let refused = false;
      let appended: LedgerEvent | undefined;
      for (const draft of missingDrafts(since, drafts)) {
        const event = chainEvent(last, draft);
        if (!(await this.putNew(event))) {
          refused = true;
          break;
        }
        last = event;
        appended = event;
      }
      await this.anchor(appended);
      if (!refused) return;
      since = undefined;
    }
    throw new LedgerConflictError(`Could not append to the ledger of ${id}`);
  }

  /** Writes event 1 unless the ledger has begun; true when this call began it. */
  async begin(draft: EventDraft): Promise<boolean> {
    const first = chainEvent(undefined, draft);
    if (!(await this.putNew(first))) return false;
    await this.anchor(first);
    return true;
  }

  /**
   * Writes the ledger's head (seq and hash) on the partnership's META item, so that the newest events cannot be
   * removed unseen: the chain alone cannot show that its tail is gone. Only forward (a writer that appended
   * further has anchored a later head), and only on a partnership that exists (its META is written first).
   * One write per append, not per event.
   */
  private async anchor(event: LedgerEvent | undefined): Promise<void> {
    if (!event) return;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.partnership(event.partnershipId),
          UpdateExpression: "SET headSeq = :seq, headHash = :hash",
          ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(headSeq) OR headSeq < :seq)",
          ExpressionAttributeValues: { ":seq": event.seq, ":hash": event.hash },
        }),
      );
    } catch (error) {
      // Refused: a later head is anchored, or there is no partnership yet. Failed otherwise (throttled, say):
      // the events are written, and a head that lags behind its chain verifies; the next append anchors it.
      if (!(error instanceof ConditionalCheckFailedException))
        log("warn", "ledger head not anchored", {
          partnershipId: event.partnershipId,
          error: errorName(error),
        });
    }
  }

  async list(id: string): Promise<LedgerEvent[]> {
    const items = await queryAll(this.db, this.tableName, { ...eventsOf(id), ConsistentRead: true });
    return items.map(toEvent);
  }

  /** Event `seq` (none for 0) and every event after it, in order. */
  private async from(id: string, seq: number): Promise<LedgerEvent[]> {
    const items = await queryAll(this.db, this.tableName, {
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":pk": keys.partnership(id).pk,
        ":from": keys.event(id, seq).sk,
        ":to": keys.event(id, 999_999_999).sk,
      },
      ConsistentRead: true,
    });
    return items.map(toEvent);
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
