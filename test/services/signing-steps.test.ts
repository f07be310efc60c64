/**
 * The agreement's steps through the generic pages, on the in-memory repository and evidence store: the
 * signatory's signature (name, hash, consent), the paper process, the countersignature under segregation of
 * duties (who it goes to, the refusal), and a change after signing that voids the partner's signature.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { agreementState, signatureOf } from "#shared/domain/agreement-state.ts";
import { STEPS } from "#shared/steps/index.ts";
import { SEGREGATION_MESSAGE } from "#shared/steps/segregation.ts";
import {
  CLIENT,
  hiddenValue,
  LEAD,
  OFFICER,
  Office,
  type Opened,
  P,
  SECOND_OFFICER,
  summaryErrors,
  TERMS_FORM,
} from "../fixtures/onboarding-office.ts";

let office: Office;
let sha: string;

/** What a refused POST must leave as it was. */
async function unchangedBy(opened: Opened, post: () => Promise<{ statusCode: number; body: string }>) {
  const before = {
    events: await office.events(),
    decision: await office.repository.getDecision(P, opened.decision.decisionId),
    resumed: office.resumed.length,
  };
  const response = await post();
  expect(response.statusCode).toBe(400);
  expect({
    events: await office.events(),
    decision: await office.repository.getDecision(P, opened.decision.decisionId),
    resumed: office.resumed.length,
  }).toEqual(before);
  return summaryErrors(response.body);
}

beforeEach(async () => {
  office = await Office.approved();
  await office.vet();
  await office.authorise();
  sha = await office.issueTerms();
});

describe("the signatory's signature", () => {
  const signature = () => ({
    action: "sign",
    consent: "yes",
    intent: "yes",
    documentSha256: sha,
    fullName: office.intake.signatory.name,
  });

  it("goes to the confirmed signatory, shows the version issued, and records the evidence", async () => {
    const opened = await office.open("agreement-signing");
    expect(opened.mail.to).toEqual([office.intake.signatory.email]);
    const page = (await office.show(opened)).body;
    expect(hiddenValue(page, "documentSha256")).toBe(sha);
    expect(page).toContain("Agreement version 1.");
    // Names are compared as people write them.
    const response = await office.post(opened, { ...signature(), fullName: "  daniel OKAFOR " });
    expect(response.statusCode).toBe(200);
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "sign" });
    const partner = signatureOf(agreementState(await office.events()), "partner");
    expect(partner).toEqual({
      role: "partner",
      name: "daniel OKAFOR",
      title: office.intake.signatory.title,
      email: office.intake.signatory.email,
      signedAt: office.now.toISOString(),
      ip: CLIENT.ip,
      userAgent: CLIENT.userAgent,
      agreementVersion: 1,
      documentSha256: sha,
      consentToElectronicRecords: true,
    });
  });

  it("refuses a name other than the confirmed signatory's, and changes nothing", async () => {
    const opened = await office.open("agreement-signing");
    const errors = await unchangedBy(opened, () =>
      office.post(opened, { ...signature(), fullName: "Priya Raman" }),
    );
    expect(errors).toEqual(["Type the name of the confirmed signatory, Daniel Okafor, exactly as confirmed"]);
  });

  it("refuses a tampered document hash, and changes nothing", async () => {
    const opened = await office.open("agreement-signing");
    const errors = await unchangedBy(opened, () =>
      office.post(opened, { ...signature(), documentSha256: "0".repeat(64) }),
    );
    expect(errors).toEqual([
      "The agreement has changed since this page was opened: reload the page and read the current version",
    ]);
    const missing = await unchangedBy(opened, () =>
      office.post(opened, { ...signature(), documentSha256: "" }),
    );
    expect(missing).toHaveLength(1);
  });

  it("refuses a signature without consent or intent, naming both", async () => {
    const opened = await office.open("agreement-signing");
    const errors = await unchangedBy(opened, () =>
      office.post(opened, { ...signature(), consent: "", intent: "" }),
    );
    expect(errors).toEqual([
      "Required: consent to sign electronically, or ask for a paper process at the end of the page",
      "Required: tick the box to sign",
    ]);
  });

  it("consent declined: a paper process, recorded by an officer with where the copies are filed", async () => {
    const opened = await office.open("agreement-signing");
    expect(
      (await office.post(opened, { action: "paper", reason: "Our board signs on paper" })).statusCode,
    ).toBe(200);
    expect(office.resumed.at(-1)?.output).toMatchObject({
      outcome: "paper",
      comment: "Our board signs on paper",
    });
    expect(agreementState(await office.events())).toMatchObject({ paperRequested: true, signatures: [] });

    const paper = await office.open("paper-agreement");
    // An officer of the office is told, with a link that decides as them alone (no shared mailbox gets it); the
    // record of a paper signing is the office's signature, so never the officer who verified the vetting.
    expect(paper.mail.to).toEqual([SECOND_OFFICER]);
    const page = (await office.show(paper)).body;
    expect(page).toContain('name="noConflict"');
    const errors = await unchangedBy(paper, () =>
      office.post(paper, { outcome: "received", noConflict: "yes" }),
    );
    expect(errors).toEqual(["Required: say where the signed paper copies are filed"]);
    await office.post(paper, { outcome: "received", reference: "Binder 7, shelf 2", noConflict: "yes" });
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "received" });
    expect((await office.events()).at(-1)).toMatchObject({
      type: "PaperSigningRecorded",
      data: { details: { paper: { reference: "Binder 7, shelf 2" }, noConflictDeclared: true } },
    });
  });
});

