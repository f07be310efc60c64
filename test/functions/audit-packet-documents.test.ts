/**
 * The audit packet's documents on mocked DynamoDB and S3: by hash by default; `?documents=inline` carries each
 * stored document's bytes (base64), which the offline verifier checks against the ledger; a packet over the 6 MB
 * an answer can carry is refused (422) pointing to each document's route; a bad `documents` is a 400 naming it;
 * a document is opened by its hash through a short link, and only one the ledger names.
 */

import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/audit-api/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { type AuditPacket, verifyPacket } from "#shared/domain/audit-packet.ts";
import { chainEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import { sha256Hex } from "#shared/domain/sha256.ts";
import type { HttpEvent } from "#shared/http/http-handler.ts";
import { httpEvent, lambdaContext } from "../fixtures/http-event.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const P = "01KAW0000000000000000000PP";
const pdf = new TextEncoder().encode("%PDF-1.7 the agreement");
const pdfSha = sha256Hex(pdf);

function ledger(): LedgerEvent[] {
  const first = chainEvent(undefined, {
    partnershipId: P,
    at: "2026-12-06T09:00:00.000Z",
    actor: "system:workflow",
    type: "AgreementIssued",
    data: { version: 1, sha256: pdfSha, templateVersion: "t1" },
  });
  return [first];
}

const auditor = (event: HttpEvent): HttpEvent => ({
  ...event,
  requestContext: {
    ...event.requestContext,
    authorizer: {
      jwt: { claims: { sub: "u1", email: "a@example.org", "cognito:groups": "[auditors]" }, scopes: null },
    },
  } as HttpEvent["requestContext"],
});

const get = (routeKey: string, pathParameters: Record<string, string>, query?: Record<string, string>) =>
  handler(
    auditor({
      ...httpEvent(routeKey, { pathParameters }),
      ...(query ? { queryStringParameters: query } : {}),
    }),
    lambdaContext,
  ) as Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;

const PACKET = "GET /api/audit/partnerships/{id}/packet";

function givenLedger(events: LedgerEvent[], stored: Uint8Array | undefined) {
  const head = events.at(-1);
  ddb.on(GetCommand).resolves({ Item: partnershipItem(P, { headSeq: head?.seq, headHash: head?.hash }) });
  ddb.on(QueryCommand).resolves({ Items: [partnershipItem(P), ...events.map(eventItem)] });
  ddb.on(QueryCommand, { KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)" }).resolves({
    Items: events.map(eventItem),
  });
  s3.on(ListObjectsV2Command).resolves({ Contents: [] });
  const key = { Key: `agreements/${P}/v1-${pdfSha}.pdf` };
  if (stored)
    s3.on(GetObjectCommand, key).resolves({ Body: { transformToByteArray: async () => stored } as never });
  else s3.on(GetObjectCommand, key).rejects(new NoSuchKey({ message: "no such key", $metadata: {} }));
}

describe("the audit packet's documents", () => {
  beforeEach(() => {
    ddb.reset();
    s3.reset();
  });

  it("lists them by hash, and with documents=inline carries their bytes, which the verifier checks", async () => {
    givenLedger(ledger(), pdf);
    const byHash = await get(PACKET, { id: P });
    expect(byHash.statusCode).toBe(200);
    expect((JSON.parse(byHash.body) as AuditPacket).documents).toEqual([
      { kind: "agreement", sha256: pdfSha, version: 1 },
    ]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);

    const inline = await get(PACKET, { id: P }, { documents: "inline" });
    expect(inline.statusCode).toBe(200);
    const packet = JSON.parse(inline.body) as AuditPacket;
    expect(packet.documents).toEqual([
      { kind: "agreement", sha256: pdfSha, version: 1, content: Buffer.from(pdf).toString("base64") },
    ]);
    expect(verifyPacket(packet)).toMatchObject({ ok: true, documents: 1, inline: 1 });
  });

  it("refuses a packet over 6 MB with a 422 that names each document's route; a missing one is a 409", async () => {
    givenLedger(ledger(), new Uint8Array(4_600_000));
    const big = await get(PACKET, { id: P }, { documents: "inline" });
    expect(big.statusCode).toBe(422);
    expect(JSON.parse(big.body)).toEqual({
      message: expect.stringMatching(
        new RegExp(
          `over the 6 MB .*without documents=inline.*/api/audit/partnerships/${P}/documents/\\{sha256\\}`,
        ),
      ),
      documents: [{ kind: "agreement", sha256: pdfSha, version: 1 }],
    });
    s3.reset();
    givenLedger(ledger(), undefined);
    const missing = await get(PACKET, { id: P }, { documents: "inline" });
    expect(missing.statusCode).toBe(409);
    expect(JSON.parse(missing.body).message).toContain(pdfSha);
  });

  it("answers a bad documents value with a 400 naming it", async () => {
    const bad = await get(PACKET, { id: P }, { documents: "all" });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ errors: [expect.objectContaining({ field: "documents" })] });
    expect(ddb.calls()).toHaveLength(0);
  });

  it("opens a document the ledger names by its hash (303 to a five-minute link); any other is a 404", async () => {
    givenLedger(ledger(), pdf);
    const DOC = "GET /api/audit/partnerships/{id}/documents/{sha256}";
    const open = await get(DOC, { id: P, sha256: pdfSha });
    expect(open.statusCode).toBe(303);
    const url = new URL(open.headers.location ?? "");
    expect(url.pathname).toContain(`agreements/${P}/v1-${pdfSha}.pdf`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect((await get(DOC, { id: P, sha256: "0".repeat(64) })).statusCode).toBe(404);
    expect((await get(DOC, { id: P, sha256: "not-a-hash" })).statusCode).toBe(400);
  });
});
