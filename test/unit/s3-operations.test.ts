/** The local S3 endpoint's requests named as the S3 API operations AWS bills (path-style URLs). */
import { describe, expect, it } from "vitest";
import { s3Operation } from "#infra/local/s3-operations.ts";

describe("S3 operation of a request", () => {
  it("names object requests by method, a presigned link's GET included", () => {
    expect(s3Operation({ method: "PUT", url: "/partnerflow-evidence/evidence/p1/abc" })).toBe("PutObject");
    expect(
      s3Operation({
        method: "GET",
        url: "/partnerflow-evidence/agreements/p1/v1-abc.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300",
      }),
    ).toBe("GetObject");
    expect(s3Operation({ method: "head", url: "/b/k" })).toBe("HeadObject");
    expect(s3Operation({ method: "DELETE", url: "/b/k" })).toBe("DeleteObject");
    expect(s3Operation({ method: "PUT", url: "/b/k", copySource: true })).toBe("CopyObject");
  });

  it("names bucket requests apart from object requests", () => {
    expect(s3Operation({ method: "GET", url: "/b?list-type=2&prefix=evidence/" })).toBe("ListObjectsV2");
    expect(s3Operation({ method: "GET", url: "/b/" })).toBe("ListObjects");
    expect(s3Operation({ method: "PUT", url: "/b" })).toBe("CreateBucket");
    expect(s3Operation({ method: "HEAD", url: "/b" })).toBe("HeadBucket");
    expect(s3Operation({ method: "POST", url: "/b?delete" })).toBe("DeleteObjects");
    expect(s3Operation({ method: "GET", url: "/" })).toBe("ListBuckets");
  });

  it("names the parts of a multipart upload", () => {
    expect(s3Operation({ method: "POST", url: "/b/k?uploads" })).toBe("CreateMultipartUpload");
    expect(s3Operation({ method: "PUT", url: "/b/k?partNumber=1&uploadId=u" })).toBe("UploadPart");
    expect(s3Operation({ method: "POST", url: "/b/k?uploadId=u" })).toBe("CompleteMultipartUpload");
    expect(s3Operation({ method: "DELETE", url: "/b/k?uploadId=u" })).toBe("AbortMultipartUpload");
    expect(s3Operation({ method: "GET", url: "/b/k?uploadId=u" })).toBe("ListParts");
  });
});
