/**
 * Documents in the human steps, on the in-memory repository and the in-memory evidence store: the partner's
 * uploads on the vetting checklist (inspected, stored by hash with the answer or the draft that records them,
 * refused with a field error that changes nothing), and the documents a link opens (show-documents): only while
 * the link is open, only what the ledger records, as a short-lived link.
 */
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { InMemoryEvidenceStore } from "#shared/adapters/in-memory-evidence-store.ts";
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import { evidenceKey } from "#shared/domain/document-keys.ts";
import { inspectUpload } from "#shared/domain/documents.ts";
import { LinkNotFoundError, LinkUsedError } from "#shared/domain/errors.ts";
import type { EmailMessage } from "#shared/ports/mailer.ts";
import { openStep } from "#shared/services/open-step.ts";
import {
  DOCUMENT_LINK_TTL_SECONDS,
  openStatusDocument,
  openStepDocument,
} from "#shared/services/show-documents.ts";
import { decideStep, MAX_DRAFT_FILES, showStep } from "#shared/services/step-pages.ts";
import type { Upload } from "#shared/services/step-uploads.ts";
import { STEPS } from "#shared/steps/index.ts";
import { tinyPdf, tinyPng } from "../fixtures/documents.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { checklistAnswers } from "../fixtures/onboarding-answers.ts";
import { CONFIG, P } from "../fixtures/step-view.ts";

let repository: InMemoryPartnershipRepository;
let store: InMemoryEvidenceStore;
let sent: EmailMessage[];
const now = new Date("2026-11-23T15:00:00.000Z");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function deps() {
  return {
    repository,
    clock: { now: () => now },
    config: CONFIG,
    mailer: { send: async (m: EmailMessage) => void sent.push(m) },
    resumer: { resume: async () => undefined },
    documents: store,
  };
}

const uploads = (files: Record<string, Upload[]>) => ({ files, inspect: inspectUpload, store });

