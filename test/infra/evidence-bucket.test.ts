/**
 * The evidence bucket in the stateful stack, and the "evidence-read" / "evidence-write" grants: the bucket's
 * protections, and what a function holding a grant is given (policy and EVIDENCE_BUCKET), and what others are not.
 */
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { buildApp } from "#infra/build-app.ts";
import { ALL_FUNCTIONS, BUCKET_TAG, ENV, FUNCTION_TAG, type FunctionSpec } from "#infra/function-catalog.ts";

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

const { stateful, application } = buildApp({ bundle: false });
const data = Template.fromStack(stateful);
const shipped = Template.fromStack(application);

const buckets = Object.entries(data.findResources("AWS::S3::Bucket") as Record<string, Resource>);
const tagged = (r: Resource, key: string) =>
  (r.Properties.Tags as { Key: string; Value: string }[] | undefined)?.find((t) => t.Key === key)?.Value;
const [evidenceId, evidence] = buckets.find(([, r]) => tagged(r, BUCKET_TAG) === "evidence") ?? [];
const keyId = Object.keys(data.findResources("AWS::KMS::Key"))[0];

describe("the evidence bucket", () => {
  it("exists, tagged as the evidence bucket, retained on delete", () => {
    expect(evidenceId).toBeDefined();
    expect(evidence?.DeletionPolicy).toBe("Retain");
  });

  it("is encrypted with the stack's own key, with an S3 bucket key", () => {
    expect(evidence?.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: "aws:kms",
            KMSMasterKeyID: { "Fn::GetAtt": [keyId, "Arn"] },
          },
          BucketKeyEnabled: true,
        },
      ],
    });
  });

  it("blocks all public access, is versioned, expires only exports/ (a day), and logs access to the log bucket", () => {
    expect(evidence?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: "Enabled" },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: expect.any(String) },
        LogFilePrefix: "evidence/",
      },
    });
    // Documents never expire here; the ledger's exports (exports/) after a day, old versions too.
    expect(evidence?.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: "ExportsExpire",
          Prefix: "exports/",
          Status: "Enabled",
          ExpirationInDays: 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        },
      ],
    });
    const logging = evidence?.Properties.LoggingConfiguration as
      | { DestinationBucketName: { Ref: string } }
      | undefined;
    const logsId = logging?.DestinationBucketName.Ref;
    expect(buckets.map(([id]) => id)).toContain(logsId);
  });

  it("refuses any request not made over TLS", () => {
    data.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: evidenceId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Action: "s3:*",
            Principal: { AWS: "*" },
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
  });
});

/**
 * Functions given the evidence grants, as the step wiring will: two that hold no other grant (so no table
 * grant's kms:Decrypt hides the evidence grant's), one reading and one writing, and one with both besides its own.
 */
const EXTRA: Readonly<Record<string, FunctionSpec["grants"]>> = {
  "render-intake-form": ["evidence-read"],
  "get-favicon": ["evidence-write"],
  "decide-step": ["evidence-read", "evidence-write"],
};
const WITH_EVIDENCE: readonly FunctionSpec[] = ALL_FUNCTIONS.map((spec) => ({
  ...spec,
  grants: [...spec.grants, ...(EXTRA[spec.name] ?? [])],
}));
const granted = buildApp({ bundle: false, functions: WITH_EVIDENCE });
const withEvidence = Template.fromStack(granted.application);

function functionOf(template: Template, name: string): Resource {
  const found = Object.values(
    template.findResources("AWS::Lambda::Function") as Record<string, Resource>,
  ).find((r) => tagged(r, FUNCTION_TAG) === name);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}
const envOf = (template: Template, name: string) =>
  (functionOf(template, name).Properties.Environment as { Variables: Record<string, unknown> }).Variables;

function statementsOf(template: Template, name: string): Statement[] {
  const roleId = (functionOf(template, name).Properties.Role as { "Fn::GetAtt": [string] })["Fn::GetAtt"][0];
  return Object.values(template.findResources("AWS::IAM::Policy") as Record<string, Resource>)
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === `{"Ref":"${roleId}"}`))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
const s3AndKms = (template: Template, name: string) =>
  statementsOf(template, name)
    .flatMap((s) => [s.Action].flat().map((action) => ({ action, resource: JSON.stringify(s.Resource) })))
    .filter(
      ({ action, resource }) =>
        (action.startsWith("s3:") || action === "kms:Decrypt" || action === "kms:GenerateDataKey") &&
        // The personal data key's grant is another matter (stacks.test.ts).
        !/PersonalDataKey/.test(resource),
    );

/** The shipped functions that touch documents, and how: every other function has no evidence grant. */
const DOCUMENT_FUNCTIONS: Readonly<Record<string, FunctionSpec["grants"]>> = {
  "decide-upload-step": ["evidence-write"],
  "show-documents": ["evidence-read"],
  "issue-agreement": ["evidence-write"],
  "complete-agreement": ["evidence-read", "evidence-write"],
  "export-audit": ["evidence-read", "evidence-write"],
  "audit-api": ["evidence-read"],
};
const holds = (name: string) => Object.hasOwn(DOCUMENT_FUNCTIONS, name) || Object.hasOwn(EXTRA, name);

