/**
 * The signatory's confirmation and the officer's check of their authority, through the generic pages on the
 * in-memory repository: who must be checked, a delegation (fresh link, the first one used), evidence asked for.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { signatoryState } from "#shared/domain/signatory-state.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { OFFICER, Office, P, summaryErrors } from "../fixtures/onboarding-office.ts";

let office: Office;
const { signatory } = makeIntake();
const confirm = { action: "confirm", name: signatory.name, title: signatory.title, authority: "yes" };
const delegate = {
  action: "delegate",
  "delegate.name": "Amara Singh",
  "delegate.title": "Chief Executive Officer",
  "delegate.email": "Amara.Singh@harbourviewsupplies.ca",
};

beforeEach(async () => {
  office = await Office.approved();
  await office.vet();
  office.resumed.splice(0);
});

describe("the signatory's confirmation", () => {
  it("is asked of the intake's signatory; a confirmation at the organisation's domain needs no officer", async () => {
    const opened = await office.open("signatory-confirmation", { outcome: "verify", comment: "" });
    expect(opened.mail.to).toEqual([signatory.email]);
    expect(opened.decision.request).toBeUndefined();
    expect((await office.post(opened, confirm)).statusCode).toBe(200);
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "confirm" });
    expect((await office.events()).at(-1)).toMatchObject({
      type: "AuthorityConfirmationAnswered",
      actor: `signatory:${signatory.email}`,
      data: {
        outcome: "confirm",
        details: {
          signatory: { name: signatory.name, title: signatory.title, email: signatory.email },
          checkReasons: [],
        },
      },
    });
  });

  it("an email outside the organisation's domain is confirmed for an officer to verify, with the reason", async () => {
    office = await Office.approved({ organisationDomain: "another-domain.ca" });
    await office.vet();
    await office.decide("signatory-confirmation", confirm);
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "confirm-unverified" });
    expect((await office.events()).at(-1)?.data.details).toMatchObject({
      checkReasons: ["email-domain-differs"],
    });
  });

  it("the submitter signing without evidence is checked; with evidence, not", async () => {
    const submitter = makeIntake().contact;
    const intake = makeIntake({
      signatory: { name: submitter.name, title: "Owner", email: submitter.email },
    });
    office = await Office.approved({ intake });
    await office.vet();
    const mine = { action: "confirm", name: submitter.name, title: "Owner", authority: "yes" };
    await office.decide("signatory-confirmation", mine);
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "confirm-unverified" });
    await office.decide("signatory-confirmation", { ...mine, evidence: "Board resolution 2026-14" });
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "confirm" });
  });

  it("refuses a confirmation without the authority ticked, and changes nothing", async () => {
    const opened = await office.open("signatory-confirmation");
    const before = (await office.events()).length;
    const response = await office.post(opened, { ...confirm, authority: "" });
    expect(response.statusCode).toBe(400);
    expect(summaryErrors(response.body)).toEqual([
      "Required: confirm that you have the authority to commit the organisation",
    ]);
    expect((await office.events()).length).toBe(before);
    expect(office.resumed).toEqual([]);
  });

  it("a delegation: the first link is used, the delegate gets a fresh one, and is the signatory from then on", async () => {
    const first = await office.open("signatory-confirmation");
    expect((await office.post(first, delegate)).statusCode).toBe(200);
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "delegate" });
    const delegated = (await office.events()).at(-1);
    expect(delegated?.data.details).toEqual({
      delegate: {
        name: "Amara Singh",
        title: "Chief Executive Officer",
        email: "amara.singh@harbourviewsupplies.ca",
      },
    });
    // The first link decides nothing more.
    expect((await office.post(first, confirm)).statusCode).toBe(410);

    const second = await office.open("signatory-confirmation", { outcome: "delegate", comment: "" });
    expect(second.mail.to).toEqual(["amara.singh@harbourviewsupplies.ca"]);
    expect((await office.show(second)).body).toContain('value="Amara Singh"');
    await office.post(second, { action: "confirm", name: "Amara Singh", title: "CEO", authority: "yes" });
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "confirm" });
    const state = signatoryState(office.intake, await office.events());
    expect(state).toMatchObject({
      signatory: { name: "Amara Singh", title: "CEO", email: "amara.singh@harbourviewsupplies.ca" },
      delegations: 1,
      confirmed: { checkReasons: [] },
    });
  });

  it("refuses a delegation to one's own email, or without the delegate's details", async () => {
    const opened = await office.open("signatory-confirmation");
    const own = await office.post(opened, { ...delegate, "delegate.email": signatory.email.toUpperCase() });
    expect(own.statusCode).toBe(400);
    expect(summaryErrors(own.body)).toEqual([
      "That is your own email: give the email of the person who will sign",
    ]);
    const missing = await office.post(opened, { action: "delegate", "delegate.email": "a@b.ca" });
    expect(missing.statusCode).toBe(400);
    expect(summaryErrors(missing.body)).toHaveLength(2);
    expect(office.resumed).toEqual([]);
  });
});

describe("the officer's verification of the signatory's authority", () => {
  beforeEach(async () => {
    office = await Office.approved({ organisationDomain: undefined });
    await office.vet();
    await office.decide("signatory-confirmation", confirm);
    office.resumed.splice(0);
  });

  it("shows the officer why, asks the no-conflict declaration, and records the verification", async () => {
    const opened = await office.open("authority-verification");
    expect(opened.mail.to).toEqual([OFFICER]);
    const page = (await office.show(opened)).body;
    expect(page).toContain("The signatory&#39;s email is not at the organisation&#39;s own web domain.");
    expect(page).toContain('name="noConflict"');
    const undeclared = await office.post(opened, { outcome: "verify" });
    expect(undeclared.statusCode).toBe(400);
    expect(summaryErrors(undeclared.body)).toEqual([
      "Required: declare that you have no conflict of interest with this partner, or pass the decision on",
    ]);
    expect((await office.post(opened, { outcome: "verify", noConflict: "yes" })).statusCode).toBe(200);
    expect(office.resumed.at(-1)?.output).toMatchObject({ outcome: "verify" });
  });

  it("evidence asked for needs the officer's words, which the signatory's next link shows", async () => {
    const opened = await office.open("authority-verification");
    const bare = await office.post(opened, { outcome: "request-evidence", noConflict: "yes" });
    expect(bare.statusCode).toBe(400);
    expect(summaryErrors(bare.body)).toEqual([
      "Required: say what evidence of authority the signatory should give",
    ]);
    await office.post(opened, {
      outcome: "request-evidence",
      comment: "Please give the board resolution",
      noConflict: "yes",
    });
    expect(office.resumed.at(-1)?.output).toMatchObject({
      outcome: "request-evidence",
      comment: "Please give the board resolution",
    });
    // The workflow opens the signatory's step with the decision that led there.
    const again = await office.open("signatory-confirmation", {
      outcome: "request-evidence",
      comment: "Please give the board resolution",
    });
    expect(again.decision.request).toBe("Please give the board resolution");
    expect((await office.show(again)).body).toContain("The office asks: “Please give the board resolution”");
    expect(again.mail.text).toContain("Please give the board resolution");
  });

  it("a decline asks for a reason and a deliberate confirmation", async () => {
    const opened = await office.open("authority-verification");
    const asked = await office.post(opened, {
      outcome: "decline",
      comment: "Not the signing officer",
      noConflict: "yes",
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Confirm: Decline");
    expect(office.resumed).toEqual([]);
    await office.post(opened, {
      outcome: "decline",
      comment: "Not the signing officer",
      noConflict: "yes",
      confirm: "yes",
    });
    expect(office.resumed.at(-1)?.output).toMatchObject({
      outcome: "decline",
      comment: "Not the signing officer",
    });
    expect((await office.repository.getDecision(P, opened.decision.decisionId))?.status).toBe("decided");
  });
});
