/**
 * The periodic review's amendment as the officer and the partner read it (a fresh user's walk): the terms step
 * says what the review asked to change and that the version in force stays; a declined amendment reads as the
 * amendment declined, not the partnership.
 */
import { describe, expect, it } from "vitest";
import { agreementState } from "#shared/domain/agreement-state.ts";
import type { EventDraft } from "#shared/domain/ledger.ts";
import { reviewHistory } from "#shared/domain/review.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { describeEvent, describeForPartner } from "#shared/events/registry.ts";
import { activePartnershipsForReview } from "#shared/services/start-review.ts";
import { STEPS } from "#shared/steps/index.ts";
import { reviewHistoryTable, roundOutcomeShort } from "#shared/web/review-history.ts";
import { agreementIssued, formOf, NOW } from "../fixtures/step-ledger.ts";
import { ledgerOf, stepView } from "../fixtures/step-view.ts";

const origin = { partnershipId: "P", at: "2027-11-23T15:00:00.000Z", actor: "system:workflow" };
const completed = eventDraft("AgreementCompleted", origin, { version: 1, sha256: "a".repeat(64) });
const amend = (reason = "Start placements in the first week of each term.") =>
  eventDraft("ReviewCompleted", origin, { round: "2027-11-23", outcome: "amend", reason });
const inForce = [...agreementIssued(), completed];
const terms = STEPS["agreement-terms"];
if (!terms) throw new Error("no agreement-terms step");

const mailOf = (events: readonly EventDraft[] = []) => {
  const view = stepView({ events });
  const request = terms.request?.({}, view);
  const withRequest = stepView({ events, decision: request ? { request } : {} });
  return JSON.stringify(terms.email({ ...withRequest, url: "https://partners.example.org/agreement/x" }));
};
const pageOf = (events: readonly EventDraft[] = []) => {
  const view = stepView({ events });
  const request = terms.request?.({}, view);
  const withRequest = { ...stepView({ events, decision: request ? { request } : {} }), now: NOW };
  return terms.page({ ...withRequest, form: formOf(terms.initialValues(withRequest)) }).body.value;
};

describe("the terms step of the review's amendment", () => {
  it("says what the review asked to change, in the email and on the page", () => {
    const events = [...inForce, amend()];
    expect(agreementState(ledgerOf(events))).toMatchObject({
      changeAsked: "Start placements in the first week of each term.",
      changeAskedBy: "review",
    });
    expect(terms.request?.({}, stepView({ events }))).toBe(
      "Start placements in the first week of each term.",
    );
    const mail = mailOf(events);
    expect(mail).toContain(
      "The periodic review asked to amend the agreement with Riverside Tooling Ltd: “Start placements",
    );
    expect(mail).not.toContain("is vetted and its signatory's authority confirmed");
    expect(pageOf(events)).toContain("The periodic review asked to amend it: “Start placements");
    // No reason given: still an amendment, not the onboarding's agreement.
    expect(mailOf([...inForce, amend("")])).toContain("The periodic review asked to amend the agreement");
    // The onboarding's, as before; new terms set end the request.
    expect(mailOf()).toContain("is vetted and its signatory's authority confirmed");
    expect(agreementState(ledgerOf([...inForce, amend(), ...agreementIssued()])).changeAsked).toBeUndefined();
  });

  it("says the version in force stays until the new one is signed; a change at signing voids as before", () => {
    const page = pageOf([...inForce, amend()]);
    expect(page).toContain(
      "This makes version 2. Version 1 stays in force until version 2 is signed by both parties",
    );
    expect(page).toContain("if it is declined, or not signed in time, version 1 stays");
    expect(page).not.toContain("are void");
    expect(pageOf(agreementIssued())).toContain(
      "This makes version 2: the signatures on version 1 are void, and signing starts again.",
    );
  });
});

