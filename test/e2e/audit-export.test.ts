/**
 * The ledger's export through the local runtime: after two onboardings, an auditor's export (the API's, and the
 * console's download route) is a 303 to a short-lived link on the local S3; the file holds every event of every
 * partnership, and each partnership's lines re-verify with verifyLedger. A bad format is a 400 naming it; an
 * officer is refused.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssuedToken } from "#infra/local/staff.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { type LedgerEvent, verifyLedger } from "#shared/domain/ledger.ts";
import { signedInHeaders } from "../fixtures/console-sign-in.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { Journey } from "./harness.ts";
import { toChecklist } from "./onboarding-steps.ts";

let journey: Journey;
let tokens: Record<string, IssuedToken>;
let repository: DynamoDbPartnershipRepository;

beforeAll(async () => {
  journey = await Journey.start();
  tokens = Object.fromEntries(journey.runtime.staff.seed().map((t) => [t.role, t]));
  repository = new DynamoDbPartnershipRepository(
    createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
    "partnerflow",
  );
});
afterAll(async () => {
  await journey?.stop();
});

/** A signed-in GET: the API's with the bearer token, the console's with the session cookie /sign-in sets. */
const signedIn = async (path: string, token: string) =>
  journey.fetch(path, {
    headers: path.startsWith("/api/")
      ? { authorization: `Bearer ${token}` }
      : await signedInHeaders(journey, token),
  });
const auditor = () => tokens.auditor?.token ?? "";

/** Follows the export's 303 to the file on the local S3. */
async function download(answer: Response): Promise<string> {
  expect(answer.status).toBe(303);
  const location = answer.headers.get("location") ?? "";
  expect(location).toMatch(/\/exports\/ledger-.*X-Amz-Expires=300/);
  const file = await fetch(location);
  expect(file.status).toBe(200);
  return file.text();
}

/** Every event of each partnership, as the table has them now. */
async function ledgers(ids: readonly string[]): Promise<Map<string, LedgerEvent[]>> {
  return new Map(await Promise.all(ids.map(async (id) => [id, await repository.listEvents(id)] as const)));
}

describe("the ledger's export through the local runtime", () => {
  it("holds every event of every partnership, each partnership's lines re-verifying; as JSON Lines and as CSV", async () => {
    const ids: string[] = [];
    for (const name of ["Exportvale Robotics", "Exportfield Library Friends"])
      ids.push((await toChecklist(journey, makeIntake({ organisation: { name } }))).partnershipId);
    // The checklist's email is recorded a moment after it arrives: wait for the ledgers to settle.
    let before = await ledgers(ids);
    for (let i = 0; i < 50 && [...before.values()].some((l) => l.at(-1)?.type !== "EmailSent"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      before = await ledgers(ids);
    }

    const lines = (await download(await signedIn("/api/audit/export?format=jsonl", auditor())))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as LedgerEvent);
    for (const id of ids) {
      const mine = lines.filter((e) => e.partnershipId === id);
      expect(mine, id).toEqual(before.get(id));
      expect(verifyLedger(mine)).toMatchObject({ ok: true, count: before.get(id)?.length });
      expect(mine.map((e) => e.type)).toContain("EmailSent");
    }
    // Every partnership on file (the other tests' too), each whole, in order of their ids.
    const exportedIds = [...new Set(lines.map((e) => e.partnershipId))];
    expect(exportedIds).toEqual([...exportedIds].sort());
    expect(exportedIds).toEqual(expect.arrayContaining(ids));

    // The console's download: the same export as CSV, for the lead too.
    const csv = await download(await signedIn("/console/export?format=csv", tokens.lead?.token ?? ""));
    const rows = csv.split("\r\n").filter(Boolean);
    expect(rows[0]).toBe("partnershipId,seq,time,type,actor,step,hash,prevHash,data");
    for (const id of ids) {
      const events = before.get(id) ?? [];
      expect(
        rows.filter((r) => r.startsWith(`${id},`)).map((r) => r.split(",").slice(0, 2).join(",")),
      ).toEqual(events.map((e) => `${id},${e.seq}`));
    }
  }, 60_000);

  it("refuses a bad format with a 400 naming it, and an officer with a 403", async () => {
    const bad = await signedIn("/api/audit/export?format=xml", auditor());
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [expect.objectContaining({ field: "format" })] });
    const page = await signedIn("/console/export", auditor());
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect((await signedIn("/api/audit/export?format=csv", tokens.officer?.token ?? "")).status).toBe(403);
    expect((await journey.fetch("/api/audit/export?format=csv")).status).toBe(401);
  });
});
