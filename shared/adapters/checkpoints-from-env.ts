/**
 * The checkpoints for this container: the local runtime's directory (CHECKPOINT_DIR, set by infra/local only),
 * or the checkpoint bucket and the KMS signing key the stack names (CHECKPOINT_BUCKET, CHECKPOINT_KEY_ID).
 * Checked at init: a function given neither cannot start. Two factories, so that the reader bundles no write.
 */
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import type { CheckpointKey, CheckpointReader } from "../ports/checkpoints.ts";
import { KmsCheckpointKey, S3CheckpointReader } from "./aws-checkpoints.ts";
import { FileCheckpointSigner, FileCheckpointStore } from "./file-checkpoints.ts";
import { unlogged } from "./unlogged-client.ts";

/** Where the checkpoints are, as the environment says: a directory, or a bucket and a key. */
export function checkpointPlace(env: NodeJS.ProcessEnv = process.env) {
  const dir = env.CHECKPOINT_DIR;
  if (dir) return { dir } as const;
  const bucket = env.CHECKPOINT_BUCKET;
  const keyId = env.CHECKPOINT_KEY_ID;
  if (!bucket || !keyId)
    throw new Error("CHECKPOINT_BUCKET and CHECKPOINT_KEY_ID (or, locally, CHECKPOINT_DIR) must be set");
  return { bucket, keyId } as const;
}

/** For a function that reads checkpoints (the audit API). */
export function checkpointReaderFromEnv(env: NodeJS.ProcessEnv = process.env): {
  checkpoints: CheckpointReader;
  signer: CheckpointKey;
} {
  const place = checkpointPlace(env);
  if ("dir" in place)
    return { checkpoints: new FileCheckpointStore(place.dir), signer: new FileCheckpointSigner(place.dir) };
  return {
    checkpoints: new S3CheckpointReader(unlogged(new S3Client({})), place.bucket),
    signer: new KmsCheckpointKey(unlogged(new KMSClient({})), place.keyId),
  };
}