describe("the evidence grants", () => {
  it("are held only by the functions that handle documents, and only they are told the bucket", () => {
    for (const spec of ALL_FUNCTIONS) {
      expect(
        spec.grants.filter((g) => g.startsWith("evidence-")),
        spec.name,
      ).toEqual(DOCUMENT_FUNCTIONS[spec.name] ?? []);
      const bucket = envOf(shipped, spec.name)[ENV.EVIDENCE_BUCKET];
      if (Object.hasOwn(DOCUMENT_FUNCTIONS, spec.name))
        expect(bucket, spec.name).toEqual({ "Fn::ImportValue": expect.stringMatching(/EvidenceBucket/) });
      else expect(bucket, spec.name).toBeUndefined();
    }
  });

  it("give EVIDENCE_BUCKET, the bucket's name, only to the functions that hold one", () => {
    for (const spec of WITH_EVIDENCE) {
      const value = envOf(withEvidence, spec.name)[ENV.EVIDENCE_BUCKET];
      if (holds(spec.name))
        expect(value, spec.name).toEqual({ "Fn::ImportValue": expect.stringMatching(/EvidenceBucket/) });
      else expect(value, spec.name).toBeUndefined();
    }
  });

  it("evidence-read allows s3:GetObject on the bucket's objects and kms:Decrypt on the key, nothing more", () => {
    const found = s3AndKms(withEvidence, "render-intake-form");
    expect(found.map((f) => f.action).sort()).toEqual(["kms:Decrypt", "s3:GetObject"]);
    expect(found.find((f) => f.action === "s3:GetObject")?.resource).toMatch(/EvidenceBucket.*\/\*/);
    expect(found.find((f) => f.action === "kms:Decrypt")?.resource).toMatch(/Key/);
  });

  it("evidence-write adds s3:PutObject and kms:GenerateDataKey; other functions get no S3 or key access", () => {
    const writer = s3AndKms(withEvidence, "get-favicon");
    expect(writer.map((f) => f.action).sort()).toEqual(["kms:GenerateDataKey", "s3:PutObject"]);
    expect(writer.find((f) => f.action === "s3:PutObject")?.resource).toMatch(/EvidenceBucket.*\/\*/);
    const both = s3AndKms(withEvidence, "decide-step").map((f) => f.action);
    expect(both).toEqual(expect.arrayContaining(["kms:GenerateDataKey", "s3:GetObject", "s3:PutObject"]));
    const s3 = (template: Template, name: string) =>
      s3AndKms(template, name).filter(({ action }) => action !== "kms:Decrypt");
    expect(s3(withEvidence, "show-status")).toEqual([]);
    // The checkpoint functions reach the checkpoint bucket and the keys it needs (stacks.test.ts), no evidence.
    for (const spec of ALL_FUNCTIONS)
      if (!Object.hasOwn(DOCUMENT_FUNCTIONS, spec.name)) {
        const found = s3(shipped, spec.name);
        if (spec.grants.some((g) => g.startsWith("checkpoint-")))
          expect(
            found.filter((f) => /EvidenceBucket/.test(f.resource)),
            spec.name,
          ).toEqual([]);
        else expect(found, spec.name).toEqual([]);
      }
    expect(
      s3(shipped, "issue-agreement")
        .map((f) => f.action)
        .sort(),
    ).toEqual(["kms:GenerateDataKey", "s3:PutObject"]);
    expect(
      s3(shipped, "complete-agreement")
        .map((f) => f.action)
        .sort(),
    ).toEqual(["kms:GenerateDataKey", "s3:GetObject", "s3:PutObject"]);
  });

  it("reach only the folders each function handles: a partner's upload can write no agreement, and so on", () => {
    const folders = (name: string, action: string) =>
      s3AndKms(shipped, name)
        .filter((f) => f.action === action)
        .flatMap((f) =>
          [...f.resource.matchAll(/\/(evidence|agreements|certificates|exports)\/\*/g)].map((m) => m[1]),
        )
        .sort();
    expect(folders("decide-upload-step", "s3:PutObject")).toEqual(["evidence"]);
    expect(folders("issue-agreement", "s3:PutObject")).toEqual(["agreements"]);
    expect(folders("complete-agreement", "s3:GetObject")).toEqual(["agreements"]);
    expect(folders("complete-agreement", "s3:PutObject")).toEqual(["certificates"]);
    expect(folders("show-documents", "s3:GetObject")).toEqual(["agreements", "certificates", "evidence"]);
    // The ledger's export writes and links to its own folder only, which a lifecycle rule empties daily.
    expect(folders("export-audit", "s3:PutObject")).toEqual(["exports"]);
    expect(folders("export-audit", "s3:GetObject")).toEqual(["exports"]);
    // Never the whole bucket.
    for (const name of Object.keys(DOCUMENT_FUNCTIONS))
      for (const { action, resource } of s3AndKms(shipped, name))
        if (action.startsWith("s3:")) expect(resource, `${name} ${action}`).not.toMatch(/"\/\*"/);
  });

  it("pass cdk-nag with each finding acknowledged by name", () => {
    expect(() => granted.app.synth()).not.toThrow();
  });
});
