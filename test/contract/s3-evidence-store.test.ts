/**
 * The S3 evidence store keeps the EvidenceStore contract on a real S3 API: s3rver, started for the file on a
 * free port with its data in a temporary directory, as `npm start` runs it. Its links open with a plain GET.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3 } from "#infra/local/s3.ts";
import type { RunningServer } from "#infra/local/servers.ts";
import { evidenceStoreFromEnv } from "#shared/adapters/evidence-store-from-env.ts";
import { S3EvidenceStore } from "#shared/adapters/s3-evidence-store.ts";
import { evidenceKey } from "#shared/domain/document-keys.ts";
import { tinyPdf } from "../fixtures/documents.ts";
import { describeEvidenceStoreContract } from "./evidence-store.contract.ts";

const BUCKET = "partnerflow-evidence";
const dataDir = mkdtempSync(join(tmpdir(), "partnerflow-s3-"));
let s3: RunningServer | undefined;
let client: S3Client | undefined;

beforeAll(async () => {
  s3 = await startS3({ dataDir, buckets: [BUCKET], accessKeyId: "contract", secretAccessKey: "contract" });
  client = new S3Client({
    endpoint: s3.url,
    forcePathStyle: true,
    region: "eu-west-1",
    credentials: { accessKeyId: "contract", secretAccessKey: "contract" },
  });
});

afterAll(async () => {
  client?.destroy();
  await s3?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function store(): S3EvidenceStore {
  if (!client) throw new Error("s3rver starts in beforeAll");
  return new S3EvidenceStore(client, BUCKET);
}

describeEvidenceStoreContract("the S3 evidence store", store);

describe("the S3 evidence store's signed links", () => {
  const key = evidenceKey("01JD00000000000000000000BB", "b".repeat(64));

  it("open the document with a plain GET, inline under its download name, with its type", async () => {
    await store().put(key, tinyPdf(), "application/pdf");
    const url = await store().signedUrl(key, {
      ttlSeconds: 120,
      downloadName: 'Assurance "responsabilité" 2026.pdf',
      contentType: "application/pdf",
    });
    expect(url).toContain("X-Amz-Signature=");
    expect(url).toContain("X-Amz-Expires=120");
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(
      `inline; filename="Assurance _responsabilit__ 2026.pdf"; filename*=UTF-8''Assurance%20%22responsabilit%C3%A9%22%202026.pdf`,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(tinyPdf());
  });

  it("do not open without their signature's parameters", async () => {
    const url = new URL(
      await store().signedUrl(key, { ttlSeconds: 60, downloadName: "a.pdf", contentType: "application/pdf" }),
    );
    url.searchParams.delete("X-Amz-Credential");
    expect((await fetch(url)).status).toBe(400);
  });
});

describe("evidenceStoreFromEnv", () => {
  it("reaches the endpoint in AWS_ENDPOINT_URL_S3 path-style, with the bucket in EVIDENCE_BUCKET", async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_S3: s3?.url,
        EVIDENCE_BUCKET: BUCKET,
        AWS_ACCESS_KEY_ID: "contract",
        AWS_SECRET_ACCESS_KEY: "contract",
      });
      const fromEnv = evidenceStoreFromEnv();
      const k = evidenceKey("01JD00000000000000000000CC", "c".repeat(64));
      await fromEnv.put(k, tinyPdf(), "application/pdf");
      expect(await store().get(k)).toEqual(tinyPdf());
      const url = await fromEnv.signedUrl(k, {
        ttlSeconds: 60,
        downloadName: "a.pdf",
        contentType: "application/pdf",
      });
      expect(url.startsWith(`${s3?.url}/${BUCKET}/evidence/`)).toBe(true);
    } finally {
      process.env = saved;
    }
  });
});
