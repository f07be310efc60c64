/**
 * The S3 API operation a request to the local, path-style S3 endpoint is (`/<bucket>/<key>?<query>`), named as
 * AWS names it, so that the usage meter can count what a journey asks of S3 and the bench price it. Pure.
 */

export interface S3Request {
  readonly method: string;
  /** The request's path and query, as the server received it. */
  readonly url: string;
  /** Whether it names a source object to copy (x-amz-copy-source). */
  readonly copySource?: boolean;
}

export function s3Operation({ method, url, copySource = false }: S3Request): string {
  const parsed = new URL(url, "http://s3.local");
  const [, bucket = "", ...key] = parsed.pathname.split("/");
  const query = parsed.searchParams;
  const verb = method.toUpperCase();
  if (bucket === "") return verb === "GET" ? "ListBuckets" : `${verb} (service)`;
  if (key.join("/") === "") {
    if (verb === "GET")
      return query.has("uploads")
        ? "ListMultipartUploads"
        : query.get("list-type") === "2"
          ? "ListObjectsV2"
          : "ListObjects";
    if (verb === "PUT") return "CreateBucket";
    if (verb === "HEAD") return "HeadBucket";
    if (verb === "DELETE") return "DeleteBucket";
    if (verb === "POST") return query.has("delete") ? "DeleteObjects" : "PostObject";
    return `${verb} (bucket)`;
  }
  const uploadId = query.has("uploadId");
  if (verb === "GET") return uploadId ? "ListParts" : "GetObject";
  if (verb === "HEAD") return "HeadObject";
  if (verb === "PUT") return uploadId ? "UploadPart" : copySource ? "CopyObject" : "PutObject";
  if (verb === "POST")
    return query.has("uploads")
      ? "CreateMultipartUpload"
      : uploadId
        ? "CompleteMultipartUpload"
        : "PostObject";
  if (verb === "DELETE") return uploadId ? "AbortMultipartUpload" : "DeleteObject";
  return `${verb} (object)`;
}
