/**
 * EvidenceStore on S3 (s3rver locally): content-addressed objects, written once; presigned GET links. A function
 * that only stores documents builds the writer alone (S3EvidenceWriter), one that only reads the reader
 * (S3EvidenceReader): its bundle then carries no call its role does not allow.
 */
import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import {
  checkTtl,
  type EvidenceReader,
  type EvidenceStore,
  type EvidenceWriter,
  inlineDisposition,
  type SignedUrlOptions,
} from "../ports/evidence-store.ts";

/**
 * A conditional put (If-None-Match: *): the first write of a key wins and a repeat is refused with 412, which is
 * success here, since a key names its bytes' hash. So a retried upload adds no version to the versioned bucket,
 * and never replaces what an earlier one stored.
 */
async function putOnce(
  s3: S3Client,
  bucket: string,
  key: string,
  bytes: Uint8Array,
  contentType: string,
): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.byteLength,
        IfNoneMatch: "*",
      }),
    );
  } catch (error) {
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) return;
    throw error;
  }
}

export class S3EvidenceWriter implements EvidenceWriter {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    return putOnce(this.s3, this.bucket, key, bytes, contentType);
  }
}

export class S3EvidenceReader implements EvidenceReader {
  constructor(
    protected readonly s3: S3Client,
    protected readonly bucket: string,
  ) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /** A presigned GetObject that opens in the browser (inline) under the download name, never cached. */
  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    checkTtl(options.ttlSeconds);
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: inlineDisposition(options.downloadName),
        ResponseContentType: options.contentType,
        ResponseCacheControl: "private, no-store",
      }),
      { expiresIn: options.ttlSeconds },
    );
  }
}

export class S3EvidenceStore extends S3EvidenceReader implements EvidenceStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    return putOnce(this.s3, this.bucket, key, bytes, contentType);
  }
}
