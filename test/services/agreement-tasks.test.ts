/**
 * The agreement's tasks on the in-memory repository and evidence store: IssueAgreement (the PDF by its hash,
 * safe to repeat, a new version voiding the signatures before it) and CompleteAgreement (the certificate that
 * binds both signatures, both parties emailed two PDFs, safe to repeat; a paper signing without certificate).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { agreementState } from "#shared/domain/agreement-state.ts";
import { certificateSha256 } from "#shared/domain/completion-certificate.ts";
import { agreementKey, certificateKey } from "#shared/domain/document-keys.ts";
import { sha256Hex } from "#shared/domain/sha256.ts";
import { completeAgreement } from "#shared/services/complete-agreement.ts";
import { certifiedAgreement } from "#shared/steps/certificate-view.ts";
import { Office, P, SECOND_OFFICER, TERMS_FORM } from "../fixtures/onboarding-office.ts";
import { pdfStrings } from "../fixtures/pdf-text.ts";

let office: Office;

beforeEach(async () => {
  office = await Office.approved();
  await office.vet();
  await office.authorise();
});

const eventsOf = async (type: string) => (await office.events()).filter((e) => e.type === type);

describe("issueAgreement", () => {
  it("refuses to issue before any terms are set", async () => {
    await expect(office.issue()).rejects.toMatchObject({ name: "ValidationError" });
    expect(await eventsOf("AgreementIssued")).toEqual([]);
  });

  it("stores version 1's PDF under its SHA-256 and records it; a repeat issues nothing more", async () => {
    await office.decide("agreement-terms", { ...TERMS_FORM, noConflict: "yes", outcome: "issue" });
    const issued = await office.issue();
    expect(issued.version).toBe(1);
    const pdf = await office.documents.get(agreementKey(P, 1, issued.sha256));
    expect(pdf && sha256Hex(pdf)).toBe(issued.sha256);
    expect(office.documents.contentTypeOf(agreementKey(P, 1, issued.sha256))).toBe("application/pdf");
    const [event] = await eventsOf("AgreementIssued");
    const termsSet = (await eventsOf("AgreementTermsSet"))[0];
    expect(event).toMatchObject({
      actor: "system:workflow",
      step: "IssueAgreementForSigning",
      data: {
        version: 1,
        sha256: issued.sha256,
        termsDecisionId: termsSet?.data.decisionId,
        issuedAt: termsSet?.at,
      },
    });
    expect(event?.data.voids).toBeUndefined();
    // The PDF says what the officer set.
    expect(pdfStrings(pdf ?? new Uint8Array()).join(" ")).toContain("Referrals go through the school");

    expect(await office.issue()).toEqual(issued);
    expect(await eventsOf("AgreementIssued")).toHaveLength(1);
    expect(office.documents.size).toBe(1);
  });

  it("the same terms render the same bytes, in another run", async () => {
    const first = await office.issueTerms();
    const other = await Office.approved();
    await other.vet();
    await other.authorise();
    expect(await other.issueTerms()).toBe(first);
  });

  it("new terms before anyone signed make version 2, voiding nothing", async () => {
    const v1 = await office.issueTerms();
    const v2 = await office.issueTerms({ ...TERMS_FORM, termMonths: "24" });
    expect(v2).not.toBe(v1);
    expect(agreementState(await office.events()).current).toMatchObject({ version: 2, sha256: v2 });
    expect((await eventsOf("AgreementIssued"))[1]?.data.voids).toBeUndefined();
  });

  it("new terms after the partner signed make version 2, which voids version 1's signature", async () => {
    await office.issueTerms();
    await office.sign();
    expect(agreementState(await office.events()).signatures).toHaveLength(1);
    await office.issueTerms({ ...TERMS_FORM, termMonths: "24" });
    expect((await eventsOf("AgreementIssued"))[1]?.data).toMatchObject({ version: 2, voids: [1] });
    expect(agreementState(await office.events()).signatures).toEqual([]);
  });
});

describe("completeAgreement", () => {
  let sha: string;

  beforeEach(async () => {
    sha = await office.issueTerms();
  });

  async function countersigned() {
    await office.sign();
    await office.decide("countersign", Office.countersignature(sha));
    office.sent.splice(0);
  }

  it("refuses an agreement neither countersigned nor signed on paper", async () => {
    await office.sign();
    await expect(office.complete()).rejects.toMatchObject({
      name: "ValidationError",
      message: "The agreement is neither countersigned nor signed on paper",
    });
    expect(await eventsOf("AgreementCompleted")).toEqual([]);
  });

  it("certifies the hash both signed, stores the certificate, and emails both parties the two PDFs", async () => {
    await countersigned();
    expect(await office.complete()).toEqual({ version: 1 });

    const events = await office.events();
    const view = { partnership: await office.partnership(), events, config: office.config };
    const certified = certifiedAgreement(view);
    expect(certified?.certificate).toMatchObject({ documentSha256: sha, agreementVersion: 1 });
    expect(certified?.certificate.signatures.map((s) => [s.role, s.documentSha256])).toEqual([
      ["partner", sha],
      ["office", sha],
    ]);
    const completed = events.find((e) => e.type === "AgreementCompleted");
    expect(completed?.data).toMatchObject({
      version: 1,
      sha256: sha,
      certificateSha256: certified && certificateSha256(certified.certificate),
    });
    const certificatePdfSha = String(completed?.data.certificatePdfSha256);
    const certificatePdf = await office.documents.get(certificateKey(P, 1, certificatePdfSha));
    expect(certificatePdf && sha256Hex(certificatePdf)).toBe(certificatePdfSha);
    const certificateText = pdfStrings(certificatePdf ?? new Uint8Array()).join(" ");
    expect(certificateText).toContain(sha);
    expect(certificateText).toContain("Morgan Lee");
    expect(certificateText).toContain(office.intake.signatory.name);

    const partnerTo = [office.intake.signatory.email, office.intake.contact.email];
    expect(office.sent.map((m) => m.to)).toEqual([partnerTo, [SECOND_OFFICER, "office@example.org"]]);
    for (const mail of office.sent) {
      expect(mail.subject).toMatch(/is signed: the partnership is active/);
      const files = mail.attachments ?? [];
      expect(files.map((f) => [f.filename, f.contentType])).toEqual([
        ["agreement-v1.pdf", "application/pdf"],
        ["completion-certificate-v1.pdf", "application/pdf"],
      ]);
      expect(sha256Hex(files[0]?.content ?? new Uint8Array())).toBe(sha);
      expect(sha256Hex(files[1]?.content ?? new Uint8Array())).toBe(certificatePdfSha);
    }
    expect((await eventsOf("AgreementDelivered"))[0]?.data).toEqual({
      version: 1,
      recipients: 4,
      attachments: ["agreement-v1.pdf", "completion-certificate-v1.pdf"],
    });
  });

  it("a repeat does nothing more: one completion, one delivery, no second email", async () => {
    await countersigned();
    await office.complete();
    const after = await office.events();
    await office.complete();
    expect(await office.events()).toEqual(after);
    expect(office.sent).toHaveLength(2);
  });

  it("a repeat after the emails failed sends them, without a second completion", async () => {
    await countersigned();
    const down = { ...office.deps(), mailer: { send: async () => Promise.reject(new Error("SES down")) } };
    await completeAgreement(down, { partnershipId: P, phase: "certify" }, "CertifyAgreement");
    await expect(
      completeAgreement(down, { partnershipId: P, phase: "deliver" }, "DeliverSignedAgreement"),
    ).rejects.toThrow("SES down");
    expect(await eventsOf("AgreementCompleted")).toHaveLength(1);
    expect(await eventsOf("AgreementDelivered")).toEqual([]);
    await office.complete();
    expect(await eventsOf("AgreementCompleted")).toHaveLength(1);
    expect(await eventsOf("AgreementDelivered")).toHaveLength(1);
    expect(office.sent).toHaveLength(2);
  });

  it("certifies without a word to anyone, and delivers only what was certified", async () => {
    await countersigned();
    await completeAgreement(office.deps(), { partnershipId: P, phase: "certify" }, "CertifyAgreement");
    expect(await eventsOf("AgreementCompleted")).toHaveLength(1);
    expect(office.sent).toEqual([]);
    await completeAgreement(office.deps(), { partnershipId: P, phase: "deliver" }, "DeliverSignedAgreement");
    expect(office.sent).toHaveLength(2);
  });

  it("refuses to deliver an agreement not certified yet, and sends nothing", async () => {
    await countersigned();
    await expect(
      completeAgreement(office.deps(), { partnershipId: P, phase: "deliver" }, "DeliverSignedAgreement"),
    ).rejects.toMatchObject({ name: "ValidationError" });
    expect(office.sent).toEqual([]);
  });

  it("a paper signing completes without a certificate: the agreement alone is emailed", async () => {
    await office.decide("agreement-signing", { action: "paper" });
    await office.decide("paper-agreement", { outcome: "received", reference: "Binder 7", noConflict: "yes" });
    office.sent.splice(0);
    await office.complete();
    const completed = (await eventsOf("AgreementCompleted"))[0];
    expect(completed?.data).toEqual({ version: 1, sha256: sha, paperReference: "Binder 7" });
    expect(office.documents.size).toBe(1);
    expect(office.sent).toHaveLength(2);
    for (const mail of office.sent) {
      expect((mail.attachments ?? []).map((f) => f.filename)).toEqual(["agreement-v1.pdf"]);
      expect(mail.text).toContain("the agreement as signed on paper");
    }
    // The signatory the ledger confirmed, the contact, and the office.
    expect(office.sent.map((m) => m.to)).toEqual([
      [office.intake.signatory.email, office.intake.contact.email],
      ["office@example.org"],
    ]);
  });
});
