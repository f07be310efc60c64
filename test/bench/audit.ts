/**
 * The auditor's operations through the local runtime (issue 12): verifying one partnership's chain (the ledger of
 * a real onboarding to ACTIVE, made by the bench's onboarding journey), an export of 10,000 events, and a
 * checkpoint over 1,000 partnerships. The table is filled with that onboarding's ledger, chained again under new
 * partnership ids, written straight to the table (not through the workflow, which would take an hour); then each
 * operation is timed and metered: its DynamoDB and S3 requests, and what they cost at list prices.
 */

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { partnershipItem as metaItem } from "#shared/adapters/dynamodb-items.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { newId } from "#shared/domain/ids.ts";
import { chainEvent, type LedgerEvent, verifyAnchored } from "#shared/domain/ledger.ts";
import type { Partnership } from "#shared/domain/partnership.ts";
import { Journey } from "../e2e/harness.ts";
import { dynamodbTotals, journeyCost } from "./cost.ts";
import { ONBOARD } from "./journey-definitions.ts";
import { settled, staffOf } from "./journey-steps.ts";
import { percentile } from "./journeys.ts";
import { info, type Row } from "./table.ts";

const TABLE = "partnerflow";
/** The export's and the checkpoint's sizes, as issue 12 names them. */
export const EXPORT_EVENTS = 10_000;
export const CHECKPOINT_PARTNERSHIPS = 1_000;

/** A partnership's copy of the template ledger: the same events, chained under its own id. */
function copyOf(template: readonly LedgerEvent[], id: string, count = template.length): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const { seq: _seq, prevHash: _prev, hash: _hash, ...draft } of template.slice(0, count))
    events.push(chainEvent(events.at(-1), { ...draft, partnershipId: id }));
  return events;
}

/** Writes a partnership's META (with its head anchored) and its ledger straight to the table. */
async function seed(
  db: ReturnType<typeof createDocumentClient>,
  partnership: Partnership,
  events: readonly LedgerEvent[],
): Promise<void> {
  const head = events.at(-1);
  await db.send(
    new PutCommand({
      TableName: TABLE,
      Item: { ...metaItem(partnership), ...(head ? { headSeq: head.seq, headHash: head.hash } : {}) },
    }),
  );
  for (let i = 0; i < events.length; i += 25)
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [TABLE]: events.slice(i, i + 25).map((e) => ({ PutRequest: { Item: eventItem(e) } })),
        },
      }),
    );
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const usd = (value: number) => `$${value.toPrecision(2)}`;

