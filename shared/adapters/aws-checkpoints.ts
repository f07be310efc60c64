/**
 * Reading checkpoints on AWS: one object per checkpoint in the checkpoint bucket (Object Lock, compliance mode),
 * and the public half of the KMS key that signs them. The writer (aws-checkpoint-writer.ts) is apart, so that a
 * function that only reads bundles no put and no sign.
 */
import { createPublicKey } from "node:crypto";
import { GetPublicKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { Checkpoint } from "../domain/checkpoint.ts";
import type { CheckpointKey, CheckpointReader } from "../ports/checkpoints.ts";

export const CHECKPOINT_PREFIX = "checkpoints/";
/** The zero-padded numbers sort as the checkpoints do. */
export const checkpointKeyOf = (n: number) => `${CHECKPOINT_PREFIX}${String(n).padStart(9, "0")}.json`;

export class S3CheckpointReader implements CheckpointReader {
  constructor(
    protected readonly s3: S3Client,
    protected readonly bucket: string,
  ) {}

  async recent(limit: number): Promise<Checkpoint[]> {
    const keys = await this.keys();
    return Promise.all(keys.slice(-limit).map((key) => this.read(key)));
  }

  async latest(): Promise<Checkpoint | undefined> {
    const last = (await this.keys()).at(-1);
    return last ? this.read(last) : undefined;
  }

  private async keys(): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: CHECKPOINT_PREFIX,
          ContinuationToken: token,
        }),
      );
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  private async read(key: string): Promise<Checkpoint> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return JSON.parse((await out.Body?.transformToString()) ?? "null") as Checkpoint;
  }
}

/** The signing key's public half (ECC P-256; signatures are ECDSA over SHA-256), read once. */
export class KmsCheckpointKey implements CheckpointKey {
  readonly algorithm = "ECDSA_SHA_256" as const;
  private publicKey: string | undefined;

  constructor(
    protected readonly kms: KMSClient,
    readonly keyId: string,
  ) {}

  async publicKeyPem(): Promise<string> {
    if (!this.publicKey) {
      const out = await this.kms.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
      if (!out.PublicKey) throw new Error("KMS returned no public key");
      this.publicKey = String(
        createPublicKey({ key: Buffer.from(out.PublicKey), format: "der", type: "spki" }).export({
          type: "spki",
          format: "pem",
        }),
      );
    }
    return this.publicKey;
  }
}
