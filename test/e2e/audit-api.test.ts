/**
 * The audit API over HTTP through the local runtime, signed in with the staff tokens the first start prints: no
 * token or a wrong one is refused before any handler (401), an officer is refused (403), an auditor reads the
 * partnerships, a timeline (with its emails) and the check of a chain; an event edited or inserted in the
 * table, or the newest one removed, is named; a revoked token no longer signs in.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssuedToken } from "#infra/local/staff.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { createDocumentClient } from "#shared/adapters/dynamodb-repository.ts";
import { chainEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { Journey } from "./harness.ts";
import { toChecklist } from "./onboarding-steps.ts";

let journey: Journey;
let tokens: Record<string, IssuedToken>;
let db: ReturnType<typeof createDocumentClient>;

beforeAll(async () => {
  journey = await Journey.start();
  tokens = Object.fromEntries(journey.runtime.staff.seed().map((t) => [t.role, t]));
  db = createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb }));
});
afterAll(async () => {
  await journey?.stop();
});

const api = (path: string, token?: string) =>
  journey.fetch(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const auditor = () => tokens.auditor?.token ?? "";

interface TimelineAnswer {
  events: { seq: number; type: string }[];
}

/** The timeline once the checklist's email is recorded (EmailSent comes a moment after the email arrives). */
async function settledTimeline(id: string): Promise<TimelineAnswer> {
  for (let i = 0; ; i++) {
    const timeline = (await (await api(`/api/audit/partnerships/${id}`, auditor())).json()) as TimelineAnswer;
    if (timeline.events.at(-1)?.type === "EmailSent" || i === 50) return timeline;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the audit API through the local runtime", () => {
  it("refuses a request without a token or with a wrong one (401), and an officer's (403)", async () => {
    const none = await api("/api/audit/partnerships");
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: "Unauthorized" });
    expect((await api("/api/audit/partnerships", "A".repeat(43))).status).toBe(401);
    const officer = await api("/api/audit/partnerships", tokens.officer?.token);
    expect(officer.status).toBe(403);
  });

  it("lets an auditor and the lead read the partnerships, a timeline with its decisions, and the check", async () => {
    const intake = makeIntake({ organisation: { name: "Westend Audit Co-op" } });
    const { partnershipId } = await toChecklist(journey, intake);
    for (const token of [auditor(), tokens.lead?.token ?? ""]) {
      const list = await api("/api/audit/partnerships?stage=VETTING", token);
      expect(list.status).toBe(200);
      const { partnerships } = (await list.json()) as { partnerships: { id: string; stage: string }[] };
      expect(partnerships).toContainEqual(expect.objectContaining({ id: partnershipId, stage: "VETTING" }));
    }
    const timeline = (await (await api(`/api/audit/partnerships/${partnershipId}`, auditor())).json()) as {
      events: { seq: number; type: string; text: string }[];
      decisions: { kind: string; outcome: string; actor: string }[];
      emails: { template: string; recipients: { role: string; addressSha256: string }[] }[];
      verification: { ok: boolean };
    };
    // Its emails: to whom by role (and a hash of the address), which template; never the address.
    expect(timeline.emails.slice(0, 3).map((e) => [e.template, e.recipients.map((r) => r.role)])).toEqual([
      ["acknowledgement", ["partner"]],
      ["intake-review", ["officer"]],
      ["approved", ["partner"]],
    ]);
    expect(JSON.stringify(timeline.emails)).not.toMatch(/@/);
    expect(timeline.events[0]).toMatchObject({ seq: 1, type: "IntakeSubmitted" });
    expect(timeline.events.every((e) => e.text.length > 0)).toBe(true);
    expect(timeline.decisions).toContainEqual(
      expect.objectContaining({
        kind: "intake-review",
        outcome: "approve",
        actor: expect.stringMatching(/^officer:/),
      }),
    );
    expect(timeline.verification).toMatchObject({ ok: true });
    expect(await (await api(`/api/audit/partnerships/${partnershipId}/verify`, auditor())).json()).toEqual({
      ok: true,
    });
  });

  it("names an event edited in the table, and the newest event removed", async () => {
    const edited = (await toChecklist(journey, makeIntake({ organisation: { name: "Eastgate Tamper Ltd" } })))
      .partnershipId;
    const key = (id: string, seq: number) => ({
      pk: `PARTNERSHIP#${id}`,
      sk: `EVENT#${String(seq).padStart(9, "0")}`,
    });
    const item =
      (await db.send(new GetCommand({ TableName: "partnerflow", Key: key(edited, 2) }))).Item ?? {};
    const body = JSON.parse(String(item.body)) as { data: Record<string, unknown> };
    await db.send(
      new PutCommand({
        TableName: "partnerflow",
        Item: { ...item, body: JSON.stringify({ ...body, data: { ...body.data, alignmentScore: 10 } }) },
      }),
    );
    expect(await (await api(`/api/audit/partnerships/${edited}/verify`, auditor())).json()).toEqual({
      ok: false,
      firstBadSeq: 2,
      reason: "its content does not match its hash",
    });

    const cut = (await toChecklist(journey, makeIntake({ organisation: { name: "Northgate Tail Ltd" } })))
      .partnershipId;
    const newest = (await settledTimeline(cut)).events.at(-1)?.seq ?? 0;
    await db.send(new DeleteCommand({ TableName: "partnerflow", Key: key(cut, newest) }));
    expect(await (await api(`/api/audit/partnerships/${cut}/verify`, auditor())).json()).toEqual({
      ok: false,
      firstBadSeq: newest,
      reason: `the ledger ends at event ${newest - 1}, but its head was recorded at event ${newest}: the newest events are missing`,
    });
  });

  it("names an event inserted in the table: linked in after event 2, the later events moved up a seq", async () => {
    const id = (await toChecklist(journey, makeIntake({ organisation: { name: "Insertwell Ltd" } })))
      .partnershipId;
    const newest = (await settledTimeline(id)).events.at(-1)?.seq ?? 0;
    const key = (seq: number) => ({ pk: `PARTNERSHIP#${id}`, sk: `EVENT#${String(seq).padStart(9, "0")}` });
    const items: Record<string, unknown>[] = [];
    for (let seq = 1; seq <= newest; seq++)
      items.push((await db.send(new GetCommand({ TableName: "partnerflow", Key: key(seq) }))).Item ?? {});
    const events = items.map((item) => JSON.parse(String(item.body)) as LedgerEvent);
    // A forged event, properly chained after event 2, put in as event 3; every later one moved up, as stored.
    const forged = chainEvent(events[1], {
      partnershipId: id,
      at: events[1]?.at ?? "",
      actor: "officer:officer@example.org",
      type: "StageChanged",
      data: { from: "ASSESSING", to: "DECLINED" },
    });
    for (const [i, item] of items.entries()) {
      if (i < 2) continue;
      const moved = { ...events[i], seq: (events[i]?.seq ?? 0) + 1 };
      await db.send(
        new PutCommand({
          TableName: "partnerflow",
          Item: { ...item, ...key(moved.seq), seq: moved.seq, body: JSON.stringify(moved) },
        }),
      );
    }
    await db.send(new PutCommand({ TableName: "partnerflow", Item: eventItem(forged) }));
    expect(await (await api(`/api/audit/partnerships/${id}/verify`, auditor())).json()).toEqual({
      ok: false,
      firstBadSeq: 4,
      reason: "prevHash does not match the hash of the event before it",
    });
  });

  it("a revoked token no longer signs in", async () => {
    expect((await api("/api/audit/partnerships", auditor())).status).toBe(200);
    journey.runtime.staff.revoke("auditor@example.org");
    expect((await api("/api/audit/partnerships", auditor())).status).toBe(401);
  });
});
