/**
 * The console's view of a partnership: a decision as its decider saw it (the step's page rendered again from the
 * data it was decided on matches the SHA-256 recorded with it; a page whose data changed since differs), the
 * agreement versions with their signatures and certificate, and where the workflow stands.
 */
import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "#shared/domain/ledger.ts";
import type { AslGraph } from "#shared/domain/workflow-asl.ts";
import { positionOf } from "#shared/domain/workflow-position.ts";
import { timelineOf } from "#shared/services/audit.ts";
import { agreementRecords, decisionAsSeen } from "#shared/services/console.ts";
import { consoleDecisionPage } from "#shared/web/console-decision-page.ts";
import { html } from "#shared/web/html.ts";
import graphs from "#shared/workflows/workflows.asl.json" with { type: "json" };
import { allVerified, CHECKLIST, Office, P } from "../fixtures/onboarding-office.ts";

const GRAPHS: { onboarding: AslGraph; "vetting-renewal": AslGraph } = graphs;

describe("a decision as its decider saw it", () => {
  it("renders the step's page again from the data it was decided on, matching the SHA-256 recorded", async () => {
    const office = await Office.approved();
    await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    const review = await office.open("vetting-review");
    await office.show(review);
    await office.post(review, allVerified());
    // The workflow goes on: the ledger grows after the decision, which the page leaves out.
    await office.open("signatory-confirmation");
    const seen = await decisionAsSeen(office.deps(), office.registry, P, review.decision.decisionId);
    expect(seen).toMatchObject({
      kind: "vetting-review",
      outcome: "verify",
      recorded: { checklistVersion: "2026-12-v1" },
    });
    expect(seen?.page?.sha256).toBe(seen?.recorded?.pageSha256);
    const page = consoleDecisionPage(seen as NonNullable<typeof seen>, office.config);
    expect(page).toContain('data-match="true"');
    expect(page).toContain("<fieldset disabled");
    // Read-only: nothing leads to the link's routes.
    expect(page).not.toContain("{token}");
    expect(page).not.toMatch(/action="\/vetting-review/);
  });

  it("says so when the page rendered again differs, and answers nothing for a decision not made", async () => {
    const office = await Office.approved();
    const evidence = await office.decide("vetting-evidence", { action: "send", ...CHECKLIST });
    // The step's template has changed since: a sentence added to its page.
    const step = office.registry["vetting-evidence"];
    if (!step) throw new Error("no vetting-evidence step");
    const changed = {
      ...office.registry,
      "vetting-evidence": {
        ...step,
        page: (view: Parameters<typeof step.page>[0]) => {
          const shown = step.page(view);
          return { ...shown, body: html`${shown.body}<p>A sentence added since.</p>` };
        },
      },
    };
    const seen = await decisionAsSeen(office.deps(), changed, P, evidence.decision.decisionId);
    const page = consoleDecisionPage(seen as NonNullable<typeof seen>, office.config);
    expect(seen?.page?.sha256).not.toBe(seen?.recorded?.pageSha256);
    expect(page).toContain('data-match="false"');
    const open = await office.open("vetting-review");
    expect(await decisionAsSeen(office.deps(), office.registry, P, open.decision.decisionId)).toBeUndefined();
  });

  it("lists each agreement version with the signatures on its hash and its certificate", async () => {
    const office = await Office.approved();
    await office.vet();
    await office.authorise();
    await office.issueTerms();
    const sha = await office.sign();
    await office.decide("countersign", Office.countersignature(sha));
    await office.complete();
    const timeline = await timelineOf(office.deps(), P);
    const [first] = agreementRecords(timeline);
    expect(first).toMatchObject({ version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(first?.signatures.map((s) => s.by)).toEqual(["partner", "office"]);
    expect(first?.completed?.certificateSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("where the workflow stands", () => {
  const event = (seq: number, step?: string): Pick<LedgerEvent, "seq" | "step"> => ({ seq, step });

  it("is the state that recorded the latest event, the onboarding's end once it has ended, or the renewal's", () => {
    expect(positionOf("VETTING", [event(1), event(2, "AwaitVettingReview"), event(3)], GRAPHS)).toMatchObject(
      {
        workflow: "onboarding",
        state: "AwaitVettingReview",
      },
    );
    expect(positionOf("ACTIVE", [event(1, "DeliverSignedAgreement")], GRAPHS)).toMatchObject({
      workflow: "onboarding",
      state: "Active",
    });
    expect(positionOf("DECLINED", [event(1, "DeclinePartnership")], GRAPHS).state).toBe("Declined");
    expect(
      positionOf("ACTIVE", [event(1, "Active"), event(2, "AwaitRenewedEvidence")], GRAPHS),
    ).toMatchObject({
      workflow: "vetting-renewal",
      state: "AwaitRenewedEvidence",
    });
    expect(positionOf("SUBMITTED", [event(1)], GRAPHS)).toMatchObject({
      workflow: "onboarding",
      state: undefined,
    });
  });
});
