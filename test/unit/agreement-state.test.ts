/**
 * The agreement folded from the ledger: the terms set last, the versions issued, the signatures on the current
 * version's hash only (a new version voids those before), a paper process asked for, completion.
 */
import { describe, expect, it } from "vitest";
import { agreementState, signatureOf } from "#shared/domain/agreement-state.ts";
import type { EventDraft } from "#shared/domain/ledger.ts";
import { eventDraft } from "#shared/events/draft.ts";
import type { SignatureEvidence } from "#shared/schemas/step-details.ts";
import { ledgerOf } from "../fixtures/step-view.ts";

const SHA1 = "1".repeat(64);
const SHA2 = "2".repeat(64);
const origin = (actor = "system:workflow") => ({ partnershipId: "P", at: "2026-12-01T10:00:00.000Z", actor });

const termsSet = (decisionId: string, termMonths: number) =>
  eventDraft("AgreementTermsSet", origin("officer:a@example.org"), {
    kind: "agreement-terms",
    decisionId,
    outcome: "issue",
    comment: "",
    details: { templateVersion: "2026-12-v1", terms: { termMonths } },
  });
const issued = (version: number, sha256: string, termsDecisionId: string) =>
  eventDraft("AgreementIssued", origin(), {
    version,
    sha256,
    templateVersion: "2026-12-v1",
    termsDecisionId,
    issuedAt: "2026-12-01T10:00:00.000Z",
  });
const signature = (role: SignatureEvidence["role"], sha: string, version = 1): SignatureEvidence => ({
  role,
  name: role === "partner" ? "Daniel Okafor" : "Morgan Lee",
  email: role === "partner" ? "daniel@harbourviewsupplies.ca" : "b@example.org",
  signedAt: "2026-12-02T10:00:00.000Z",
  ip: "203.0.113.7",
  userAgent: "test",
  agreementVersion: version,
  documentSha256: sha,
});
const partnerSigned = (sha: string, version = 1) =>
  eventDraft("PartnerSignatureAnswered", origin("signatory:daniel@harbourviewsupplies.ca"), {
    kind: "agreement-signing",
    decisionId: `S${version}`,
    outcome: "sign",
    comment: "",
    details: { signature: { ...signature("partner", sha, version), consentToElectronicRecords: true } },
  });
const countersigned = (sha: string, version = 1) =>
  eventDraft("CountersignatureDecided", origin("officer:b@example.org"), {
    kind: "countersign",
    decisionId: `C${version}`,
    outcome: "countersign",
    comment: "",
    details: { signature: signature("office", sha, version) },
  });
const paperAsked = eventDraft("PartnerSignatureAnswered", origin("signatory:daniel@harbourviewsupplies.ca"), {
  kind: "agreement-signing",
  decisionId: "SP",
  outcome: "paper",
  comment: "",
  details: { paperRequested: true, agreementVersion: 1 },
});
const completed = eventDraft("AgreementCompleted", origin(), {
  version: 1,
  sha256: SHA1,
  paperReference: "Binder",
});

const stateOf = (drafts: EventDraft[]) => agreementState(ledgerOf(drafts));