describe("the countersignature", () => {
  beforeEach(async () => {
    await office.sign();
  });

  it("goes to the officer who did not verify the vetting, and binds the same hash", async () => {
    const opened = await office.open("countersign");
    expect(opened.mail.to).toEqual([SECOND_OFFICER]);
    expect(hiddenValue((await office.show(opened)).body, "documentSha256")).toBe(sha);
    expect((await office.post(opened, Office.countersignature(sha))).statusCode).toBe(200);
    const state = agreementState(await office.events());
    expect(signatureOf(state, "office")).toMatchObject({
      role: "office",
      email: SECOND_OFFICER,
      name: "Morgan Lee",
      documentSha256: sha,
    });
    expect(signatureOf(state, "partner")?.documentSha256).toBe(sha);
  });

  it("goes to the lead when the other officer declared a conflict with this partner", async () => {
    const first = await office.open("countersign");
    expect(first.mail.to).toEqual([SECOND_OFFICER]);
    await office.post(first, { outcome: "conflict" });
    const reopened = await office.open("countersign");
    expect(reopened.mail.to).toEqual([LEAD]);
    expect((await office.post(reopened, Office.countersignature(sha, "Lee Lead"))).statusCode).toBe(200);
  });

  it("nobody may countersign when the lead too declared a conflict: the step cannot be opened", async () => {
    await office.post(await office.open("countersign"), { outcome: "conflict" });
    await office.post(await office.open("countersign"), { outcome: "conflict" });
    await expect(office.open("countersign")).rejects.toMatchObject({ name: "NoOfficerAvailableError" });
  });

  it("by the officer who verified the vetting: refused with the segregation message, nothing signed", async () => {
    // The assignment never gives it to them; a link that did (a registry that assigns it so) is still refused.
    const misassigned = {
      ...STEPS,
      countersign: { ...STEPS.countersign, assignee: () => OFFICER },
    };
    const barred = new Office(office.intake, misassigned);
    Object.assign(barred, { repository: office.repository, documents: office.documents });
    const opened = await barred.open("countersign");
    expect(opened.decision.assignee).toBe(OFFICER);
    expect((await barred.show(opened)).body).toContain(SEGREGATION_MESSAGE.replace("'", "&#39;"));
    const before = await office.events();
    const response = await barred.post(opened, Office.countersignature(sha));
    expect(response.statusCode).toBe(400);
    expect(summaryErrors(response.body)).toEqual([SEGREGATION_MESSAGE]);
    expect(await office.events()).toEqual(before);
    expect(barred.resumed).toEqual([]);
    expect(signatureOf(agreementState(before), "office")).toBeUndefined();
    // A change asked for is refused too: this officer may not decide the step at all.
    expect(
      (await barred.post(opened, { outcome: "amend", comment: "x", noConflict: "yes" })).statusCode,
    ).toBe(400);
  });

  it("a paper signing recorded by the officer who verified the vetting: refused, nothing completed", async () => {
    // The partner's signatory can choose the paper path; its record is the office's signature all the same.
    const signing = await office.open("agreement-signing");
    expect((await office.post(signing, { action: "paper" })).statusCode).toBe(200);
    const misassigned = {
      ...STEPS,
      "paper-agreement": { ...STEPS["paper-agreement"], assignee: () => OFFICER },
    };
    const barred = new Office(office.intake, misassigned);
    Object.assign(barred, { repository: office.repository, documents: office.documents });
    const opened = await barred.open("paper-agreement");
    expect(opened.decision.assignee).toBe(OFFICER);
    const before = await office.events();
    const response = await barred.post(opened, {
      outcome: "received",
      reference: "Binder 7",
      noConflict: "yes",
    });
    expect(response.statusCode).toBe(400);
    expect(summaryErrors(response.body)).toEqual([SEGREGATION_MESSAGE]);
    expect(await office.events()).toEqual(before);
    expect(barred.resumed).toEqual([]);
  });

  it("refuses a tampered hash and a countersignature without the no-conflict declaration", async () => {
    const opened = await office.open("countersign");
    const tampered = await unchangedBy(opened, () =>
      office.post(opened, { ...Office.countersignature(sha), documentSha256: "f".repeat(64) }),
    );
    expect(tampered).toEqual([
      "The agreement has changed since this page was opened: reload the page and read the current version",
    ]);
    const { noConflict: _, ...undeclared } = Office.countersignature(sha);
    const errors = await unchangedBy(opened, () => office.post(opened, undeclared));
    expect(errors).toEqual([
      "Required: declare that you have no conflict of interest with this partner, or pass the decision on",
    ]);
  });

  it("a change after signing: new terms void the partner's signature, and the new version asks to sign again", async () => {
    const counter = await office.open("countersign");
    const noReason = await unchangedBy(counter, () =>
      office.post(counter, { outcome: "amend", noConflict: "yes" }),
    );
    expect(noReason).toEqual(["Required: say what should change in the agreement"]);
    await office.post(counter, {
      outcome: "amend",
      comment: "The term should be 24 months",
      noConflict: "yes",
    });
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "amend" });
    // Until a new version is issued, the partner's signature still stands on version 1.
    expect(signatureOf(agreementState(await office.events()), "partner")?.documentSha256).toBe(sha);

    // The terms' step, opened with the decision that led to it, shows why; it starts from the terms set last.
    const terms = await office.open("agreement-terms", {
      outcome: "amend",
      comment: "The term should be 24 months",
    });
    expect(terms.decision.request).toBe("The term should be 24 months");
    const termsPage = (await office.show(terms)).body;
    expect(termsPage).toContain("Why it is being changed: “The term should be 24 months”");
    expect(termsPage).toContain(`>${TERMS_FORM.expectedOutcomes}</textarea>`);
    await office.post(terms, { ...TERMS_FORM, termMonths: "24", noConflict: "yes", outcome: "issue" });
    const v2 = await office.issue();
    expect(v2.version).toBe(2);
    expect(v2.sha256).not.toBe(sha);
    const state = agreementState(await office.events());
    expect(state.current).toMatchObject({ version: 2, sha256: v2.sha256, voids: [1] });
    expect(state.signatures).toEqual([]);

    // The signatory's page shows version 2; the page of version 1, posted, signs nothing.
    const signing = await office.open("agreement-signing");
    const page = (await office.show(signing)).body;
    expect(hiddenValue(page, "documentSha256")).toBe(v2.sha256);
    expect(page).toContain("Agreement version 2.");
    const stale = await unchangedBy(signing, () =>
      office.post(signing, {
        action: "sign",
        consent: "yes",
        intent: "yes",
        documentSha256: sha,
        fullName: office.intake.signatory.name,
      }),
    );
    expect(stale).toEqual([
      "The agreement has changed since this page was opened: reload the page and read the current version",
    ]);
    expect(await office.sign()).toBe(v2.sha256);
    // The countersignature of the new version goes to the same officer, on the new hash.
    const again = await office.open("countersign");
    expect(again.mail.to).toEqual([SECOND_OFFICER]);
    expect((await office.post(again, Office.countersignature(v2.sha256))).statusCode).toBe(200);
    expect(agreementState(await office.events()).signatures.map((s) => [s.role, s.documentSha256])).toEqual([
      ["partner", v2.sha256],
      ["office", v2.sha256],
    ]);
  });
});
