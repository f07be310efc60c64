/**
 * The whole onboarding over HTTP through the local runtime, every link read from the mail catcher: intake,
 * approval, the vetting checklist (saved and resumed, an item asked for again), the signatory's confirmation,
 * the agreement's terms, the partner's signature, the countersignature by an officer who did not verify the
 * vetting, and the completion: ACTIVE, with the signed agreement and its certificate emailed as PDFs.
 */
import { createHash } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey } from "./harness.ts";
import { CHECKLIST, hidden, nextLink, pathOf, TERMS } from "./onboarding-steps.ts";

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

describe("onboarding to ACTIVE through the local runtime", () => {
  it("intake → vetting (saved, resumed, an item asked again) → authority → terms → signed → countersigned → ACTIVE", async () => {
    const intake = makeIntake({ organisation: { name: "Harbourview Placements" } });
    const submitted = await journey.submitJson(intake);
    expect(submitted.status).toBe(202);
    const { partnershipId, statusUrl } = (await submitted.json()) as {
      partnershipId: string;
      statusUrl: string;
    };
    const contact = intake.contact.email;

    // The intake is approved.
    const review = await journey.waitForMail(/intake review for Harbourview Placements/, ANY_OFFICER);
    expect(
      (await journey.postForm(pathOf(review, "/decisions"), { noConflict: "yes", outcome: "approve" }))
        .status,
    ).toBe(200);

    // The partner saves half the checklist, comes back with the same link, and sends it.
    const vetting = pathOf(
      await journey.waitForMail(/Vetting checklist for the Harbourview Placements/, contact),
      "/vetting",
    );
    const saved = await journey.postForm(vetting, {
      action: "save",
      "organisation-legitimacy.issuer": "Corporations Canada",
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('id="saved"');
    expect(await (await journey.fetch(vetting)).text()).toContain('value="Corporations Canada"');
    const incomplete = await journey.postForm(vetting, {
      action: "send",
      "organisation-legitimacy.issuer": "Corporations Canada",
    });
    expect(incomplete.status).toBe(400);
    expect((await journey.postForm(vetting, { action: "send", ...CHECKLIST })).status).toBe(200);

    // The officer asks again for the references, and verifies the rest.
    const vettingReview = await journey.waitForMail(/vetting review for Harbourview Placements/, ANY_OFFICER);
    const verifier = vettingReview.to[0] ?? "";
    const items = Object.keys(CHECKLIST).map((k) => k.split(".")[0] ?? "");
    const verdicts = Object.fromEntries([...new Set(items)].map((id) => [`${id}.verdict`, "verified"]));
    const first = await journey.postForm(pathOf(vettingReview, "/vetting-review"), {
      ...verdicts,
      "references.verdict": "rejected",
      "references.reason": "Please name two schools you have worked with.",
      noConflict: "yes",
      outcome: "record",
    });
    expect(first.status).toBe(200);
    const again = await journey.waitForMail(
      /checklist items? needed again for Harbourview Placements/,
      contact,
    );
    const againPage = await (await journey.fetch(pathOf(again, "/vetting"))).text();
    expect(againPage).toContain("Please name two schools you have worked with.");
    expect(
      (
        await journey.postForm(pathOf(again, "/vetting"), {
          action: "send",
          "references.kind": "evidence",
          "references.issuer": "Citadel High School; Dartmouth High School",
        })
      ).status,
    ).toBe(200);
    const reviewPath = await nextLink(
      journey,
      /vetting review for Harbourview Placements/,
      "/vetting-review",
      [pathOf(vettingReview, "/vetting-review")],
    );
    expect(
      (
        await journey.postForm(reviewPath, {
          "references.verdict": "verified",
          noConflict: "yes",
          outcome: "record",
        })
      ).status,
    ).toBe(200);
    await journey.waitForStage(statusUrl, "CONFIRMING_AUTHORITY");

    // The signatory confirms their authority (their email is at the organisation's domain: no officer check).
    const authority = await journey.waitForMail(
      /confirm your authority to sign for Harbourview Placements/,
      intake.signatory.email,
    );
    expect(
      (
        await journey.postForm(pathOf(authority, "/authority"), {
          action: "confirm",
          name: intake.signatory.name,
          title: intake.signatory.title,
          authority: "yes",
        })
      ).status,
    ).toBe(200);
    await journey.waitForStage(statusUrl, "SIGNING");

    // An officer fills in the terms and issues the agreement.
    const terms = await journey.waitForMail(/the agreement's terms for Harbourview Placements/, ANY_OFFICER);
    const termsPath = pathOf(terms, "/agreement");
    expect(await (await journey.fetch(termsPath)).text()).toContain(intake.needsAssessment.expectedOutcome);
    expect(
      (await journey.postForm(termsPath, { ...TERMS, noConflict: "yes", outcome: "issue" })).status,
    ).toBe(200);

    // The signatory signs the version shown; a wrong name signs nothing.
    const sign = pathOf(
      await journey.waitForMail(
        /Please sign the partnership agreement for Harbourview Placements/,
        intake.signatory.email,
      ),
      "/sign",
    );
    const signPage = await (await journey.fetch(sign)).text();
    const sha = hidden(signPage, "documentSha256");
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const signature = { action: "sign", consent: "yes", intent: "yes", documentSha256: sha };
    const wrongName = await journey.postForm(sign, { ...signature, fullName: "Someone Else" });
    expect(wrongName.status).toBe(400);
    expect((await journey.postForm(sign, { ...signature, fullName: intake.signatory.name })).status).toBe(
      200,
    );

    // The countersigning officer is not the one who verified the vetting.
    const countersign = await journey.waitForMail(
      /countersign the agreement with Harbourview Placements/,
      ANY_OFFICER,
    );
    expect(countersign.to).not.toContain(verifier);
    const counterPath = pathOf(countersign, "/countersign");
    const counterPage = await (await journey.fetch(counterPath)).text();
    expect(hidden(counterPage, "documentSha256")).toBe(sha);
    expect(
      (
        await journey.postForm(counterPath, {
          documentSha256: sha,
          intent: "yes",
          fullName: "Morgan Lee",
          noConflict: "yes",
          outcome: "countersign",
        })
      ).status,
    ).toBe(200);

    // Active, and both parties have the signed agreement and its certificate.
    const active = await journey.waitForStage(statusUrl, "ACTIVE");
    expect(active).toContain("The agreement is signed by both parties");
    const delivered = await journey.waitForMail(/is signed: the partnership is active/, contact);
    const files = delivered.attachments ?? [];
    expect(files.map((f) => f.filename)).toEqual(["agreement-v1.pdf", "completion-certificate-v1.pdf"]);
    expect(
      createHash("sha256")
        .update(files[0]?.content ?? new Uint8Array())
        .digest("hex"),
    ).toBe(sha);
    await journey.waitForMail(/is signed: the partnership is active/, ANY_OFFICER);
    // The delivery is recorded after its emails, as the last task: the execution's end says it is done.
    const arn = `${journey.runtime.stateMachineArn.replace(":stateMachine:", ":execution:")}:${partnershipId}`;
    const deadline = Date.now() + 10_000;
    while (
      (await journey.runtime.stepFunctions.describeExecution(arn)).status === "RUNNING" &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 50));
    expect((await journey.runtime.stepFunctions.describeExecution(arn)).status).toBe("SUCCEEDED");

    const ledger = await repository.listEvents(partnershipId);
    expect(verifyLedger(ledger)).toMatchObject({ ok: true });
    // The two deliveries' emails are recorded (EmailSent) before the delivery itself.
    expect(ledger.slice(-3).map((e) => [e.type, e.data.template])).toEqual([
      ["EmailSent", "agreement-delivered"],
      ["EmailSent", "agreement-delivered"],
      ["AgreementDelivered", undefined],
    ]);
    const events = ledger.filter((e) => e.type !== "EmailSent");
    const types = events.map((e) => e.type);
    expect(types).toContain("AgreementIssued");
    expect(types).toContain("AgreementCompleted");
    // Certified, then active (its next review scheduled), then delivered: the emails that say so went once it was.
    expect(types.slice(-4)).toEqual([
      "AgreementCompleted",
      "StageChanged",
      "ScheduleSet",
      "AgreementDelivered",
    ]);
    expect(events.at(-3)?.data).toMatchObject({ from: "SIGNING", to: "ACTIVE" });
    expect(events.at(-2)?.data).toMatchObject({ kind: "review" });
  }, 60_000);
});
