/**
 * A completed onboarding exported as an audit packet and verified offline by the CLI (npx partnerflow verify),
 * with the packet's key and with the key the auditor already holds; a packet edited after export, a key that
 * is not the office's, and one edit to the table each make it fail, naming what.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "#infra/tools/partnerflow-cli.ts";
import { createDocumentClient } from "#shared/adapters/dynamodb-repository.ts";
import type { AuditPacket } from "#shared/domain/audit-packet.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { Journey } from "./harness.ts";
import { signedToActive, toSigning } from "./onboarding-steps.ts";

let journey: Journey;
let token = "";
let dir: string;

beforeAll(async () => {
  journey = await Journey.start();
  token = journey.runtime.staff.seed().find((t) => t.role === "auditor")?.token ?? "";
  dir = mkdtempSync(join(tmpdir(), "partnerflow-packet-"));
});
afterAll(async () => {
  await journey?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) =>
  (await journey.fetch(path, { headers: { authorization: `Bearer ${token}` } })).json();

function verify(packet: unknown, ...args: string[]): { code: number; out: string } {
  const file = join(dir, `packet-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(packet));
  const lines: string[] = [];
  const code = run(["verify", file, ...args], (line) => lines.push(line));
  return { code, out: lines.join("\n") };
}

describe("the audit packet, verified offline", () => {
  it("verifies a completed onboarding's packet; fails an edited packet, a wrong key and an edited table, naming what", async () => {
    const intake = makeIntake({ organisation: { name: "Packet Partners Ltd" } });
    const { partnershipId, sign } = await toSigning(journey, intake);
    expect(await signedToActive(journey, intake, sign, partnershipId)).toBe("SUCCEEDED");
    expect(await journey.runtime.scheduler.run("make-checkpoint")).toMatchObject({ ok: true });

    const packet = (await get(`/api/audit/partnerships/${partnershipId}/packet`)) as AuditPacket;
    expect(packet.documents.map((d) => d.kind).sort()).toEqual([
      "agreement",
      "certificate",
      "certificate-pdf",
    ]);
    const ok = verify(packet);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(
      /^OK: partnership .*: \d+ events, chain verified to event \d+; in checkpoint 1 to event \d+, signature checked with the packet's key/,
    );

    // The auditor's own copy of the office's key, from the checkpoint list.
    const { publicKey } = (await get("/api/audit/checkpoints")) as { publicKey: { pem: string } };
    const known = join(dir, "office.pem");
    writeFileSync(known, publicKey.pem);
    expect(verify(packet, "--key", known).out).toContain("signature checked with the key given");
    const stranger = join(dir, "stranger.pem");
    writeFileSync(
      stranger,
      String(generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" })),
    );
    expect(verify(packet, "--key", stranger)).toEqual({
      code: 1,
      out: "FAILED: checkpoint 1: its signature does not check out with the key given",
    });

    // Edited after export: an event's words changed.
    const edited = structuredClone(packet) as unknown as {
      events: { seq: number; data: Record<string, unknown> }[];
    };
    const third = edited.events[2];
    if (third) third.data = { ...third.data, comment: "changed" };
    expect(verify(edited)).toEqual({ code: 1, out: "FAILED: event 3: its content does not match its hash" });

    // With its documents inline: the agreement's and the certificate's PDFs, each checked against the ledger's
    // hash; one edited after export is named.
    const inline = (await get(
      `/api/audit/partnerships/${partnershipId}/packet?documents=inline`,
    )) as AuditPacket;
    expect(
      inline.documents
        .filter((d) => d.content !== undefined)
        .map((d) => d.kind)
        .sort(),
    ).toEqual(["agreement", "certificate-pdf"]);
    const withDocuments = verify(inline);
    expect(withDocuments).toMatchObject({ code: 0 });
    expect(withDocuments.out).toContain(
      "3 documents named, 2 inline with their SHA-256 checked against the ledger",
    );
    const agreement = inline.documents.find((d) => d.kind === "agreement");
    const pdf = Buffer.from(agreement?.content ?? "", "base64");
    pdf[pdf.length - 2] = (pdf[pdf.length - 2] ?? 0) ^ 1;
    const doctored = {
      ...inline,
      documents: inline.documents.map((d) =>
        d === agreement ? { ...d, content: pdf.toString("base64") } : d,
      ),
    };
    expect(verify(doctored)).toEqual({
      code: 1,
      out: expect.stringMatching(
        new RegExp(
          `^FAILED: document agreement v1 ${agreement?.sha256}: its content has SHA-256 [0-9a-f]{64}, not the one the ledger records$`,
        ),
      ),
    });

    // One edit to the table: the API and a new packet both name the event.
    const db = createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb }));
    const key = { pk: `PARTNERSHIP#${partnershipId}`, sk: "EVENT#000000004" };
    const item = (await db.send(new GetCommand({ TableName: "partnerflow", Key: key }))).Item ?? {};
    const body = JSON.parse(String(item.body)) as { data: Record<string, unknown> };
    await db.send(
      new PutCommand({
        TableName: "partnerflow",
        Item: { ...item, body: JSON.stringify({ ...body, data: { ...body.data, alignmentScore: 10 } }) },
      }),
    );
    expect(await get(`/api/audit/partnerships/${partnershipId}/verify`)).toEqual({
      ok: false,
      firstBadSeq: 4,
      reason: "its content does not match its hash",
    });
    const after = (await get(`/api/audit/partnerships/${partnershipId}/packet`)) as AuditPacket;
    expect(verify(after)).toEqual({ code: 1, out: "FAILED: event 4: its content does not match its hash" });
  }, 60_000);
});