export async function measureAudit(): Promise<{ rows: Row[]; notes: string[] }> {
  process.env.PARTNERFLOW_METER = "1";
  const journey = await Journey.start();
  delete process.env.PARTNERFLOW_METER;
  const ctx = { journey, officers: staffOf(process.env) };
  try {
    await journey.runtime.scheduler.stop();
    const meter = journey.runtime.meter;
    if (!meter) throw new Error("the runtime started without its usage meter");
    const context = {
      memoryMb: Object.fromEntries(journey.runtime.model.functions.map((f) => [f.name, f.memoryMb])),
    };
    const auditor = journey.runtime.staff.seed().find((t) => t.role === "auditor")?.token ?? "";
    const get = (path: string) => journey.fetch(path, { headers: { authorization: `Bearer ${auditor}` } });
    const db = createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb }));
    const repository = new DynamoDbPartnershipRepository(db, TABLE);

    // One real onboarding to ACTIVE: its ledger is the realistic chain.
    await ONBOARD.run(ctx, `audit ${Date.now()}`);
    await settled(ctx);
    const [active] = await repository.listAtStage("ACTIVE");
    if (!active) throw new Error("the onboarding journey did not end ACTIVE");
    const template = await repository.listEvents(active.id);
    const rows: Row[] = [];

    // Verifying one chain: the API's check (two reads: the head, the ledger), and the check alone in process.
    const verifyPath = `/api/audit/partnerships/${active.id}/verify`;
    await get(verifyPath);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const answer = await get(verifyPath);
      await answer.text();
      times.push(performance.now() - started);
    }
    const { usage: verifyUsage } = await meter.measure(async () => (await get(verifyPath)).text());
    const verifyDb = dynamodbTotals(verifyUsage);
    const head = await repository.getLedgerHead(active.id);
    const inProcess: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      verifyAnchored(template, head);
      inProcess.push(performance.now() - started);
    }
    rows.push(
      info(
        `verify one chain over the API (${template.length} events, an onboarding to ACTIVE), p50`,
        `${ms(percentile(times, 50))} (${verifyDb.reads} DynamoDB reads, ${verifyDb.readUnits} RCU, ${usd(journeyCost(verifyUsage, context).totalUsd)})`,
      ),
      info("verify one chain in process (verifyAnchored), p50", ms(percentile(inProcess, 50))),
    );

    // The table filled with copies of that ledger: up to 10,000 events for the export, then up to 1,000
    // partnerships for the checkpoint.
    const started = performance.now();
    const heads = await repository.listLedgerHeads();
    let events = heads.reduce((sum, h) => sum + h.seq, 0);
    let partnerships = heads.length;
    const add = async (count: number) => {
      const id = newId(new Date());
      await seed(db, { ...active, id, stage: "ACTIVE" }, copyOf(template, id, count));
      partnerships++;
      events += count;
    };
    while (events < EXPORT_EVENTS) await add(Math.min(template.length, EXPORT_EVENTS - events));
    let seededMs = performance.now() - started;
    rows.push(...(await exportRows(get, meter, context)));
    const more = performance.now();
    while (partnerships < CHECKPOINT_PARTNERSHIPS) await add(template.length);
    seededMs += performance.now() - more;
    const seededSeconds = seededMs / 1000;

    // The checkpoint: the first signs; the next, as each day's, checks every chain against it, then signs.
    await journey.runtime.lambda.invoke("make-checkpoint", {});
    const before = await meter.measure(async () => {
      const t = performance.now();
      const report = await journey.runtime.lambda.invoke("make-checkpoint", {});
      return { report, ms: performance.now() - t };
    });
    const checkpointDb = dynamodbTotals(before.usage);
    const report = before.result.report as { ok?: boolean; checked?: number } | undefined;
    if (!report?.ok) throw new Error("the checkpoint over the seeded table failed");
    rows.push(
      info(
        `checkpoint over ${report.checked} partnerships (${events} events), each chain read and checked`,
        `${(before.result.ms / 1000).toFixed(2)} s (${checkpointDb.reads} DynamoDB reads, ${Math.round(checkpointDb.readUnits)} RCU, ${usd(journeyCost(before.usage, context).totalUsd)})`,
      ),
    );
    return {
      rows,
      notes: [
        `audit: the table was filled with ${partnerships} copies of a real onboarding's ledger (${template.length} events each, re-chained under new ids) in ${seededSeconds.toFixed(1)} s, written straight to the table; the times are the local runtime's (dynalite, s3rver), the request counts are what AWS would bill; the checkpoint's cost leaves out KMS Sign and the S3 put of the checkpoint on AWS.`,
      ],
    };
  } finally {
    await journey.stop();
  }
}

/** The export of every event, as JSON Lines and as CSV: the request and the download of the file it links to. */
async function exportRows(
  get: (path: string) => Promise<Response>,
  meter: NonNullable<Journey["runtime"]["meter"]>,
  context: { memoryMb: Record<string, number> },
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const format of ["jsonl", "csv"] as const) {
    const { result, usage } = await meter.measure(async () => {
      const t = performance.now();
      const answer = await get(`/api/audit/export?format=${format}`);
      const body = (await answer.json()) as { events: number; bytes: number };
      const file = await fetch(answer.headers.get("location") ?? "");
      await file.arrayBuffer();
      return { ms: performance.now() - t, ...body };
    });
    const db = dynamodbTotals(usage);
    const s3 = Object.entries(usage.s3)
      .map(([op, n]) => `${n} ${op}`)
      .join(", ");
    rows.push(
      info(
        `export ${result.events} events as ${format} (${(result.bytes / 1e6).toFixed(1)} MB), to S3 and downloaded`,
        `${(result.ms / 1000).toFixed(2)} s (${db.reads} DynamoDB reads, ${Math.round(db.readUnits)} RCU; S3 ${s3}; ${usd(journeyCost(usage, context).totalUsd)})`,
      ),
    );
  }
  return rows;
}
