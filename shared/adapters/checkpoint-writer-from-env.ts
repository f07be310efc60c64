/** The checkpoint store and signer for the function that makes checkpoints (see checkpoints-from-env.ts). */
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import type { CheckpointSigner, CheckpointStore } from "../ports/checkpoints.ts";
import { KmsCheckpointSigner, S3CheckpointStore } from "./aws-checkpoint-writer.ts";
import { checkpointPlace } from "./checkpoints-from-env.ts";
import { FileCheckpointSigner, FileCheckpointStore } from "./file-checkpoints.ts";
import { unlogged } from "./unlogged-client.ts";

export function checkpointWriterFromEnv(env: NodeJS.ProcessEnv = process.env): {
  checkpoints: CheckpointStore;
  signer: CheckpointSigner;
} {
  const place = checkpointPlace(env);
  if ("dir" in place)
    return { checkpoints: new FileCheckpointStore(place.dir), signer: new FileCheckpointSigner(place.dir) };
  return {
    checkpoints: new S3CheckpointStore(unlogged(new S3Client({})), place.bucket),
    signer: new KmsCheckpointSigner(unlogged(new KMSClient({})), place.keyId),
  };
}
