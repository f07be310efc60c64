import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { certificatePdf } from "#shared/documents/certificate-pdf.ts";
import { canonicalJson } from "#shared/domain/canonical-json.ts";
import {
  type CertificateInput,
  certificateJson,
  certificateSha256,
  completionCertificate,
  IncompleteSignaturesError,
  type SignatureEvidence,
  SignatureHashMismatchError,
} from "#shared/domain/completion-certificate.ts";
import { sha256Hex } from "#shared/domain/sha256.ts";
import { certificateHtml } from "#shared/web/certificate-view.ts";
import { pdfStrings } from "../fixtures/pdf-text.ts";

const HASH = sha256Hex("the agreement's PDF");
const OTHER = sha256Hex("a changed agreement");

const PARTNER: SignatureEvidence = {
  role: "partner",
  name: "Dana Okafor",
  title: "Director of Operations",
  email: "dana.okafor@harbourviewsupplies.ca",
  signedAt: "2026-12-12T14:03:09.120Z",
  ip: "203.0.113.7",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
  documentSha256: HASH,
  consentToElectronicRecords: true,
};
const OFFICE: SignatureEvidence = {
  role: "office",
  name: "Sam Lee",
  email: "sam.lee@example.org",
  signedAt: "2026-12-13T09:00:00.000Z",
  ip: "198.51.100.20",
  userAgent: "Mozilla/5.0 <script>",
  documentSha256: HASH,
};
const INPUT: CertificateInput = {
  partnershipId: "p_7Qm2xK9vLr4T",
  agreementVersion: 1,
  documentSha256: HASH,
  templateVersion: "2026-12-v1",
  signatures: [OFFICE, PARTNER],
  completedAt: "2026-12-13T09:00:01.000Z",
};

describe("the completion certificate", () => {
  it("binds the document's hash to both signatures, the partner's first", () => {
    const cert = completionCertificate({
      ...INPUT,
      signatures: [OFFICE, { ...PARTNER, extra: "not carried" } as SignatureEvidence],
    });
    expect(cert).toEqual({
      format: "partnerflow-completion-certificate/1",
      ...INPUT,
      signatures: [PARTNER, OFFICE],
    });
    expect(certificateJson(cert)).toBe(canonicalJson(cert));
    expect(certificateJson(cert)).not.toContain("not carried");
    expect(certificateSha256(cert)).toBe(sha256Hex(certificateJson(cert)));
  });

  it("refuses a signature made over another document", () => {
    expect(() =>
      completionCertificate({ ...INPUT, signatures: [PARTNER, { ...OFFICE, documentSha256: OTHER }] }),
    ).toThrow(SignatureHashMismatchError);
    expect(() => completionCertificate({ ...INPUT, documentSha256: OTHER })).toThrow(
      expect.objectContaining({ name: "SignatureHashMismatchError" }),
    );
  });

  it("refuses a missing or repeated signature, and a partner's without consent", () => {
    expect(() => completionCertificate({ ...INPUT, signatures: [PARTNER] })).toThrow(
      IncompleteSignaturesError,
    );
    expect(() => completionCertificate({ ...INPUT, signatures: [PARTNER, PARTNER, OFFICE] })).toThrow(
      IncompleteSignaturesError,
    );
    const { consentToElectronicRecords: _, ...withoutConsent } = PARTNER;
    expect(() => completionCertificate({ ...INPUT, signatures: [withoutConsent, OFFICE] })).toThrow(
      /consent to electronic records/,
    );
  });

  it("is shown as a page with each signature's evidence, escaped", () => {
    const out = certificateHtml(completionCertificate(INPUT)).value;
    expect(out).toContain('id="certificate"');
    expect(out).toContain(`Document SHA-256: ${HASH}`);
    expect(out).toContain("<h3>Signed for the Partner</h3>");
    expect(out).toContain("Signed at: 2026-12-12 14:03:09 UTC");
    expect(out).toContain("IP address: 198.51.100.20");
    expect(out).toContain("Mozilla/5.0 &lt;script&gt;");
  });

  it("is a PDF, the same bytes each time, that names the hash and both signatories", async () => {
    const cert = completionCertificate(INPUT);
    const [a, b] = [await certificatePdf(cert), await certificatePdf(cert)];
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    const other = await certificatePdf(
      completionCertificate({ ...INPUT, completedAt: "2026-12-13T09:00:02.000Z" }),
    );
    expect(sha256Hex(other)).not.toBe(sha256Hex(a));
    const text = pdfStrings(a).join(" ");
    for (const expected of [
      "Completion certificate",
      "Dana Okafor",
      "Sam Lee",
      "Page 1 of 1",
      HASH.slice(0, 20),
    ])
      expect(text).toContain(expected);
    const pdf = await PDFDocument.load(a, { updateMetadata: false });
    expect(pdf.getCreationDate()?.toISOString()).toBe(INPUT.completedAt);
  });
});
