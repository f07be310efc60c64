/** The S3 store's conditional put: a key already written is success (its bytes are its hash), other errors are not. */
import { PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { S3EvidenceStore } from "#shared/adapters/s3-evidence-store.ts";

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const failure = (status: number, name: string) =>
  new S3ServiceException({
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status },
  });

describe("S3EvidenceStore.put", () => {
  it("writes only if the key is new (If-None-Match: *), with its type and length", async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3EvidenceStore(new S3Client({}), "bucket").put(
      "evidence/P/h",
      new Uint8Array([1, 2, 3]),
      "image/png",
    );
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: "bucket",
      Key: "evidence/P/h",
      ContentType: "image/png",
      ContentLength: 3,
      IfNoneMatch: "*",
    });
  });

  it("takes S3's 412 (the key is already written) as done", async () => {
    s3.on(PutObjectCommand).rejects(failure(412, "PreconditionFailed"));
    await expect(
      new S3EvidenceStore(new S3Client({}), "bucket").put("k", new Uint8Array([1]), "image/png"),
    ).resolves.toBeUndefined();
  });

  it("lets any other failure through", async () => {
    s3.on(PutObjectCommand).rejects(failure(403, "AccessDenied"));
    await expect(
      new S3EvidenceStore(new S3Client({}), "bucket").put("k", new Uint8Array([1]), "image/png"),
    ).rejects.toThrow();
  });
});
