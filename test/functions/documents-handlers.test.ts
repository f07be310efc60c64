/**
 * The two functions of documents, as Lambda runs them (aws-sdk-client-mock for DynamoDB and S3):
 * decide-upload-step takes the checklist's multipart POST, refuses a bad file without a write, and stores a good
 * one by its hash before the draft that records it; show-documents answers an open officer's link with a
 * presigned S3 link valid 5 minutes, and anything else with the link errors, never touching S3.
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chainEvent } from "#shared/domain/ledger.ts";
import { hashToken, mintToken } from "#shared/domain/link-tokens.ts";
import type { EventType } from "#shared/events/registry.ts";
import { tinyPdf, tinyPng } from "../fixtures/documents.ts";
import { httpEvent, lambdaContext } from "../fixtures/http-event.ts";
import { MULTIPART_TYPE, multipartBody, type Part } from "../fixtures/multipart.ts";
import { givenOpenDecision, P } from "../fixtures/open-decision.ts";

vi.hoisted(() => {
  process.env.EVIDENCE_BUCKET = "evidence-test";
});
const { handler: decideUpload } = await import("#functions/decide-upload-step/handler.ts");
const { handler: showDocuments } = await import("#functions/show-documents/handler.ts");

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const { token } = mintToken();
const tokenHash = hashToken(token);
const PDF = tinyPdf();
const SHA = "0".repeat(64);

beforeEach(() => {
  ddb.reset();
  s3.reset();
  ddb.on(GetCommand).resolves({});
});

function upload(parts: Part[]) {
  return decideUpload(
    {
      ...httpEvent("POST /vetting/{token}", {
        path: `/vetting/${token}`,
        pathParameters: { token },
        headers: { "content-type": MULTIPART_TYPE, origin: "https://partners.example.org" },
        body: multipartBody(parts).toString("base64"),
      }),
      isBase64Encoded: true,
    },
    lambdaContext,
  );
}

const requested = (type: EventType, data: Record<string, unknown>) =>
  chainEvent(undefined, {
    partnershipId: P,
    at: "2026-11-23T10:00:01.000Z",
    actor: "system:workflow",
    type,
    data: { decisionId: "D1", ...data },
  });

describe("decide-upload-step", () => {
  beforeEach(() => {
    givenOpenDecision(
      ddb,
      tokenHash,
      { kind: "vetting-evidence", assignee: "partner" },
      requested("VettingEvidenceRequested", { details: { checklistVersion: "2026-12-v1", items: [] } }),
      { stage: "VETTING" },
    );
    ddb.on(UpdateCommand).resolves({});
    s3.on(PutObjectCommand).resolves({});
  });

  it("stores a good file by its hash, then saves the draft that records it", async () => {
    const response = await upload([
      { name: "action", value: "save" },
      {
        name: "liability-insurance.document",
        filename: "policy.pdf",
        contentType: "application/pdf",
        bytes: PDF,
      },
    ]);
    expect(response.statusCode).toBe(200);
    const put = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(put).toHaveLength(1);
    expect(put[0]).toMatchObject({
      Bucket: "evidence-test",
      Key: expect.stringMatching(new RegExp(`^evidence/${P}/[0-9a-f]{64}$`)),
      ContentType: "application/pdf",
      IfNoneMatch: "*",
    });
    const sha = String(put[0]?.Key).split("/").at(-1);
    const draft = ddb
      .commandCalls(UpdateCommand)
      .find((c) => c.args[0].input.UpdateExpression?.includes("draft"));
    expect(draft?.args[0].input.ExpressionAttributeValues?.[":draft"]).toMatchObject({
      "liability-insurance.document": { sha256: sha, name: "policy.pdf", contentType: "application/pdf" },
    });
  });

  it("refuses a PNG named .pdf on its input: no object stored, no draft saved", async () => {
    const response = await upload([
      { name: "action", value: "save" },
      { name: "liability-insurance.document", filename: "policy.pdf", bytes: tinyPng() },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("The file is named .pdf but is a PNG image");
    expect(s3.commandCalls(PutObjectCommand)).toEqual([]);
    expect(ddb.commandCalls(UpdateCommand)).toEqual([]);
  });
});

describe("show-documents", () => {
  const review = (sha: string, t = token) =>
    showDocuments(
      httpEvent("GET /vetting-review/{token}/documents/{sha256}", {
        path: `/vetting-review/${t}/documents/${sha}`,
        pathParameters: { token: t, sha256: sha },
      }),
      lambdaContext,
    );

  it("an open review link: 302 to a presigned GetObject valid 5 minutes, not cached, no referrer", async () => {
    const sha = "ab".repeat(32);
    givenOpenDecision(
      ddb,
      tokenHash,
      { kind: "vetting-review" },
      requested("VettingEvidenceSubmitted", {
        outcome: "submitted",
        details: {
          checklistVersion: "2026-12-v1",
          items: [
            {
              itemId: "liability-insurance",
              kind: "evidence",
              document: { sha256: sha, name: "policy.pdf", contentType: "application/pdf", size: 300 },
            },
          ],
        },
      }),
      { stage: "VETTING" },
    );
    const response = await review(sha);
    expect(response.statusCode).toBe(302);
    expect(response.headers).toMatchObject({ "cache-control": "no-store", "referrer-policy": "no-referrer" });
    const location = new URL(String(response.headers?.location));
    expect(location.pathname).toContain(`/evidence/${P}/${sha}`);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(location.searchParams.get("response-content-type")).toBe("application/pdf");
    // Another hash: the same answer as an unknown link.
    expect((await review(SHA)).statusCode).toBe(404);
  });

  it("an unknown link, or a status link not yet completed, opens nothing", async () => {
    const unknown = await review(SHA, mintToken().token);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers?.location).toBeUndefined();
    const status = await showDocuments(
      httpEvent("GET /status/{token}/certificate.pdf", {
        path: `/status/${token}/certificate.pdf`,
        pathParameters: { token },
      }),
      lambdaContext,
    );
    expect(status.statusCode).toBe(404);
    expect(s3.calls()).toEqual([]);
  });
});