describe("a declined amendment, in words", () => {
  const decline = (details?: Record<string, unknown>) => ({
    type: "AgreementTermsSet",
    data: {
      kind: "agreement-terms",
      decisionId: "T2",
      outcome: "decline",
      comment: "The office cannot support it; the current agreement stands.",
      ...(details ? { details } : {}),
    },
  });

  it("records the decline at the terms as the amendment's, for the timeline and the partner", async () => {
    const parsed = await terms.parse(
      { outcome: "decline", comment: "No." },
      { ...stepView({ events: [...inForce, amend()] }), now: NOW },
    );
    expect(parsed).toMatchObject({ ok: true, answer: { outcome: "decline", details: { amendment: true } } });
    expect(await terms.parse({ outcome: "decline", comment: "No." }, stepView())).toEqual({
      ok: true,
      answer: { outcome: "decline", comment: "No." },
    });
    expect(describeEvent(decline({ amendment: true }))).toContain(
      "The officer declined the amendment (“The office",
    );
    expect(describeEvent(decline())).toContain("The officer declined the partnership");
    // The partner reads it in the AmendmentDeclined recorded with it, not as a bare "Declined".
    expect(describeForPartner(decline({ amendment: true }))).toBeUndefined();
    expect(describeForPartner(decline())).toMatch(/^Declined: “/);
  });

  it("so does a paper signing declined during the amendment", async () => {
    const paper = STEPS["paper-agreement"];
    expect(
      await paper?.parse({ outcome: "decline", comment: "No." }, stepView({ events: [...inForce, amend()] })),
    ).toMatchObject({ ok: true, answer: { outcome: "decline", details: { amendment: true } } });
    const recorded = (details?: Record<string, unknown>) => ({
      type: "PaperSigningRecorded",
      data: { ...decline(details).data, kind: "paper-agreement" },
    });
    expect(describeEvent(recorded({ amendment: true }))).toContain("The officer declined the amendment");
    expect(describeForPartner(recorded({ amendment: true }))).toBeUndefined();
    expect(describeForPartner(recorded())).toBe("Declined");
  });

  it("ends the partner's line with one full stop after a quote that brings its own", () => {
    const line = describeForPartner({
      type: "AmendmentDeclined",
      data: { round: "2027-11-23", versionInForce: 1, reason: "The current agreement stands." },
    });
    expect(line).toBe(
      "The amendment of the agreement was declined: “The current agreement stands.” The agreement in force stays (version 1).",
    );
    expect(describeForPartner({ type: "AmendmentDeclined", data: { round: "r", reason: "No" } })).toContain(
      "declined: “No”. The agreement",
    );
  });
});

describe("the periodic reviews table and the reviews page", () => {
  const started = eventDraft("ReviewStarted", origin, { round: "2027-11-23", startedBy: "schedule" });
  const declined = (lapsed?: true) =>
    eventDraft("AmendmentDeclined", origin, {
      round: "2027-11-23",
      versionInForce: 1,
      reason: "Not now.",
      ...(lapsed ? { lapsed } : {}),
    });
  const withdrawn = eventDraft("PartnershipWithdrawn", origin, {
    reason: "We are closing.",
    confirmedAt: "2027-11-24T10:00:00.000Z",
  });
  const terminated = eventDraft("PartnershipTerminated", origin, {
    reason: "Funding ended.",
    terminatedBy: "lead@example.org",
  });
  const cell = (drafts: EventDraft[]) => String(reviewHistoryTable(ledgerOf(drafts), "America/Toronto"));
  const last = (drafts: EventDraft[]) => roundOutcomeShort(reviewHistory(ledgerOf(drafts)).at(-1));

  it("says the amend's reason as the amend's, then what became of it", () => {
    expect(cell([started, amend(), declined()])).toContain(
      "Amend: “Start placements in the first week of each term.”; then declined — the agreement in force stays",
    );
    expect(cell([started, amend(), declined(true)])).toContain(
      "Amend: “Start placements in the first week of each term.”; then lapsed, not signed in time — the agreement in force stays",
    );
    expect(cell([started, amend("")])).toContain("Amendment being signed");
    expect(cell([started, amend()])).toContain(
      "; the new version being signed (the agreement in force stays until then)",
    );
    expect(cell([started, amend(), completed])).toContain(
      "Amended (a new version signed): “Start placements",
    );
  });

  it("says a round cut short by a withdrawal or a termination ended, not under way", () => {
    expect(cell([started])).toContain("Under way");
    expect(cell([started, withdrawn])).toContain("Ended: the partnership was withdrawn");
    expect(cell([started, withdrawn])).not.toContain("Under way");
    expect(cell([started, amend(), terminated])).toContain(
      "ended before it was signed: the partnership was terminated",
    );
    // An ending after the round's end changes nothing of it.
    expect(cell([started, amend(), declined(), terminated])).not.toContain("terminated");
  });

  it("names the last review's end in words on /console/reviews", () => {
    expect(last([started, amend(), declined()])).toBe("Amendment declined");
    expect(last([started, amend(), declined(true)])).toBe("Amendment lapsed");
    expect(last([started, amend(), completed])).toBe("Amended");
    expect(
      last([started, eventDraft("ReviewCompleted", origin, { round: "2027-11-23", outcome: "renew" })]),
    ).toBe("Renewed");
    expect(last([])).toBeUndefined();
  });

  it("lists it so: the reviews page's row carries the words, not the raw outcome", async () => {
    const events = ledgerOf([started, amend(), declined()]);
    const repository = {
      listAtStage: async () => [{ id: "P", organisationName: "Riverside Tooling Ltd" }],
      listEvents: async () => events,
    };
    const rows = await activePartnershipsForReview({ repository } as unknown as Parameters<
      typeof activePartnershipsForReview
    >[0]);
    expect(rows).toMatchObject([{ partnershipId: "P", lastOutcome: "Amendment declined" }]);
  });
});
