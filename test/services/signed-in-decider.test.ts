/**
 * An officer's step decided from a staff session, through the generic pages on the in-memory repository: the
 * ledger names the one signed in (the assignee stays on the decision), who is checked as any officer is (a
 * conflict of interest declared, the vetting verified before a countersignature); and once the decision is
 * escalated to the lead, its link decides only with a session, the assignee's or the lead's, and shows why; the
 * lead may open it from the inbox too (never a partner's).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { agreementState, signatureOf } from "#shared/domain/agreement-state.ts";
import { vettingVerifiers } from "#shared/domain/vetting-state.ts";
import { inboxOf } from "#shared/services/inbox.ts";
import { openDecisionFromInbox } from "#shared/services/open-decision.ts";
import { SEGREGATION_MESSAGE } from "#shared/steps/segregation.ts";
import { inboxPage } from "#shared/web/inbox-page.ts";
import {
  allVerified,
  CHECKLIST,
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

/** The same link, come with a staff session: `email` signed in, the lead or an officer. */
const signedIn = (opened: Opened, email: string, lead = email === LEAD): Opened => ({
  ...opened,
  request: { ...opened.request, signedInAs: { sub: `u-${email}`, email }, lead },
});

const APPROVE = { noConflict: "yes", outcome: "approve", comment: "" };

/** What a refused POST must leave as it was: the ledger, the decision, the workflow. */
async function unchanged(opened: Opened) {
  return {
    events: await office.events(),
    decision: await office.repository.getDecision(P, opened.decision.decisionId),
    resumed: office.resumed.length,
  };
}

describe("an officer's step decided from a staff session", () => {
  it("records the one signed in as the decision's actor, with who they are; the assignee stays", async () => {
    const opened = await office.open("intake-review");
    expect(opened.decision.assignee).toBe(OFFICER);
    const page = await office.show(signedIn(opened, SECOND_OFFICER));
    expect(page.body).toContain(
      `You are signed in as ${SECOND_OFFICER}: a decision made here is recorded as yours.`,
    );
    expect((await office.post(signedIn(opened, SECOND_OFFICER), APPROVE)).statusCode).toBe(200);
    const decision = await office.repository.getDecision(P, opened.decision.decisionId);
    expect(decision).toMatchObject({ assignee: OFFICER, decidedBy: `officer:${SECOND_OFFICER}` });
    const decided = (await office.events()).find(
      (e) => e.data.decisionId === opened.decision.decisionId && e.data.outcome,
    );
    expect(decided).toMatchObject({
      actor: `officer:${SECOND_OFFICER}`,
      data: { outcome: "approve", signedInAs: { sub: `u-${SECOND_OFFICER}`, email: SECOND_OFFICER } },
    });
  });

  it("refuses one signed in who declared a conflict of interest with the partner (403), changing nothing", async () => {
    const first = await office.open("intake-review");
    // The second officer declares a conflict on a step of theirs, from their session.
    expect((await office.post(signedIn(first, SECOND_OFFICER), { outcome: "conflict" })).statusCode).toBe(
      200,
    );
    const opened = await office.open("intake-review");
    const before = await unchanged(opened);
    const refused = await office.post(signedIn(opened, SECOND_OFFICER), APPROVE);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("You declared a conflict of interest with this partner");
    expect(refused.body).toContain("Nothing was recorded.");
    expect(await unchanged(opened)).toEqual(before);
    // The officer it is assigned to still decides it.
    expect((await office.post(opened, APPROVE)).statusCode).toBe(200);
  });

  it("bars a lead who verified the vetting from their session from countersigning it", async () => {
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    const review = await office.open("vetting-review");
    expect(review.decision.assignee).toBe(OFFICER);
    expect((await office.post(signedIn(review, LEAD), allVerified())).statusCode).toBe(200);
    // The ledger names the lead as the verifier, not the officer the review was assigned to.
    expect([...vettingVerifiers(await office.events())]).toEqual([`officer:${LEAD}`]);
    await office.move("vetted", "ConfirmVetting");
    await office.authorise();
    const sha = await office.issueTerms();
    await office.sign();
    const countersign = await office.open("countersign");
    expect(countersign.decision.assignee).not.toBe(LEAD);
    const asLead = signedIn(countersign, LEAD);
    expect((await office.show(asLead)).body).toContain(SEGREGATION_MESSAGE.replace("'", "&#39;"));
    const before = await unchanged(countersign);
    const refused = await office.post(asLead, Office.countersignature(sha, "Lee Lead"));
    expect(refused.statusCode).toBe(400);
    expect(summaryErrors(refused.body)).toEqual([SEGREGATION_MESSAGE]);
    expect(await unchanged(countersign)).toEqual(before);
    expect(signatureOf(agreementState(await office.events()), "office")).toBeUndefined();
    // The officer it is assigned to, who verified nothing, countersigns.
    expect((await office.post(countersign, Office.countersignature(sha))).statusCode).toBe(200);
  });
});

