/**
 * Withdrawal and termination over HTTP through the local runtime (issue 13): the partner withdraws from its
 * status page while the officer's vetting review is open (the form refuses an unconfirmed one; then WITHDRAWN,
 * the officer's link says so, the onboarding's execution is stopped and sends nothing more, the office and the
 * officer are emailed); the lead terminates an active partnership by the API (TERMINATED, the partner emailed the
 * reason, the vetting renewal's schedule gone). The ledgers verify; the withdrawn one's personal data can then be
 * erased.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { addDays, todayIn } from "#shared/domain/calendar-dates.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey } from "./harness.ts";
import {
  ALL_VERIFIED,
  CHECKLIST,
  executionEnd,
  pathOf,
  signedToActive,
  toChecklist,
  vettedToSigning,
} from "./onboarding-steps.ts";

const OFFICE = "partnerships-office@example.org";
let journey: Journey;
let repository: DynamoDbPartnershipRepository;
let lead: string;
let officerToken: string;

beforeAll(async () => {
  journey = await Journey.start();
  repository = new DynamoDbPartnershipRepository(
    createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb })),
    "partnerflow",
  );
  const seeded = journey.runtime.staff.seed();
  lead = seeded.find((t) => t.role === "lead")?.token ?? "";
  officerToken = seeded.find((t) => t.role === "officer")?.token ?? "";
});
afterAll(async () => {
  await journey?.stop();
});

describe("the partner withdraws mid-vetting", () => {
  it("from the status page: WITHDRAWN, the officer's link says so, the execution stopped, the office told", async () => {
    const intake = makeIntake({ organisation: { name: "Northshore Rowing Club" } });
    const name = intake.organisation.name;
    const { partnershipId, statusUrl, checklist } = await toChecklist(journey, intake);
    expect((await journey.postForm(checklist, { action: "send", ...CHECKLIST })).status).toBe(200);
    const review = await journey.waitForMail(new RegExp(`vetting review for ${name}`), ANY_OFFICER);
    const officer = review.to[0] ?? "";
    const reviewLink = pathOf(review, "/vetting-review");

    const status = new URL(statusUrl).pathname;
    const statusPage = await (await journey.fetch(status)).text();
    expect(statusPage).toContain(`href="${status}/withdraw"`);
    const form = await journey.fetch(`${status}/withdraw`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("I understand this ends the partnership");

    // Not confirmed: the form again, nothing changed.
    const refused = await journey.postForm(`${status}/withdraw`, { reason: "Our programme closed." });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Tick the box to confirm");
    await journey.waitForStage(statusUrl, "VETTING");

    const mailsBefore = (await journey.mail()).length;
    const done = await journey.postForm(`${status}/withdraw`, {
      reason: "Our programme closed.",
      confirm: "yes",
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(status);
    const withdrawn = await journey.waitForStage(statusUrl, "WITHDRAWN");
    expect(withdrawn).toContain("You withdrew from the partnership.");
    expect(withdrawn).not.toContain("/withdraw");

    // The office and the officer whose review it closed are told, with the reason.
    const told = await journey.waitForMail(new RegExp(`^Withdrawn by the partner: ${name}`), OFFICE);
    const toOfficer = await journey.waitForMail(new RegExp(`^Withdrawn by the partner: ${name}`), officer);
    expect(toOfficer.text).toContain("“Our programme closed.”");
    expect(told.text).toContain("“Our programme closed.”");
    // The partner's contact gets a receipt of their own, without their reason.
    const receipt = await journey.waitForMail(
      new RegExp(`^You withdrew ${name} from the partnership`),
      intake.contact.email,
    );
    expect(receipt.text).toMatch(/withdrew from its partnership with the .+ on [A-Z][a-z]+ \d+, \d{4}\./);
    expect(receipt.text).not.toContain("Our programme closed.");

    // The officer's open link no longer works, and says why.
    const closed = await journey.fetch(reviewLink);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toMatch(
      /The partner withdrew from this partnership on [A-Z][a-z]+ \d+, \d{4}\./,
    );

    // The onboarding's execution was stopped (not failed), and no failure was recorded.
    expect(await executionEnd(journey, journey.runtime.stateMachineArn, partnershipId)).toBe("ABORTED");
    const events = await repository.listEvents(partnershipId);
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    expect(events.map((e) => e.type)).not.toContain("WorkflowFailed");
    expect(events.filter((e) => e.type === "PartnershipWithdrawn")).toHaveLength(1);

    // A POST sent again changes nothing: the status page, as it is.
    const again = await journey.postForm(`${status}/withdraw`, { reason: "Again.", confirm: "yes" });
    expect(again.status).toBe(303);
    expect((await repository.listEvents(partnershipId)).length).toBe(events.length);

    // Nothing more is sent about it: no mail but the withdrawal's since it was made.
    await new Promise((r) => setTimeout(r, 500));
    const after = (await journey.mail()).slice(mailsBefore).filter((m) => m.subject.includes(name));
    expect(after.map((m) => m.to)).toEqual([[OFFICE], [officer], [intake.contact.email]]);

    // Withdrawn, its personal data can be erased (no agreement was issued to it): the chain still verifies.
    const erased = await journey.fetch(`/api/partnerships/${partnershipId}/erasure`, {
      method: "POST",
      headers: { authorization: `Bearer ${lead}` },
    });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ erased: true, already: false });
    const ledger = await repository.listEvents(partnershipId);
    expect(ledger.at(-1)).toMatchObject({ type: "PersonalDataErased", data: { stage: "WITHDRAWN" } });
    expect(verifyLedger(ledger)).toMatchObject({ ok: true });
  });
});

describe("the lead terminates an active partnership", () => {
  it("by the API: TERMINATED, the partner emailed the reason, the vetting renewal's schedule gone", async () => {
    const intake = makeIntake({ organisation: { name: "Lakeside Engineering Co-op" } });
    const name = intake.organisation.name;
    const { partnershipId, statusUrl, checklist } = await toChecklist(journey, intake);
    expect((await journey.postForm(checklist, { action: "send", ...CHECKLIST })).status).toBe(200);
    const review = await journey.waitForMail(new RegExp(`vetting review for ${name}`), ANY_OFFICER);
    // A waiver schedules the vetting's renewal.
    const until = addDays(todayIn(new Date(), "America/Toronto"), 20);
    const waived = await journey.postForm(pathOf(review, "/vetting-review"), {
      ...ALL_VERIFIED,
      "references.verdict": "waived",
      "references.reason": "Referees are away",
      "references.until": until,
      noConflict: "yes",
      outcome: "record",
    });
    expect(waived.status).toBe(200);
    const sign = await vettedToSigning(journey, intake);
    expect(await signedToActive(journey, intake, sign, partnershipId)).toBe("SUCCEEDED");
    await journey.waitForStage(statusUrl, "ACTIVE");
    expect(await repository.listDueSchedules("2099-12-31", 100)).toContainEqual(
      expect.objectContaining({ partnershipId, kind: "vetting-renewal" }),
    );

    const terminate = (body: unknown, token = lead) =>
      journey.fetch(`/api/partnerships/${partnershipId}/termination`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await terminate({ reason: "x" }, officerToken)).status).toBe(403);
    expect((await terminate({})).status).toBe(400);

    const answer = await terminate({ reason: "Placements were left unsupervised." });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: partnershipId, stage: "TERMINATED" });
    await journey.waitForStage(statusUrl, "TERMINATED");
    const told = await journey.waitForMail(
      new RegExp(`^The ${name} partnership has ended`),
      intake.contact.email,
    );
    expect(told.text).toContain("“Placements were left unsupervised.”");
    // The schedule is gone, and its removal recorded.
    expect(await repository.listDueSchedules("2099-12-31", 100)).not.toContainEqual(
      expect.objectContaining({ partnershipId }),
    );
    const events = await repository.listEvents(partnershipId);
    // Each kind of schedule it had (the expiring evidence's renewal and lapse, the periodic review) removed.
    const lastSet = (kind: string) =>
      events.findLast((e) => e.type === "ScheduleSet" && e.data.kind === kind)?.data;
    for (const kind of ["vetting-renewal", "evidence-lapse", "review"])
      expect(lastSet(kind), kind).toEqual({ kind, dueOn: null });
    expect(verifyLedger(events)).toMatchObject({ ok: true });
    // Ended: a second termination is a conflict.
    expect((await terminate({ reason: "Again." })).status).toBe(409);
  });
});
