/**
 * Writing checkpoints on AWS: a put that never replaces one (If-None-Match; the bucket's compliance-mode Object
 * Lock keeps each from being rewritten or deleted until its retention ends), and a KMS signature over the
 * SHA-256 of the body (the private key never leaves KMS).
 */
import { createHash } from "node:crypto";
import { SignCommand } from "@aws-sdk/client-kms";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { Checkpoint } from "../domain/checkpoint.ts";
import type { CheckpointSigner, CheckpointStore } from "../ports/checkpoints.ts";
import { checkpointKeyOf, KmsCheckpointKey, S3CheckpointReader } from "./aws-checkpoints.ts";

export class S3CheckpointStore extends S3CheckpointReader implements CheckpointStore {
  async append(checkpoint: Checkpoint): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: checkpointKeyOf(checkpoint.number),
        Body: JSON.stringify(checkpoint),
        ContentType: "application/json",
        IfNoneMatch: "*",
        // Object Lock asks for the body's checksum on every put.
        ChecksumAlgorithm: "SHA256",
      }),
    );
  }
}

export class KmsCheckpointSigner extends KmsCheckpointKey implements CheckpointSigner {
  async sign(bytes: Uint8Array): Promise<string> {
    const out = await this.kms.send(
      new SignCommand({
        KeyId: this.keyId,
        // The body may be larger than KMS signs raw (4 KB): its digest is signed, as verify("sha256") expects.
        Message: createHash("sha256").update(bytes).digest(),
        MessageType: "DIGEST",
        SigningAlgorithm: "ECDSA_SHA_256",
      }),
    );
    if (!out.Signature) throw new Error("KMS returned no signature");
    return Buffer.from(out.Signature).toString("base64");
  }
}