describe("an escalated officer's step", () => {
  /** The intake review, escalated to the lead as the reminder sweep marks it. */
  async function escalated(): Promise<Opened> {
    const opened = await office.open("intake-review");
    const at = office.now.toISOString();
    const marked = await office.repository.noteReminder(opened.decision, {
      on: "2026-11-23",
      count: 0,
      escalatedAt: at,
    });
    expect(marked).toBe(true);
    return opened;
  }

  it("shows its page with a notice to sign in, whose link carries no token", async () => {
    const opened = await escalated();
    const page = await office.show(opened);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("This step was escalated to the lead: sign in to decide it.");
    expect(page.body).toContain('<a href="/sign-in" id="escalated-sign-in">');
    const hrefs = [...page.body.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(hrefs.filter((href) => href.includes(opened.request.token))).toEqual([]);
    expect(page.body).toContain('name="noConflict"');
  });

  it("refuses a POST without a session (401), changing nothing", async () => {
    const opened = await escalated();
    const before = await unchanged(opened);
    const refused = await office.post(opened, APPROVE);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain("This step was escalated to the lead: sign in to decide it.");
    expect(refused.body).toContain("Nothing was recorded.");
    expect(await unchanged(opened)).toEqual(before);
  });

  it("refuses another officer signed in (403); the lead decides it, and the ledger names the lead", async () => {
    const opened = await escalated();
    const before = await unchanged(opened);
    const other = await office.post(signedIn(opened, SECOND_OFFICER), APPROVE);
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain("only the officer it is assigned to or the lead may decide it");
    expect(await unchanged(opened)).toEqual(before);
    expect((await office.post(signedIn(opened, LEAD), APPROVE)).statusCode).toBe(200);
    const decided = (await office.events()).find(
      (e) => e.data.decisionId === opened.decision.decisionId && e.data.outcome,
    );
    expect(decided?.actor).toBe(`officer:${LEAD}`);
    expect(office.resumed).toHaveLength(1);
  });

  it("is decided by the officer it is assigned to, signed in", async () => {
    const opened = await escalated();
    expect((await office.post(signedIn(opened, OFFICER), APPROVE)).statusCode).toBe(200);
    const decision = await office.repository.getDecision(P, opened.decision.decisionId);
    expect(decision?.decidedBy).toBe(`officer:${OFFICER}`);
  });
});

describe("an escalated officer's decision in the lead's inbox", () => {
  const lead = { sub: "u-lead", email: LEAD, roles: ["lead"] as const };

  it("opens for the lead with a new link, which the lead decides signed in", async () => {
    const opened = await office.open("intake-review");
    const ids = { partnershipId: P, decisionId: opened.decision.decisionId };
    // Not escalated yet: only the officer it is assigned to opens it.
    await expect(openDecisionFromInbox(office.deps(), lead, ids)).rejects.toMatchObject({ statusCode: 403 });
    await office.repository.noteReminder(opened.decision, {
      on: "2026-11-23",
      count: 0,
      escalatedAt: "2026-11-23T15:00:00.000Z",
    });
    const row = (await inboxOf(office.deps(), lead)).office.find((r) => r.decisionId === ids.decisionId);
    expect(row).toMatchObject({ escalated: true, assignee: OFFICER });
    const page = inboxPage(await inboxOf(office.deps(), lead), lead, "America/Toronto");
    expect(page).toContain(`action="/console/inbox/${P}/${ids.decisionId}"`);
    const officerPage = inboxPage(
      await inboxOf(office.deps(), { ...lead, email: SECOND_OFFICER, roles: ["officer"] }),
      { email: SECOND_OFFICER, roles: ["officer"] },
      "America/Toronto",
    );
    expect(officerPage).not.toContain(`action="/console/inbox/${P}/${ids.decisionId}"`);

    const path = await openDecisionFromInbox(office.deps(), lead, ids);
    const [, linkPath = "", token = ""] = /^(\/[a-z-]+)\/([A-Za-z0-9_-]{43})$/.exec(path) ?? [];
    const reopened = signedIn({ ...opened, request: { linkPath, token } }, LEAD);
    expect((await office.post(reopened, APPROVE)).statusCode).toBe(200);
    const decision = await office.repository.getDecision(P, ids.decisionId);
    expect(decision).toMatchObject({ decidedBy: `officer:${LEAD}`, assignee: OFFICER });
  });

  it("neither offers nor opens an escalated step for a lead who declared a conflict with the partner", async () => {
    const first = await office.open("intake-review");
    expect((await office.post(signedIn(first, LEAD), { outcome: "conflict" })).statusCode).toBe(200);
    const opened = await office.open("intake-review");
    expect(opened.decision.assignee).not.toBe(LEAD);
    await office.repository.noteReminder(opened.decision, {
      on: "2026-11-23",
      count: 0,
      escalatedAt: "2026-11-23T15:00:00.000Z",
    });
    const ids = { partnershipId: P, decisionId: opened.decision.decisionId };
    const row = (await inboxOf(office.deps(), lead)).office.find((r) => r.decisionId === ids.decisionId);
    expect(row).toMatchObject({ escalated: true, conflicted: true });
    const page = inboxPage(await inboxOf(office.deps(), lead), lead, "America/Toronto");
    expect(page).not.toContain(`action="/console/inbox/${P}/${ids.decisionId}"`);
    expect(page).toContain("you declared a conflict of interest with this partner");
    await expect(openDecisionFromInbox(office.deps(), lead, ids)).rejects.toMatchObject({ statusCode: 403 });
    // The officer's emailed link still decides: nothing replaced it.
    expect((await office.repository.getDecision(P, ids.decisionId))?.linkTokenHash).toBe(
      opened.decision.linkTokenHash,
    );
    // Signed in, as it is escalated: the officer it is assigned to.
    const assignee = signedIn(opened, opened.decision.assignee, false);
    expect((await office.post(assignee, APPROVE)).statusCode).toBe(200);
  });

  it("never opens a partner's escalated step for the lead", async () => {
    const opened = await office.open("resubmission", { request: "Which schools?" });
    await office.repository.noteReminder(opened.decision, {
      on: "2026-11-23",
      count: 0,
      escalatedAt: "2026-11-23T15:00:00.000Z",
    });
    const ids = { partnershipId: P, decisionId: opened.decision.decisionId };
    await expect(openDecisionFromInbox(office.deps(), lead, ids)).rejects.toMatchObject({ statusCode: 403 });
    expect((await office.repository.getDecision(P, ids.decisionId))?.linkTokenHash).toBe(
      opened.decision.linkTokenHash,
    );
  });
});