beforeEach(async () => {
  repository = new InMemoryPartnershipRepository();
  store = new InMemoryEvidenceStore();
  sent = [];
  const intake = makeIntake({ organisation: { name: "In Memory Instruments" } });
  await repository.createPartnership({
    id: P,
    stage: "VETTING",
    organisationName: intake.organisation.name,
    intake,
    intakeVersion: 1,
    assessmentRound: 1,
    submittedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  await repository.beginLedger({
    partnershipId: P,
    at: now.toISOString(),
    actor: "partner",
    type: "IntakeSubmitted",
    data: { stage: "SUBMITTED", intakeVersion: 1, intake: {} },
  });
});

async function opened(kind: string, taskToken: string) {
  await openStep(deps(), STEPS, {
    partnershipId: P,
    kind,
    state: "AwaitX",
    taskToken,
    timeoutSeconds: 86_400,
  });
  const url = /https:\/\/partners\.example\.org(\/[a-z-]+\/[A-Za-z0-9_-]{43})/.exec(
    sent.at(-1)?.text ?? "",
  )?.[1];
  if (!url) throw new Error("No link was emailed");
  const [, linkPath = "", token = ""] = /^(\/[a-z-]+)\/(.+)$/.exec(url) ?? [];
  return { token, linkPath };
}

/** A complete checklist for the fixture's intake (a work-experience placement). */
const CHECKLIST = checklistAnswers();
const INSURANCE = "liability-insurance.document";
const PDF = tinyPdf();

async function submittedItems() {
  const events = await repository.listEvents(P);
  const submitted = events.find((e) => e.type === "VettingEvidenceSubmitted");
  return (
    (submitted?.data.details as { items?: { itemId: string; document?: unknown }[] } | undefined)?.items ?? []
  );
}

describe("uploads on the partner's vetting checklist", () => {
  it("a link's saves store at most MAX_DRAFT_FILES files in all: the next is refused and stores nothing", async () => {
    const request = await opened("vetting-evidence", "T1");
    // Each save a different PDF (a comment appended to the file changes its bytes, not its type).
    const pdf = (n: number) => new Uint8Array([...PDF, ...new TextEncoder().encode(`\n%${n}\n`)]);
    const save = (n: number) =>
      decideStep(
        deps(),
        STEPS,
        request,
        { action: "save" },
        undefined,
        uploads({ [INSURANCE]: [{ name: `p${n}.pdf`, bytes: pdf(n) }] }),
      );
    for (let n = 1; n <= MAX_DRAFT_FILES; n++) expect((await save(n)).statusCode, `save ${n}`).toBe(200);
    expect(store.size).toBe(MAX_DRAFT_FILES);
    const refused = await save(MAX_DRAFT_FILES + 1);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`This link has saved ${MAX_DRAFT_FILES} files already`);
    expect(store.size).toBe(MAX_DRAFT_FILES);
    // A save without a file still works.
    expect(
      (await decideStep(deps(), STEPS, request, { action: "save" }, undefined, uploads({}))).statusCode,
    ).toBe(200);
  });

  it("a saved draft stores the document and keeps it; sent later without the file, the ledger records it", async () => {
    const request = await opened("vetting-evidence", "T1");
    const page = await showStep(deps(), STEPS, request);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`name="${INSURANCE}" type="file"`);
    // Declarations only: no file input.
    expect(page.body).not.toContain('name="privacy-undertaking.document"');

    const saved = await decideStep(
      deps(),
      STEPS,
      request,
      { action: "save" },
      undefined,
      uploads({
        [INSURANCE]: [{ name: "policy.pdf", bytes: PDF }],
      }),
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("Saved: policy.pdf");
    expect(await store.get(evidenceKey(P, sha256(PDF)))).toEqual(PDF);
    expect(store.contentTypeOf(evidenceKey(P, sha256(PDF)))).toBe("application/pdf");

    const sent_ = await decideStep(
      deps(),
      STEPS,
      request,
      { action: "send", ...CHECKLIST },
      undefined,
      uploads({}),
    );
    expect(sent_.statusCode).toBe(200);
    expect((await submittedItems()).find((i) => i.itemId === "liability-insurance")?.document).toEqual({
      sha256: sha256(PDF),
      name: "policy.pdf",
      contentType: "application/pdf",
      size: PDF.byteLength,
    });
  });

  it("a later upload replaces the draft's document", async () => {
    const request = await opened("vetting-evidence", "T1");
    await decideStep(
      deps(),
      STEPS,
      request,
      { action: "save" },
      undefined,
      uploads({
        [INSURANCE]: [{ name: "old.png", bytes: tinyPng() }],
      }),
    );
    await decideStep(
      deps(),
      STEPS,
      request,
      { action: "send", ...CHECKLIST },
      undefined,
      uploads({
        [INSURANCE]: [{ name: "new.pdf", bytes: PDF }],
      }),
    );
    expect((await submittedItems()).find((i) => i.itemId === "liability-insurance")?.document).toMatchObject({
      sha256: sha256(PDF),
      name: "new.pdf",
    });
  });

  it("a refused file is an error on its input, and nothing is stored, saved or sent", async () => {
    const request = await opened("vetting-evidence", "T1");
    const refused = await decideStep(
      deps(),
      STEPS,
      request,
      { action: "send", ...CHECKLIST },
      undefined,
      uploads({
        [INSURANCE]: [{ name: "policy.pdf", bytes: tinyPng() }],
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="f-liability-insurance-document-error"');
    expect(refused.body).toContain("The file is named .pdf but is a PNG image");
    const draft = await decideStep(
      deps(),
      STEPS,
      request,
      { action: "save" },
      undefined,
      uploads({
        [INSURANCE]: [{ name: "empty.pdf", bytes: new Uint8Array() }],
      }),
    );
    expect(draft.statusCode).toBe(400);
    expect(draft.body).toContain("The file is empty");
    expect(store.size).toBe(0);
    expect(
      (
        await repository.getDecision(
          P,
          (await repository.getPartnershipRecord(P))?.decisions[0]?.decisionId ?? "",
        )
      )?.draft,
    ).toBeUndefined();
    expect(await submittedItems()).toEqual([]);
  });

  it("a file for an input the page does not have, or for an item answered by a declaration, is not stored", async () => {
    const request = await opened("vetting-evidence", "T1");
    const decided = await decideStep(
      deps(),
      STEPS,
      request,
      { action: "send", ...CHECKLIST },
      undefined,
      uploads({
        "privacy-undertaking.document": [{ name: "a.pdf", bytes: PDF }],
        "references.document": [{ name: "b.png", bytes: tinyPng() }],
      }),
    );
    expect(decided.statusCode).toBe(200);
    expect(store.size).toBe(0);
    expect((await submittedItems()).some((i) => i.document !== undefined)).toBe(false);
  });
});

describe("documents a link opens", () => {
  async function reviewWithDocument() {
    const vetting = await opened("vetting-evidence", "T1");
    await decideStep(
      deps(),
      STEPS,
      vetting,
      { action: "send", ...CHECKLIST },
      undefined,
      uploads({
        [INSURANCE]: [{ name: "policy.pdf", bytes: PDF }],
      }),
    );
    return { ...(await opened("vetting-review", "T2")), partner: vetting };
  }

  it("the officer's open review link opens a document the ledger records, as a 5-minute link", async () => {
    const review = await reviewWithDocument();
    const shown = await showStep(deps(), STEPS, review);
    expect(shown.body).toContain(`href="${review.linkPath}/${review.token}/documents/${sha256(PDF)}"`);
    const answer = await openStepDocument(deps(), STEPS, review, sha256(PDF));
    expect(answer.statusCode).toBe(302);
    expect(answer.headers).toMatchObject({ "cache-control": "no-store", "referrer-policy": "no-referrer" });
    const location = new URL(String(answer.headers?.location));
    expect(location.pathname).toBe(`/${evidenceKey(P, sha256(PDF))}`);
    expect(location.searchParams.get("ttl")).toBe(String(DOCUMENT_LINK_TTL_SECONDS));
    // A neutral name in the link (its query is logged); the page shows the partner's own file name.
    expect(location.searchParams.get("name")).toBe(`evidence-${sha256(PDF).slice(0, 12)}.pdf`);
    expect(shown.body).toContain(">policy.pdf</a>");
    expect(location.searchParams.get("type")).toBe("application/pdf");
  });

  it("nothing the ledger does not record, through no other link, and not once the link is used", async () => {
    const review = await reviewWithDocument();
    await expect(openStepDocument(deps(), STEPS, review, sha256(tinyPng()))).rejects.toThrow(
      LinkNotFoundError,
    );
    await expect(openStepDocument(deps(), STEPS, review, "../../etc")).rejects.toThrow(LinkNotFoundError);
    // The partner's checklist link is another step's: the review's path opens nothing with it.
    await expect(
      openStepDocument(
        deps(),
        STEPS,
        { token: review.partner.token, linkPath: "/vetting-review" },
        sha256(PDF),
      ),
    ).rejects.toThrow(LinkNotFoundError);
    const verdicts = Object.fromEntries(
      [...new Set(Object.keys(CHECKLIST).map((k) => k.split(".")[0]))].map((id) => [
        `${id}.verdict`,
        "verified",
      ]),
    );
    const decided = await decideStep(deps(), STEPS, review, {
      ...verdicts,
      noConflict: "yes",
      outcome: "record",
    });
    expect(decided.statusCode).toBe(200);
    await expect(openStepDocument(deps(), STEPS, review, sha256(PDF))).rejects.toThrow(LinkUsedError);
  });

  it("the status link's certificate and signed agreement: not found before the agreement is completed", async () => {
    const receipt = await reviewWithDocument().then(() => sent.find((m) => /\/status\//.test(m.text)));
    const token = /\/status\/([A-Za-z0-9_-]{43})/.exec(receipt?.text ?? "")?.[1] ?? "";
    expect(token).not.toBe("");
    for (const which of ["certificate", "certificateJson", "certificatePdf", "agreementPdf"] as const) {
      const answer = await openStatusDocument(deps(), token, which, `/status/${token}`);
      expect(answer.statusCode, which).toBe(404);
    }
    await expect(openStatusDocument(deps(), "x".repeat(43), "certificate", "/status/x")).rejects.toThrow(
      LinkNotFoundError,
    );
  });
});
