/**
 * The S3 evidence store for this container (the SDK reads AWS_ENDPOINT_URL_S3 itself). Only functions granted
 * "evidence-read" or "evidence-write" are given EVIDENCE_BUCKET; building the store without it fails at init.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { appConfig } from "./from-env.ts";
import { S3EvidenceReader, S3EvidenceStore, S3EvidenceWriter } from "./s3-evidence-store.ts";
import { unlogged } from "./unlogged-client.ts";

/**
 * Path-style addressing (`<endpoint>/<bucket>/<key>`) where an endpoint is set (s3rver locally, which a
 * bucket-named host would not reach); AWS's virtual-hosted style otherwise.
 */
export function evidenceStoreFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): S3EvidenceStore {
  return new S3EvidenceStore(s3From(env), bucketFromEnv());
}

/** The writer alone, for a function that stores documents and reads none (its role has no s3:GetObject). */
export function evidenceWriterFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): S3EvidenceWriter {
  return new S3EvidenceWriter(s3From(env), bucketFromEnv());
}

/** The reader alone, for a function that opens documents and stores none (its role has no s3:PutObject). */
export function evidenceReaderFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): S3EvidenceReader {
  return new S3EvidenceReader(s3From(env), bucketFromEnv());
}

function bucketFromEnv(): string {
  const bucket = appConfig().EVIDENCE_BUCKET;
  if (!bucket) throw new Error("EVIDENCE_BUCKET is not set for a function that reads or writes evidence");
  return bucket;
}

function s3From(env: Readonly<Record<string, string | undefined>>): S3Client {
  return unlogged(new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) }));
}
