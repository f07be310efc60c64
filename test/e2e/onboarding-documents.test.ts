/**
 * The onboarding to ACTIVE with documents, over HTTP through the local runtime, every link read from the mail
 * catcher: the partner uploads the liability insurance's PDF with the checklist (multipart, saved then sent);
 * an oversize file and a PNG named .pdf are refused with their messages and change nothing; the officer opens
 * the document through its short-lived link (the same bytes), and nobody else can; the signatory opens the
 * agreement's PDF; at the end the partner's status link gives the completion certificate as a page, JSON and
 * PDF, and the signed agreement.
 */
import { createHash, randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { MAX_DOCUMENT_BYTES } from "#shared/domain/document-limits.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { tinyPdf, tinyPng } from "../fixtures/documents.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey } from "./harness.ts";
import { CHECKLIST, hidden, pathOf, vettedToSigning } from "./onboarding-steps.ts";

let journey: Journey;
let repository: DynamoDbPartnershipRepository;

beforeAll(async () => {
  journey = await Journey.start();
  repository = new DynamoDbPartnershipRepository(
    createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
    "partnerflow",
  );
});
afterAll(async () => {
  await journey?.stop();
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Follows a document's 302 to the store's short-lived link, checks its headers, and returns the bytes. */
async function openDocument(path: string): Promise<Uint8Array> {
  const response = await journey.fetch(path);
  expect(response.status, path).toBe(302);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  const location = response.headers.get("location") ?? "";
  expect(location).toContain("X-Amz-Expires=300");
  const stored = await fetch(location);
  expect(stored.status).toBe(200);
  return new Uint8Array(await stored.arrayBuffer());
}

const INSURANCE = "liability-insurance.document";

describe("documents in the onboarding, through the local runtime", () => {
  it("uploads the insurance PDF, refuses bad files, lets only the officer open it, and gives the certificate", async () => {
    const intake = makeIntake({ organisation: { name: "Bluenose Workshops" } });
    const submitted = await journey.submitJson(intake);
    expect(submitted.status).toBe(202);
    const { partnershipId, statusUrl } = (await submitted.json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const statusPath = new URL(statusUrl).pathname;
    const contact = intake.contact.email;
    const review = await journey.waitForMail(/intake review for Bluenose Workshops/, ANY_OFFICER);
    expect(
      (await journey.postForm(pathOf(review, "/decisions"), { noConflict: "yes", outcome: "approve" }))
        .status,
    ).toBe(200);

    // The checklist page takes files.
    const vetting = pathOf(
      await journey.waitForMail(/Vetting checklist for the Bluenose Workshops/, contact),
      "/vetting",
    );
    const form = await (await journey.fetch(vetting)).text();
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain(`name="${INSURANCE}" type="file"`);

    // Saved with the insurance's PDF: the draft keeps it, and the page says so.
    const pdf = tinyPdf();
    const saved = await journey.postMultipart(
      vetting,
      { action: "save", "liability-insurance.issuer": "Maple Mutual" },
      { [INSURANCE]: { name: "insurance-certificate.pdf", bytes: pdf, type: "application/pdf" } },
    );
    expect(saved.status).toBe(200);
    const savedPage = await saved.text();
    expect(savedPage).toContain('id="saved"');
    expect(savedPage).toContain("Saved: insurance-certificate.pdf");

    // A file over 4 MB, and a PNG named .pdf, are refused with their messages; nothing changes.
    const oversize = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    oversize.set(pdf);
    const tooLarge = await journey.postMultipart(
      vetting,
      { action: "send", ...CHECKLIST },
      { [INSURANCE]: { name: "scan.pdf", bytes: oversize, type: "application/pdf" } },
    );
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain("The file is larger than 4 MB");
    const farTooLarge = await journey.postMultipart(
      vetting,
      { action: "send", ...CHECKLIST },
      { [INSURANCE]: { name: "scan.pdf", bytes: new Uint8Array(MAX_DOCUMENT_BYTES + 100_000) } },
    );
    expect(farTooLarge.status).toBe(413);
    expect(await farTooLarge.text()).toContain("larger than 4 MB");
    const png = await journey.postMultipart(
      vetting,
      { action: "send", ...CHECKLIST },
      { [INSURANCE]: { name: "policy.pdf", bytes: tinyPng(), type: "application/pdf" } },
    );
    expect(png.status).toBe(400);
    expect(await png.text()).toContain("The file is named .pdf but is a PNG image");
    const unchanged = await (await journey.fetch(vetting)).text();
    expect(unchanged).toContain("Saved: insurance-certificate.pdf");
    expect((await repository.listEvents(partnershipId)).map((e) => e.type)).not.toContain(
      "VettingEvidenceSubmitted",
    );

    // Sent without choosing the file again: the saved document goes with the insurance's evidence.
    expect((await journey.postMultipart(vetting, { action: "send", ...CHECKLIST })).status).toBe(200);
    const submittedEvent = (await repository.listEvents(partnershipId)).find(
      (e) => e.type === "VettingEvidenceSubmitted",
    );
    const details = submittedEvent?.data.details as { items?: { itemId: string; document?: unknown }[] };
    const items = details?.items ?? [];
    expect(items.find((i) => i.itemId === "liability-insurance")?.document).toEqual({
      sha256: sha256(pdf),
      name: "insurance-certificate.pdf",
      contentType: "application/pdf",
      size: pdf.byteLength,
    });

    // The officer opens it through a short-lived link: the same bytes.
    const vettingReview = await journey.waitForMail(/vetting review for Bluenose Workshops/, ANY_OFFICER);
    const reviewPath = pathOf(vettingReview, "/vetting-review");
    const reviewPage = await (await journey.fetch(reviewPath)).text();
    const documentPath = `${reviewPath}/documents/${sha256(pdf)}`;
    expect(reviewPage).toContain(`href="${documentPath}"`);
    expect(sha256(await openDocument(documentPath))).toBe(sha256(pdf));

    // Nobody else: another hash, the partner's own link, the status link, a made-up token; all "not found".
    const statusToken = statusPath.split("/").at(-1) ?? "";
    const vettingToken = vetting.split("/").at(-1) ?? "";
    for (const other of [
      `${reviewPath}/documents/${sha256(tinyPng())}`,
      `${reviewPath}/documents/not-a-hash`,
      `/vetting-review/${vettingToken}/documents/${sha256(pdf)}`,
      `/vetting-review/${statusToken}/documents/${sha256(pdf)}`,
      `/vetting-review/${randomBytes(32).toString("base64url")}/documents/${sha256(pdf)}`,
      `/vetting/${vettingToken}/documents/${sha256(pdf)}`,
    ]) {
      const refused = await journey.fetch(other);
      expect(refused.status, other).toBe(404);
      expect(refused.headers.get("location"), other).toBeNull();
    }

    const items_ = [...new Set(Object.keys(CHECKLIST).map((k) => k.split(".")[0] ?? ""))];
    const verdicts = Object.fromEntries(items_.map((id) => [`${id}.verdict`, "verified"]));
    expect(
      (await journey.postForm(reviewPath, { ...verdicts, noConflict: "yes", outcome: "record" })).status,
    ).toBe(200);
    // Once the officer's link is used, it opens nothing.
    expect((await journey.fetch(documentPath)).status).toBe(410);
    await journey.waitForStage(statusUrl, "CONFIRMING_AUTHORITY");

    // The signatory confirms and an officer issues the terms; the signatory opens the agreement's PDF from the
    // signing page: the bytes whose hash is signed.
    const sign = await vettedToSigning(journey, intake);
    const signPage = await (await journey.fetch(sign)).text();
    const sha = hidden(signPage, "documentSha256");
    expect(signPage).toContain(`href="${sign}/agreement.pdf"`);
    expect(sha256(await openDocument(`${sign}/agreement.pdf`))).toBe(sha);
    // Not yet completed: no certificate.
    expect((await journey.fetch(`${statusPath}/certificate`)).status).toBe(404);
    expect((await journey.fetch(`${statusPath}/agreement.pdf`)).status).toBe(404);

    expect(
      (
        await journey.postForm(sign, {
          action: "sign",
          consent: "yes",
          intent: "yes",
          documentSha256: sha,
          fullName: intake.signatory.name,
        })
      ).status,
    ).toBe(200);
    expect((await journey.fetch(`${sign}/agreement.pdf`)).status).toBe(410);
    const countersign = pathOf(
      await journey.waitForMail(/countersign the agreement with Bluenose Workshops/, ANY_OFFICER),
      "/countersign",
    );
    expect(sha256(await openDocument(`${countersign}/agreement.pdf`))).toBe(sha);
    expect(
      (
        await journey.postForm(countersign, {
          documentSha256: sha,
          intent: "yes",
          fullName: "Morgan Lee",
          noConflict: "yes",
          outcome: "countersign",
        })
      ).status,
    ).toBe(200);

    // Active: the status page links to the certificate (page, JSON, PDF) and the signed agreement.
    const active = await journey.waitForStage(statusUrl, "ACTIVE");
    expect(active).toContain(`href="${statusPath}/certificate"`);
    const certificatePage = await journey.fetch(`${statusPath}/certificate`);
    expect(certificatePage.status).toBe(200);
    const certificateText = await certificatePage.text();
    expect(certificateText).toContain(sha);
    expect(certificateText).toContain(intake.signatory.name);
    expect(certificateText).toContain("Morgan Lee");
    const json = await journey.fetch(`${statusPath}/certificate.json`);
    expect(json.headers.get("content-type")).toBe("application/json");
    const certificate = (await json.json()) as { documentSha256: string; signatures: { role: string }[] };
    expect(certificate.documentSha256).toBe(sha);
    expect(certificate.signatures.map((s) => s.role)).toEqual(["partner", "office"]);
    const completed = (await repository.listEvents(partnershipId)).find(
      (e) => e.type === "AgreementCompleted",
    );
    expect(sha256(await openDocument(`${statusPath}/certificate.pdf`))).toBe(
      completed?.data.certificatePdfSha256,
    );
    expect(sha256(await openDocument(`${statusPath}/agreement.pdf`))).toBe(sha);

    expect(verifyLedger(await repository.listEvents(partnershipId))).toMatchObject({ ok: true });
  }, 90_000);
});
