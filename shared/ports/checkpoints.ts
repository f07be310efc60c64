/** Where checkpoints are kept (append-only) and what signs them: a file and a key file locally; S3 with Object Lock and KMS on AWS. */
import type { Checkpoint, SignatureAlgorithm } from "../domain/checkpoint.ts";

/** What reads checkpoints (the audit API): a function given only this bundles no write. */
export interface CheckpointReader {
  /** The newest checkpoints, at most `limit`, oldest first. */
  recent(limit: number): Promise<Checkpoint[]>;
  latest(): Promise<Checkpoint | undefined>;
}

export interface CheckpointStore extends CheckpointReader {
  /** Adds a checkpoint; one that exists already (the same number) is never replaced. */
  append(checkpoint: Checkpoint): Promise<void>;
}

/** The signing key's public half, which checks the signatures anywhere. */
export interface CheckpointKey {
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
  /** The public key, as PEM (SPKI). */
  publicKeyPem(): Promise<string>;
}

export interface CheckpointSigner extends CheckpointKey {
  /** The signature of the bytes, base64. */
  sign(bytes: Uint8Array): Promise<string>;
}
