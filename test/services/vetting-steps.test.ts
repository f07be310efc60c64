/**
 * The vetting steps' POSTs through the generic pages, on the in-memory repository: the partner's checklist
 * (refused input changes nothing, a draft saved and resumed, a draft on a used link refused), the officer's
 * review (verdicts, waivers, the conflict of interest that hands the step on).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { conflictedOfficers } from "#shared/domain/officers.ts";
import { vettingOf } from "#shared/steps/vetting-view.ts";
import {
  allVerified,
  CHECKLIST,
  CHECKLIST_ITEMS,
  LEAD,
  OFFICER,
  Office,
  type Opened,
  P,
  SECOND_OFFICER,
  summaryErrors,
} from "../fixtures/onboarding-office.ts";

let office: Office;

beforeEach(async () => {
  office = await Office.approved();
});

/** What a refused POST must leave as it was: the ledger, the decision, the workflow, the mailbox. */
async function snapshot(opened: Opened) {
  return {
    events: (await office.events()).length,
    decision: await office.repository.getDecision(P, opened.decision.decisionId),
    resumed: office.resumed.length,
    sent: office.sent.length,
  };
}

async function refused(opened: Opened, fields: Record<string, string>) {
  const before = await snapshot(opened);
  const response = await office.post(opened, fields);
  expect(response.statusCode).toBe(400);
  expect(await snapshot(opened)).toEqual(before);
  return response.body;
}

/** The field names a refused page marks invalid. */
const invalidFields = (body: string) =>
  [...body.matchAll(/name="([^"]+)"[^>]*aria-invalid="true"/g)].map((m) => m[1]);