describe("agreementState", () => {
  it("is empty before any terms", () => {
    expect(stateOf([])).toEqual({
      latestTerms: undefined,
      current: undefined,
      signatures: [],
      paperRequested: false,
      completed: false,
    });
  });

  it("keeps the terms set last, and the version issued from them", () => {
    const state = stateOf([termsSet("T1", 12), issued(1, SHA1, "T1"), termsSet("T2", 24)]);
    expect(state.latestTerms).toEqual({
      decisionId: "T2",
      templateVersion: "2026-12-v1",
      terms: { termMonths: 24 },
    });
    // Terms not yet issued: the current version is still the one made from T1.
    expect(state.current).toMatchObject({ version: 1, sha256: SHA1, termsDecisionId: "T1" });
  });

  it("holds both signatures on the current hash, one per role, the latest of each", () => {
    const state = stateOf([
      termsSet("T1", 12),
      issued(1, SHA1, "T1"),
      partnerSigned(SHA1),
      countersigned(SHA1),
    ]);
    expect(state.signatures.map((s) => s.role)).toEqual(["partner", "office"]);
    expect(signatureOf(state, "partner")).toMatchObject({
      documentSha256: SHA1,
      consentToElectronicRecords: true,
    });
    expect(signatureOf(state, "office")).toMatchObject({ name: "Morgan Lee" });
  });

  it("ignores a signature over another hash than the current version's", () => {
    const state = stateOf([termsSet("T1", 12), issued(1, SHA1, "T1"), partnerSigned(SHA2)]);
    expect(state.signatures).toEqual([]);
    expect(stateOf([partnerSigned(SHA1)]).signatures).toEqual([]);
  });

  it("a new version voids the signatures on the one before; a late signature of the old hash does not count", () => {
    const state = stateOf([
      termsSet("T1", 12),
      issued(1, SHA1, "T1"),
      partnerSigned(SHA1),
      termsSet("T2", 24),
      issued(2, SHA2, "T2"),
      countersigned(SHA1),
    ]);
    expect(state.current).toMatchObject({ version: 2, sha256: SHA2 });
    expect(state.signatures).toEqual([]);
    const signedAgain = stateOf([
      termsSet("T1", 12),
      issued(1, SHA1, "T1"),
      partnerSigned(SHA1),
      termsSet("T2", 24),
      issued(2, SHA2, "T2"),
      partnerSigned(SHA2, 2),
    ]);
    expect(signedAgain.signatures.map((s) => [s.role, s.agreementVersion])).toEqual([["partner", 2]]);
  });

  it("a paper process asked for, and a completion, belong to the current version", () => {
    const paper = stateOf([termsSet("T1", 12), issued(1, SHA1, "T1"), paperAsked, completed]);
    expect(paper).toMatchObject({ paperRequested: true, completed: true, signatures: [] });
    const reissued = stateOf([termsSet("T1", 12), issued(1, SHA1, "T1"), paperAsked, issued(2, SHA2, "T1")]);
    expect(reissued).toMatchObject({ paperRequested: false, completed: false });
  });

  it("an amendment declined puts the version completed before it back in force; its own version stays in the ledger", () => {
    const declined = eventDraft("AmendmentDeclined", origin(), { round: "2027-11-23", versionInForce: 1 });
    const before = [
      termsSet("T1", 12),
      issued(1, SHA1, "T1"),
      partnerSigned(SHA1),
      countersigned(SHA1),
      completed,
    ];
    const amending = stateOf([...before, termsSet("T2", 24), issued(2, SHA2, "T2")]);
    expect(amending).toMatchObject({ current: { version: 2 }, completed: false, inForceVersion: 1 });
    const state = stateOf([...before, termsSet("T2", 24), issued(2, SHA2, "T2"), declined]);
    expect(state.current).toMatchObject({ version: 1, sha256: SHA1, termsDecisionId: "T1" });
    expect(state.latestTerms).toMatchObject({ decisionId: "T1", terms: { termMonths: 12 } });
    expect(state).toMatchObject({ completed: true, paperRequested: false, inForceVersion: 1 });
    expect(state.signatures.map((s) => s.role)).toEqual(["partner", "office"]);
    // Declined at the terms, before a new version was issued: the same.
    expect(stateOf([...before, termsSet("T2", 24), declined]).latestTerms).toMatchObject({
      decisionId: "T1",
    });
  });

  it("skips an issue event of the wrong shape", () => {
    const bad = eventDraft("AgreementIssued", origin(), {
      version: 1,
      sha256: SHA1,
      templateVersion: "2026-12-v1",
      termsDecisionId: "T1",
      issuedAt: "2026-12-01T10:00:00.000Z",
    });
    (bad.data as Record<string, unknown>).version = "one";
    expect(stateOf([bad]).current).toBeUndefined();
  });
});
