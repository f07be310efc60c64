import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { recipientHash } from "#shared/domain/recipient-hash.ts";
import { intakeFormFields as formFields, makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";

const OFFICER = ANY_OFFICER;

let journey: Journey;
let repository: DynamoDbPartnershipRepository;
/** The partnership the first journey approves: in VETTING, it is on file for the ones after it. */
let approvedId = "";

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

async function submit(name: string, headers: Record<string, string> = {}) {
  const intake = makeIntake({ organisation: { name } });
  const response = await journey.submitJson(intake, headers);
  expect(response.status).toBe(202);
  const body = (await response.json()) as { partnershipId: string; statusUrl: string; created: boolean };
  return { ...body, intake };
}

async function officerLink(org: string) {
  const mail = await journey.waitForMail(new RegExp(`Decision needed: intake review for ${org}`), OFFICER);
  return new URL(linkIn(mail, "/decisions")).pathname;
}

describe("onboarding journey through the local runtime", () => {
  it("intake → officer email → GET changes nothing → POST approve → status shows VETTING; a second POST is refused", async () => {
    const { partnershipId, statusUrl, intake } = await submit("Lakeside Robotics Co-op");
    approvedId = partnershipId;
    expect(statusUrl).toContain("/status/");
    const ack = await journey.waitForMail(/We received the partnership intake/, intake.contact.email);
    expect(ack.text).toContain(statusUrl);

    const link = await officerLink("Lakeside Robotics Co-op");
    const page = await journey.fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Lakeside Robotics Co-op");
    expect(html).toContain('id="alignment"');
    // Viewing twice changes nothing: the decision is still open and the stage unchanged.
    expect((await journey.fetch(link)).status).toBe(200);
    await journey.waitForStage(statusUrl, "ASSESSING");

    const decided = await journey.postForm(link, { noConflict: "yes", outcome: "approve", comment: "" });
    expect(decided.status).toBe(200);
    const status = await journey.waitForStage(statusUrl, "VETTING");
    expect(status).toContain("vetting checklist");
    await journey.waitForMail(/moves on to vetting/, intake.contact.email);

    const again = await journey.postForm(link, {
      noConflict: "yes",
      outcome: "decline",
      comment: "changed my mind",
    });
    expect(again.status).toBe(410);
    await journey.waitForStage(statusUrl, "VETTING");

    // Vetting starts: the partner is asked for the checklist.
    await journey.waitForMail(
      /Vetting checklist for the Lakeside Robotics Co-op partnership/,
      intake.contact.email,
    );
    const ledger = await repository.listEvents(partnershipId);
    expect(verifyLedger(ledger)).toMatchObject({ ok: true });
    // Each email is recorded once sent (EmailSent), between the state's events: the acknowledgement, the
    // officer's link, the approval (the checklist's link may be recorded a moment after its email arrived).
    const emails = ledger.filter((e) => e.type === "EmailSent");
    expect(emails.slice(0, 3).map((e) => [e.data.template, e.data.recipients])).toEqual([
      [
        "acknowledgement",
        [{ role: "partner", addressSha256: recipientHash(partnershipId, intake.contact.email) }],
      ],
      ["intake-review", [{ role: "officer", addressSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]],
      ["approved", [{ role: "partner", addressSha256: recipientHash(partnershipId, intake.contact.email) }]],
    ]);
    expect(JSON.stringify(emails)).not.toContain(intake.contact.email);
    const events = ledger.filter((e) => e.type !== "EmailSent");
    expect(events.map((e) => e.type)).toEqual([
      "IntakeSubmitted",
      "StageChanged",
      "NeedsAssessed",
      "OfficerDecisionRequested",
      "OfficerDecided",
      "StageChanged",
      "VettingEvidenceRequested",
    ]);
    // The officer's declaration of no conflict of interest is recorded with the decision.
    expect(events[4]?.data.details).toEqual({ noConflictDeclared: true });
    const execution = await journey.runtime.stepFunctions.describeExecution(
      `${journey.runtime.stateMachineArn.replace(":stateMachine:", ":execution:")}:${partnershipId}`,
    );
    expect(execution.status).toBe("RUNNING");
  });

  it("the officer sees an organisation already on file as a possible duplicate and, being onboarded, in onboarding", async () => {
    expect(approvedId).not.toBe("");
    const intake = makeIntake({
      organisation: { name: "The Lakeside Robotics Co-op", website: "https://lakeside-robotics.example" },
    });
    expect((await journey.submitJson(intake)).status).toBe(202);
    const html = await (await journey.fetch(await officerLink("The Lakeside Robotics Co-op"))).text();
    const duplicates = /<ul id="duplicates">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
    expect(duplicates).toContain(`same name: lakeside robotics co op, partnership ${approvedId}`);
    // Approved into vetting, it is not active yet: listed in onboarding, not among the overlaps.
    const onboarding = /<ul id="in-onboarding">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
    expect(onboarding).toContain("Lakeside Robotics Co-op:");
    expect(html).toContain('<p id="overlaps">No overlaps.</p>');
  });

  it("request info → the partner corrects the answers → reassessed → approve", async () => {
    const { partnershipId, statusUrl, intake } = await submit("Northgate Community Kitchen");
    const first = await officerLink("Northgate Community Kitchen");
    expect(
      (
        await journey.postForm(first, {
          noConflict: "yes",
          outcome: "request-info",
          comment: "Which schools do you serve?",
        })
      ).status,
    ).toBe(200);

    const ask = await journey.waitForMail(/More information needed/, intake.contact.email);
    expect(ask.text).toContain("Which schools do you serve?");
    // The status page says the partner is the one awaited, and what for; not that an officer is reviewing.
    const asked = await (await fetch(statusUrl)).text();
    expect(asked).toContain(
      "The office needs more information before it decides: “Which schools do you serve?”",
    );
    expect(asked).not.toContain("A partnership officer is reviewing");
    expect(asked).toContain("<td>More information requested: “Which schools do you serve?”</td>");
    const edit = new URL(linkIn(ask, "/resubmit")).pathname;
    const form = await (await journey.fetch(edit)).text();
    expect(form).toContain('value="Northgate Community Kitchen"');

    // A bad resubmission is answered with the form and messages, and changes nothing.
    const bad = await journey.postForm(edit, { "organisation.name": "" });
    expect(bad.status).toBe(400);
    expect((await repository.getPartnership(partnershipId))?.intakeVersion).toBe(1);

    const fields = {
      ...formFields({ ...intake, services: [...intake.services, "Meal programme for Eastside Secondary"] }),
      answer: "Eastside Secondary and Northgate Elementary.",
    };
    const thanks = await journey.postForm(edit, fields);
    expect(thanks.status).toBe(200);
    // The thank-you page says how to follow progress, and a receipt with the same link is emailed.
    const statusPath = /id="status-link" href="[^"]*(\/status\/[A-Za-z0-9_-]{43})"/.exec(
      await thanks.text(),
    )?.[1];
    expect(statusPath).toBeDefined();
    const receipt = await journey.waitForMail(/We received your updated answers/, intake.contact.email);
    expect(receipt.text).toContain(statusPath);
    expect((await journey.fetch(statusPath ?? "")).status).toBe(200);
    // A reload of the POST says what happened, not an error page.
    const again = await journey.postForm(edit, fields);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Your answer and updated intake were received.");

    const mails = await journey.mail();
    await expect
      .poll(
        async () => (await journey.mail()).filter((m) => /Decision needed.*Northgate/.test(m.subject)).length,
        {
          timeout: 10_000,
        },
      )
      .toBe(2);
    const second = (await journey.mail()).filter((m) => /Decision needed.*Northgate/.test(m.subject))[1];
    expect(mails.length).toBeGreaterThan(0);
    const secondLink = new URL(linkIn(second as NonNullable<typeof second>, "/decisions")).pathname;
    expect(secondLink).not.toBe(first);
    // The officer's next review shows the question, the answer, and what changed, field by field.
    const review = await (await journey.fetch(secondLink)).text();
    const since = /<div class="card" id="since-last-round">([\s\S]*?)<\/table>/.exec(review)?.[1] ?? "";
    expect(since).toContain("<strong>You asked:</strong> Which schools do you serve?");
    expect(since).toContain(
      "<strong>The partner answered:</strong> Eastside Secondary and Northgate Elementary.",
    );
    expect(since).toContain("What changed (version 1 → 2)");
    expect(since).toContain("<th>Services</th>");
    expect(since).toContain("Meal programme for Eastside Secondary");
    expect(
      (
        await journey.postForm(secondLink, {
          noConflict: "yes",
          outcome: "approve",
          comment: "Welcome aboard; vetting is next.",
        })
      ).status,
    ).toBe(200);
    const vetting = await journey.waitForStage(statusUrl, "VETTING");
    expect(vetting).toContain("<td>Updated answers received</td>");
    // The approval's comment reaches the partner: on the status page and in the email.
    expect(vetting).toContain("<td>Approved to go on to vetting: “Welcome aboard; vetting is next.”</td>");
    const approved = await journey.waitForMail(
      /Northgate Community Kitchen partnership moves on/,
      intake.contact.email,
    );
    expect(approved.text).toContain("The officer wrote: “Welcome aboard; vetting is next.”");
    // Stages by name for the partner; the code stays in the page as data.
    expect(vetting).toContain('data-stage="VETTING">Vetting</span>');
    expect(vetting).toContain("<td>Needs assessment</td>");
    const p = await repository.getPartnership(partnershipId);
    expect(p?.intakeVersion).toBe(2);
    expect(p?.assessmentRound).toBe(2);
  });

  it("decline → DECLINED, and the partner is told the officer's reason", async () => {
    const { statusUrl, intake } = await submit("Bayview Print Shop");
    const link = await officerLink("Bayview Print Shop");
    const asked = await journey.postForm(link, {
      noConflict: "yes",
      outcome: "decline",
      comment: "We have enough print partners",
    });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("<h1>Confirm: Decline</h1>");
    // Nothing is decided until the officer confirms.
    await journey.waitForStage(statusUrl, "ASSESSING");
    const confirmed = await journey.postForm(link, {
      noConflict: "yes",
      outcome: "decline",
      comment: "We have enough print partners",
      confirm: "yes",
    });
    expect(confirmed.status).toBe(200);
    await journey.waitForStage(statusUrl, "DECLINED");
    const mail = await journey.waitForMail(
      /About the Bayview Print Shop partnership intake/,
      intake.contact.email,
    );
    expect(mail.text).toContain("We have enough print partners");
  });

  it("a double click (the same intake and key posted twice at once) yields one partnership and one email", async () => {
    const intake = makeIntake({ organisation: { name: "Double Click Bakery" } });
    const headers = { "idempotency-key": "double-click-0001" };
    const answers = await Promise.all([0, 1, 2].map(() => journey.submitJson(intake, headers)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const ids = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { partnershipId: string }).partnershipId),
    );
    expect(new Set(ids).size).toBe(1);
    await officerLink("Double Click Bakery");
    const acks = (await journey.mail()).filter((m) => /intake for Double Click Bakery/.test(m.subject));
    expect(acks).toHaveLength(1);
  });

  it("a replayed intake with the same Idempotency-Key yields one partnership", async () => {
    const intake = makeIntake({ organisation: { name: "Replay Labs" } });
    const headers = { "idempotency-key": "replay-labs-0001" };
    const first = (await (await journey.submitJson(intake, headers)).json()) as { partnershipId: string };
    const second = await journey.submitJson(intake, headers);
    expect(second.status).toBe(202);
    expect(((await second.json()) as { partnershipId: string }).partnershipId).toBe(first.partnershipId);
    await officerLink("Replay Labs");
    const acks = (await journey.mail()).filter((m) => /intake for Replay Labs/.test(m.subject));
    expect(acks).toHaveLength(1);
    const executions = await journey.runtime.stepFunctions.listExecutions();
    expect(executions.filter((e) => e.name === first.partnershipId)).toHaveLength(1);
  });

  it("bad input gets 400 with the failing fields and starts nothing", async () => {
    const before = (await journey.runtime.stepFunctions.listExecutions()).length;
    const response = await journey.submitJson({ ...makeIntake(), audiences: ["toddlers"] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toContain("audiences.0");
    expect((await journey.runtime.stepFunctions.listExecutions()).length).toBe(before);
  });

  it("the intake form works without JavaScript: GET / then POST /", async () => {
    const form = await (await journey.fetch("/")).text();
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)?.[1];
    expect(key).toBeDefined();
    const intake = makeIntake({ organisation: { name: "Form Path Bakery" } });
    const response = await journey.postForm("/", {
      ...formFields(intake),
      idempotencyKey: key as string,
    });
    expect(response.status).toBe(202);
    const thanks = await response.text();
    const statusPath = /id="status-link" href="([^"]+)"/.exec(thanks)?.[1];
    expect(statusPath).toContain("/status/");
    await officerLink("Form Path Bakery");
  });

  it("unknown links get a clear 404 page, not a stack trace", async () => {
    const response = await journey.fetch(`/decisions/${"A".repeat(43)}`);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain("Link not found");
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect((await journey.fetch(`/status/${"A".repeat(43)}`)).status).toBe(404);
    expect((await journey.fetch("/status/not-a-token")).status).toBe(404);
  });
});
