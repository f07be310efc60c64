/**
 * The checkpoint function's handler on mocked AWS: it reads every head from the byStage index, checks the changed
 * chains, puts checkpoint 1 without replacing any (If-None-Match, with a checksum for Object Lock), signed by KMS
 * over the body's SHA-256; the signature checks out with the key's public half.
 */
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { KMSClient, SignCommand } from "@aws-sdk/client-kms";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "#functions/make-checkpoint/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { type Checkpoint, checkpointBody, signatureValid, signingBytes } from "#shared/domain/checkpoint.ts";
import { chainEvent } from "#shared/domain/ledger.ts";
import { lambdaContext } from "../fixtures/http-event.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const kms = mockClient(KMSClient);
const P = "01KAW0000000000000000000PP";

describe("make-checkpoint", () => {
  beforeEach(() => {
    ddb.reset();
    s3.reset();
    kms.reset();
  });

  it("signs and puts checkpoint 1 over the heads, never replacing one", async () => {
    const first = chainEvent(undefined, {
      partnershipId: P,
      at: "2026-12-01T10:00:00.000Z",
      actor: "partner",
      type: "IntakeSubmitted",
      data: {},
    });
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ":stage": "STAGE#ACTIVE" } })
      .resolves({ Items: [{ id: P, headSeq: 1, headHash: first.hash }] });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ":pk": `PARTNERSHIP#${P}`, ":prefix": "EVENT#" } })
      .resolves({
        Items: [eventItem(first)],
      });
    s3.on(ListObjectsV2Command).resolves({ Contents: [] });
    s3.on(PutObjectCommand).resolves({});
    kms.on(SignCommand).resolves({ Signature: Uint8Array.of(0x30, 1, 2, 3) });

    const report = await handler({}, lambdaContext);
    expect(report).toMatchObject({ ok: true, number: 1, treeSize: 1, checked: 1 });
    const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put).toMatchObject({
      Bucket: "partnerflow-checkpoints-test",
      Key: "checkpoints/000000001.json",
      IfNoneMatch: "*",
      ChecksumAlgorithm: "SHA256",
    });
    const checkpoint = JSON.parse(String(put?.Body)) as Checkpoint;
    expect(checkpoint).toMatchObject({ number: 1, algorithm: "ECDSA_SHA_256", previousRootHash: null });
    // KMS is asked to sign the SHA-256 of the very body stored, and its signature is what is stored.
    const asked = kms.commandCalls(SignCommand)[0]?.args[0].input;
    expect(asked).toMatchObject({ MessageType: "DIGEST", SigningAlgorithm: "ECDSA_SHA_256" });
    expect(Buffer.from(asked?.Message ?? new Uint8Array()).toString("hex")).toBe(
      createHash("sha256").update(signingBytes(checkpoint)).digest("hex"),
    );
    expect(checkpoint.signature).toBe(Buffer.from([0x30, 1, 2, 3]).toString("base64"));
  });

  it("an ECDSA P-256 signature over SHA-256 of the body (what KMS makes) checks out with the public key alone", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const body = checkpointBody(
      [{ partnershipId: P, seq: 3, hash: "ab".repeat(32) }],
      undefined,
      "2026-12-06T02:00:00.000Z",
      {
        keyId: "arn:aws:kms:eu-west-1:1:key/k",
        algorithm: "ECDSA_SHA_256",
      },
    );
    const checkpoint: Checkpoint = {
      ...body,
      signature: sign("sha256", signingBytes(body), privateKey).toString("base64"),
    };
    const pem = String(publicKey.export({ type: "spki", format: "pem" }));
    expect(signatureValid(checkpoint, pem)).toBe(true);
    expect(signatureValid({ ...checkpoint, treeSize: 2 }, pem)).toBe(false);
  });
});