describe("the partner's vetting checklist", () => {
  it("refuses a checklist with evidence details missing, naming each, and changes nothing", async () => {
    const opened = await office.open("vetting-evidence");
    const { "liability-insurance.number": _, "vulnerable-sector-checks.issuer": __, ...rest } = CHECKLIST;
    const body = await refused(opened, { action: "send", ...rest });
    expect(invalidFields(body).sort()).toEqual([
      "liability-insurance.number",
      "vulnerable-sector-checks.issuer",
    ]);
    // The answers are kept.
    expect(body).toContain('value="Maple Mutual"');
  });

  it("refuses an expiry date in the past, and one that is not a date", async () => {
    const opened = await office.open("vetting-evidence");
    const body = await refused(opened, {
      action: "send",
      ...CHECKLIST,
      "liability-insurance.expiry": "2026-11-01",
      "vulnerable-sector-checks.expiry": "next year",
    });
    expect(body).toContain("This has expired: give evidence that is still valid");
    expect(body).toContain("Enter a date as YYYY-MM-DD");
    expect(invalidFields(body).sort()).toEqual([
      "liability-insurance.expiry",
      "vulnerable-sector-checks.expiry",
    ]);
  });

  it("refuses a declaration not ticked", async () => {
    const opened = await office.open("vetting-evidence");
    const body = await refused(opened, { ...CHECKLIST, action: "send", "partnering-policy.declared": "" });
    expect(body).toContain("Required: tick the box to make the declaration");
  });

  it("a draft saved is shown again with the same link, and the link still decides", async () => {
    const opened = await office.open("vetting-evidence");
    const saved = await office.post(opened, {
      action: "save",
      "organisation-legitimacy.issuer": "Corporations Canada",
      "liability-insurance.amount": "$5,000,000",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('id="saved"');
    expect((await office.repository.getDecision(P, opened.decision.decisionId))?.draft).toEqual({
      "organisation-legitimacy.issuer": "Corporations Canada",
      "liability-insurance.amount": "$5,000,000",
    });
    // Nothing is decided by a save.
    expect(office.resumed).toEqual([]);
    const shown = await office.show(opened);
    expect(shown.body).toContain('value="Corporations Canada"');
    expect(shown.body).toContain('value="$5,000,000"');
    expect((await office.post(opened, { action: "send", ...CHECKLIST })).statusCode).toBe(200);
    expect(office.resumed).toHaveLength(1);
  });

  it("a draft saved on a used link is refused, and not stored", async () => {
    const opened = await office.open("vetting-evidence");
    expect((await office.post(opened, { action: "send", ...CHECKLIST })).statusCode).toBe(200);
    const late = await office.post(opened, { action: "save", "references.kind": "declaration" });
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain("This link has already been used");
    expect((await office.repository.getDecision(P, opened.decision.decisionId))?.draft).toBeUndefined();
  });

  it("a draft saved on a link a retried step replaced is refused", async () => {
    const first = await office.open("vetting-evidence");
    await office.open("vetting-evidence");
    await expect(
      office.post(first, { action: "save", "references.kind": "declaration" }),
    ).rejects.toMatchObject({
      name: "LinkReplacedError",
    });
    expect((await office.repository.getDecision(P, first.decision.decisionId))?.draft).toBeUndefined();
  });

  it("pins the checklist version at the first request, and records the evidence sent", async () => {
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    const events = await office.events();
    const requested = events.find((e) => e.type === "VettingEvidenceRequested");
    const { checklist } = vettingOf({ partnership: await office.partnership(), events });
    expect(requested?.data.details).toEqual({ checklistVersion: checklist.version, items: CHECKLIST_ITEMS });
    const submitted = events.find((e) => e.type === "VettingEvidenceSubmitted");
    expect(submitted?.actor).toBe("partner");
    expect(submitted?.data.details).toMatchObject({
      checklistVersion: checklist.version,
      items: expect.arrayContaining([
        {
          itemId: "liability-insurance",
          kind: "evidence",
          issuer: "Maple Mutual",
          number: "CGL-55-2041",
          amount: "$5,000,000",
          expiresOn: CHECKLIST["liability-insurance.expiry"],
        },
        { itemId: "references", kind: "declaration" },
      ]),
    });
  });
});

describe("the officer's vetting review", () => {
  beforeEach(async () => {
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
  });

  it("goes to the first officer, and verifying every item resumes with 'verify'", async () => {
    const review = await office.open("vetting-review");
    expect(review.mail.to).toEqual([OFFICER]);
    expect((await office.post(review, allVerified())).statusCode).toBe(200);
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "verify" });
    const reviewed = (await office.events()).at(-1);
    expect(reviewed).toMatchObject({
      type: "VettingReviewed",
      actor: `officer:${OFFICER}`,
      data: { outcome: "verify", details: { noConflictDeclared: true } },
    });
  });

  it("a rejected item needs a reason; with one, the outcome asks the partner again for that item only", async () => {
    const review = await office.open("vetting-review");
    const body = await refused(review, { ...allVerified(), "references.verdict": "rejected" });
    expect(body).toContain("Required: give the reason, which the partner sees");
    expect(
      (
        await office.post(review, {
          ...allVerified(),
          "references.verdict": "rejected",
          "references.reason": "Name two schools",
        })
      ).statusCode,
    ).toBe(200);
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "request-items" });
    const again = await office.open("vetting-evidence");
    expect((await office.events()).findLast((e) => e.type !== "EmailSent")?.data.details).toMatchObject({
      items: ["references"],
    });
    expect(again.mail.subject).toMatch(/needed again/);
    const page = (await office.show(again)).body;
    expect(page).toContain("The officer asked for this again: “Name two schools”");
    expect(page).not.toContain('id="item-liability-insurance"');
  });

  it("a waiver needs a reason and an end within 90 days, after today", async () => {
    const review = await office.open("vetting-review");
    const waived = { ...allVerified(), "liability-insurance.verdict": "waived" };
    const noReason = await refused(review, { ...waived, "liability-insurance.until": "2027-01-15" });
    expect(summaryErrors(noReason)).toEqual(["Required: give the reason, which the partner sees"]);
    // Today is 2026-11-23 in Toronto: 90 days on is 2027-02-21.
    const tooLong = await refused(review, {
      ...waived,
      "liability-insurance.reason": "Renewal in progress",
      "liability-insurance.until": "2027-02-22",
    });
    expect(summaryErrors(tooLong)).toEqual(["A waiver lasts at most 90 days: end it by 2027-02-21"]);
    const past = await refused(review, {
      ...waived,
      "liability-insurance.reason": "Renewal in progress",
      "liability-insurance.until": "2026-11-23",
    });
    expect(summaryErrors(past)).toEqual(["The waiver must end after today"]);
    const noDate = await refused(review, { ...waived, "liability-insurance.reason": "Renewal in progress" });
    expect(summaryErrors(noDate)).toEqual(["Enter the waiver's last day as YYYY-MM-DD"]);

    const accepted = await office.post(review, {
      ...waived,
      "liability-insurance.reason": "Renewal in progress",
      "liability-insurance.until": "2027-02-21",
    });
    expect(accepted.statusCode).toBe(200);
    // Waived and verified items let the vetting pass.
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "verify" });
    expect((await office.events()).at(-1)?.data.details).toMatchObject({
      verdicts: expect.arrayContaining([
        {
          itemId: "liability-insurance",
          verdict: "waived",
          reason: "Renewal in progress",
          waivedUntil: "2027-02-21",
        },
      ]),
    });
  });

  it("an item without a verdict is refused, naming it", async () => {
    const review = await office.open("vetting-review");
    const { "references.verdict": _, ...rest } = allVerified();
    const body = await refused(review, rest);
    expect(body).toContain("Required: verify, ask again or waive");
  });

  it("without the no-conflict declaration: 400 naming it, beside what else is wrong", async () => {
    const review = await office.open("vetting-review");
    const { noConflict: _, ...undeclared } = allVerified();
    const body = await refused(review, undeclared);
    expect(body).toContain(
      "Required: declare that you have no conflict of interest with this partner, or pass the decision on",
    );
    expect(invalidFields(body)).toEqual(["noConflict"]);
    const both = await refused(review, { ...undeclared, "references.verdict": "" });
    expect(summaryErrors(both)).toEqual([
      "Required: verify, ask again or waive",
      "Required: declare that you have no conflict of interest with this partner, or pass the decision on",
    ]);
  });

  it("the conflict button hands the step on: recorded, and the step reopened goes to the other officer", async () => {
    const review = await office.open("vetting-review");
    expect(review.mail.to).toEqual([OFFICER]);
    const passed = await office.post(review, { outcome: "conflict" });
    expect(passed.statusCode).toBe(200);
    expect(passed.body).toContain("you declared a conflict of interest");
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "conflict", comment: "" });
    const events = await office.events();
    expect(events.at(-1)).toMatchObject({
      type: "VettingReviewed",
      actor: `officer:${OFFICER}`,
      data: { outcome: "conflict" },
    });
    expect(conflictedOfficers(events)).toEqual(new Set([OFFICER]));

    // The workflow opens the same step again: another officer gets it.
    const reopened = await office.open("vetting-review");
    expect(reopened.mail.to).toEqual([SECOND_OFFICER]);
    expect(reopened.decision.assignee).toBe(SECOND_OFFICER);
    // And when that officer too declares one, the lead.
    await office.post(reopened, { outcome: "conflict" });
    expect((await office.open("vetting-review")).mail.to).toEqual([LEAD]);
  });

  it("nobody left (both officers and the lead declared a conflict): the step cannot be opened", async () => {
    for (let i = 0; i < 3; i++)
      await office.post(await office.open("vetting-review"), { outcome: "conflict" });
    await expect(office.open("vetting-review")).rejects.toMatchObject({ name: "NoOfficerAvailableError" });
  });
});
