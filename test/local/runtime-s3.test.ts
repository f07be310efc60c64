/**
 * The runtime's S3 endpoint: the template's tagged evidence bucket is created on s3rver, a function's
 * EVIDENCE_BUCKET (a Ref of the bucket) resolves to its local name, and a handler's evidence store, built from
 * the environment like on Lambda, stores a document whose signed link opens with a plain GET on this machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evidenceStoreFromEnv } from "#shared/adapters/evidence-store-from-env.ts";
import { evidenceKey } from "#shared/domain/document-keys.ts";
import { BUCKET_TAG, ENV } from "../../infra/function-catalog.ts";
import { startLocalRuntime } from "../../infra/local/runtime.ts";
import type { CfnTemplate, StackTemplates } from "../../infra/local/template.ts";
import { tinyPdf } from "../fixtures/documents.ts";
import fixture from "./fixtures/partnerflow-templates.json" with { type: "json" };

const dir = mkdtempSync(join(tmpdir(), "partnerflow-runtime-s3-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fixture's stacks with an evidence bucket in the stateful one, named to submit-intake by a Ref. */
function templatesWithBucket(): StackTemplates {
  const templates = structuredClone(fixture) as unknown as Record<
    string,
    {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
      Outputs?: NonNullable<CfnTemplate["Outputs"]>;
    }
  >;
  const stateful = templates["Partnerflow-Stateful"];
  const app = templates["Partnerflow-App"];
  if (!stateful || !app) throw new Error("the fixture has both stacks");
  stateful.Resources.EvidenceBucket1234ABCD = {
    Type: "AWS::S3::Bucket",
    Properties: { Tags: [{ Key: BUCKET_TAG, Value: "evidence" }] },
  };
  stateful.Resources.AccessLogs5678 = { Type: "AWS::S3::Bucket", Properties: {} };
  for (const resource of Object.values(app.Resources)) {
    if (resource.Type !== "AWS::Lambda::Function") continue;
    const variables = (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    variables[ENV.EVIDENCE_BUCKET] = { "Fn::ImportValue": "EvidenceBucketName" };
  }
  stateful.Outputs = {
    ...(stateful.Outputs ?? {}),
    EvidenceBucketName: { Value: { Ref: "EvidenceBucket1234ABCD" }, Export: { Name: "EvidenceBucketName" } },
  };
  return templates;
}

describe("the local runtime's S3", () => {
  it("creates the evidence bucket and lets a handler store a document and sign a link that opens", async () => {
    let link = "";
    const seen: Record<string, string | undefined> = {};
    const runtime = await startLocalRuntime({
      templates: templatesWithBucket(),
      dataDir: dir,
      quiet: true,
      handlers: {
        "submit-intake": async () => {
          seen.endpoint = process.env.AWS_ENDPOINT_URL_S3;
          seen.bucket = process.env.EVIDENCE_BUCKET;
          const store = evidenceStoreFromEnv();
          const key = evidenceKey("01JD00000000000000000000DD", "d".repeat(64));
          await store.put(key, tinyPdf(), "application/pdf");
          link = await store.signedUrl(key, {
            ttlSeconds: 60,
            downloadName: "insurance.pdf",
            contentType: "application/pdf",
          });
          return { statusCode: 200, body: "stored" };
        },
      },
    });
    try {
      expect(runtime.evidenceBucket).toBe("partnerflow-evidence");
      expect(runtime.model.buckets.map((b) => b.bucketName)).toEqual(["partnerflow-evidence"]);
      const response = await fetch(`${runtime.urls.app}/api/partnerships`, { method: "POST", body: "{}" });
      expect(await response.text()).toBe("stored");
      expect(seen).toEqual({ endpoint: runtime.urls.s3, bucket: "partnerflow-evidence" });
      expect(link.startsWith(`${runtime.urls.s3}/partnerflow-evidence/evidence/`)).toBe(true);
      const opened = await fetch(link);
      expect(opened.status).toBe(200);
      expect(opened.headers.get("content-disposition")).toContain('filename="insurance.pdf"');
      expect(new Uint8Array(await opened.arrayBuffer())).toEqual(tinyPdf());
    } finally {
      await runtime.stop();
    }
  });
});
