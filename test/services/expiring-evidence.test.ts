/**
 * Expiring vetting evidence, on the in-memory repository: the vetting's pass schedules the evidence's renewal
 * (the notice window before it expires) and the look for its lapse; the sweep starts a renewal round that asks
 * the partner for the expiring items, saying why, and the review treats them as a waiver's items; evidence that
 * lapses without renewed evidence verified marks the partnership at risk once, and the partner and the office
 * are told; renewed evidence verified in time marks nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "#shared/domain/calendar-dates.ts";
import { describeEvent, describeForPartner } from "#shared/events/registry.ts";
import { startVettingRenewals } from "#shared/services/start-vetting-renewals.ts";
import { recordOutcome } from "#shared/services/workflow-steps.ts";
import { STATE } from "#workflows/onboarding/states.ts";
import { REVETTING_STATE } from "#workflows/revetting/states.ts";
import { allVerified, CHECKLIST, Office, P } from "../fixtures/onboarding-office.ts";

/** The insurance expires 40 days after the office's "now" (2026-11-23); the checks years later. */
const EXPIRES = "2027-01-02";
const NOTICE = "2026-12-03";
const LAPSE = "2027-01-03";
const EXPIRING = { ...CHECKLIST, "liability-insurance.expiry": EXPIRES };
/** Renewed insurance: valid years on, as the checklist's fixture gives it. */
const RENEWED = CHECKLIST;

let office: Office;
let started: { partnershipId: string; round: string }[];

beforeEach(async () => {
  office = await Office.approved();
  started = [];
});

const at = (day: string) => new Date(`${day}T15:00:00.000Z`);

function sweep() {
  return startVettingRenewals({
    ...office.deps(),
    renewals: {
      startRenewal: async (partnershipId: string, round: string) =>
        void started.push({ partnershipId, round }),
    },
  });
}

async function vetted(answers: Record<string, string> = EXPIRING) {
  await office.decide("vetting-evidence", { action: "send", ...answers });
  await office.decide("vetting-review", allVerified());
  await office.move("vetted", STATE.confirmVetting);
}

async function active(answers: Record<string, string> = EXPIRING) {
  await vetted(answers);
  await office.move("authority-confirmed", STATE.prepareForSigning);
  await office.move("activated", STATE.activatePartnership);
}

/** The vetting's schedules (the periodic review's, set at activation, aside). */
const schedules = async () =>
  (await office.repository.listDueSchedules("2099-12-31", 10)).filter((s) => s.kind !== "review");
const ofType = async (type: string) => (await office.events()).filter((e) => e.type === type);

const renewal = (outcome: "vetting-renewed" | "at-risk", round = NOTICE) =>
  recordOutcome(
    office.deps(),
    { partnershipId: P, outcome, round },
    outcome === "at-risk" ? REVETTING_STATE.notGivenInTime : REVETTING_STATE.recordRenewal,
  );

describe("the schedules the vetting's pass sets for expiring evidence", () => {
  it("the renewal the notice window before the earliest expiry, the lapse the day after it; each recorded once", async () => {
    await vetted();
    await office.move("vetted", STATE.confirmVetting);
    const checksLapse = await schedules();
    expect(checksLapse).toEqual([
      { partnershipId: P, kind: "vetting-renewal", dueOn: NOTICE },
      { partnershipId: P, kind: "evidence-lapse", dueOn: LAPSE },
    ]);
    expect((await ofType("ScheduleSet")).map((e) => [e.data, e.step, e.actor])).toEqual([
      [{ kind: "vetting-renewal", dueOn: NOTICE }, STATE.confirmVetting, "system:workflow"],
      [{ kind: "evidence-lapse", dueOn: LAPSE }, STATE.confirmVetting, "system:workflow"],
    ]);
  });

  it("never in the past: evidence expiring within the window is asked for from tomorrow", async () => {
    await vetted({ ...CHECKLIST, "liability-insurance.expiry": "2026-12-01" });
    expect(await schedules()).toEqual([
      { partnershipId: P, kind: "vetting-renewal", dueOn: "2026-11-24" },
      { partnershipId: P, kind: "evidence-lapse", dueOn: "2026-12-02" },
    ]);
  });

  it("a waiver that ends earlier comes first: one round asks for both", async () => {
    await office.decide("vetting-evidence", { action: "send", ...EXPIRING });
    await office.decide("vetting-review", {
      ...allVerified(),
      "references.verdict": "waived",
      "references.reason": "Referees away",
      "references.until": "2026-11-30",
    });
    await office.move("vetted", STATE.confirmVetting);
    expect((await schedules())[0]).toEqual({
      partnershipId: P,
      kind: "vetting-renewal",
      dueOn: "2026-12-01",
    });
  });
});

describe("a renewal round for expiring evidence", () => {
  beforeEach(async () => {
    await active();
    office.now = at(NOTICE);
    office.sent.splice(0);
  });

  it("the sweep starts it on the notice day; the partner is asked for the expiring item, and told why", async () => {
    office.now = at("2026-12-02");
    expect(await sweep()).toMatchObject({ started: 0, lapsed: 0 });
    office.now = at(NOTICE);
    expect(await sweep()).toMatchObject({ started: 1, lapsed: 0 });
    expect(started).toEqual([{ partnershipId: P, round: NOTICE }]);

    const asked = await office.open("vetting-renewal");
    expect(asked.mail.subject).toMatch(/^Vetting: 1 checklist item needed for /);
    expect(asked.mail.text).toContain(
      "Liability insurance: your evidence expires on January 2, 2027; please give the renewed evidence.",
    );
    const page = await office.show(asked);
    expect(page.body).toContain('id="item-liability-insurance"');
    expect(page.body).not.toContain('id="item-vulnerable-sector-checks"');
    expect(page.body).toContain("Your evidence for this expires on January 2, 2027");
    // The request records the expiring evidence: the timeline and the status page say so.
    const [request] = (await ofType("VettingEvidenceRequested")).filter(
      (e) => e.data.kind === "vetting-renewal",
    );
    expect(request?.data.details).toEqual({
      checklistVersion: "2026-12-v1",
      items: ["liability-insurance"],
      expiring: [{ itemId: "liability-insurance", title: "Liability insurance", expiresOn: EXPIRES }],
    });
    expect(describeEvent(request ?? { type: "", data: {} })).toContain(
      "evidence expiring, asked again (Liability insurance expires on 2027-01-02)",
    );
    expect(describeForPartner(request ?? { type: "", data: {} })).toBe(
      "Asked for the vetting checklist (1 item): your evidence expires soon, asked for again (Liability insurance expires on January 2, 2027)",
    );
  });

  it("the review treats it as a waiver's item; renewed, the next round and lapse follow the new expiry", async () => {
    await office.decide("vetting-renewal", { action: "send", ...RENEWED });
    const review = await office.open("vetting-renewal-review");
    const page = await office.show(review);
    expect(page.body).toContain(
      "Evidence the office verified expires soon, and was asked for again: Liability insurance, expiring January 2, 2027.",
    );
    expect(page.body).toContain('id="item-liability-insurance"');
    await office.decide("vetting-renewal-review", allVerified(["liability-insurance"]));
    await renewal("vetting-renewed");
    const expiry = CHECKLIST["liability-insurance.expiry"] ?? "";
    expect(await schedules()).toEqual([
      { partnershipId: P, kind: "vetting-renewal", dueOn: addDays(expiry, -30) },
      { partnershipId: P, kind: "evidence-lapse", dueOn: addDays(expiry, 1) },
    ]);
    // On the old lapse day, nothing is marked: the schedule moved, and the ledger shows the renewal anyway.
    office.now = at(LAPSE);
    expect(await sweep()).toMatchObject({ lapsed: 0 });
    expect(await ofType("PartnershipAtRisk")).toEqual([]);
  });

  it("a round that ends without the item does not start another for it: it lapses, and is marked then", async () => {
    await office.open("vetting-renewal");
    await renewal("at-risk");
    // The next round is the checks', years on; none for the insurance asked for already.
    const due = await schedules();
    const next = due.find((s) => s.kind === "vetting-renewal");
    const lapse = due.find((s) => s.kind === "evidence-lapse");
    expect(next?.kind).toBe("vetting-renewal");
    expect(next && next.dueOn > LAPSE).toBe(true);
    expect(lapse).toEqual({ partnershipId: P, kind: "evidence-lapse", dueOn: LAPSE });
    office.now = at(LAPSE);
    expect(await sweep()).toMatchObject({ started: 0, lapsed: 1 });
    expect((await ofType("PartnershipAtRisk")).map((e) => e.data.reason)).toEqual([
      "not-given",
      "evidence-lapsed",
    ]);
  });
});

describe("evidence that lapses", () => {
  beforeEach(async () => {
    await active();
  });

  it("marks the partnership at risk once, the partner and the office told; the schedule moves on", async () => {
    office.now = at(EXPIRES);
    expect(await sweep()).toMatchObject({ lapsed: 0 });
    office.now = at(LAPSE);
    office.sent.splice(0);
    expect(await sweep()).toMatchObject({ lapsed: 1, failed: 0 });
    expect(await sweep()).toMatchObject({ lapsed: 0 });
    const marked = await ofType("PartnershipAtRisk");
    expect(marked.map((e) => [e.data, e.actor])).toEqual([
      [
        {
          round: LAPSE,
          reason: "evidence-lapsed",
          items: [{ itemId: "liability-insurance", title: "Liability insurance", expiresOn: EXPIRES }],
        },
        "system:start-vetting-renewals",
      ],
    ]);
    const [toPartner, toOffice] = office.sent.filter((m) => /at risk/i.test(m.subject));
    expect(toPartner?.to).toEqual([office.intake.contact.email]);
    expect(toPartner?.text).toContain("Liability insurance: valid until January 2, 2027.");
    expect(toPartner?.text).not.toContain(P);
    expect(toOffice?.to).toEqual([office.config.OFFICE_EMAIL]);
    expect(toOffice?.subject).toMatch(/^At risk: .*: evidence lapsed$/);
    expect(toOffice?.text).toContain(P);
    // Each email is recorded; the lapse schedule moves to the checks' expiry, recorded by the sweep.
    expect((await ofType("EmailSent")).slice(-2).map((e) => e.data.template)).toEqual(["at-risk", "at-risk"]);
    const moved = (await ofType("ScheduleSet")).at(-1);
    expect(moved?.data.kind).toBe("evidence-lapse");
    expect(moved?.data.dueOn).not.toBe(LAPSE);
    expect(moved?.actor).toBe("system:start-vetting-renewals");
    expect((await office.partnership()).stage).toBe("ACTIVE");
    // The timeline and the status page say why.
    expect(describeEvent(marked[0] ?? { type: "", data: {} })).toBe(
      "Marked at risk: evidence lapsed without renewed evidence verified: Liability insurance, expired 2027-01-02",
    );
    expect(describeForPartner(marked[0] ?? { type: "", data: {} })).toMatch(
      /^The partnership is at risk: your evidence lapsed \(Liability insurance, expired 2027-01-02\)/,
    );
  });

  it("while a round still waits for the officer: at risk anyway, and the renewal verified later is recorded", async () => {
    office.now = at(NOTICE);
    await office.decide("vetting-renewal", { action: "send", ...RENEWED });
    office.now = at(LAPSE);
    expect(await sweep()).toMatchObject({ lapsed: 1 });
    await office.decide("vetting-renewal-review", allVerified(["liability-insurance"]));
    await renewal("vetting-renewed");
    expect((await office.events()).map((e) => e.type).filter((t) => /AtRisk|Renewed/.test(t))).toEqual([
      "PartnershipAtRisk",
      "VettingRenewed",
    ]);
  });
});

describe("evidence that lapses before the partnership is active", () => {
  it("marks it at risk all the same (the onboarding goes on); one that ended drops the schedule", async () => {
    await vetted();
    office.now = at(LAPSE);
    // The renewal waits for the onboarding to end; the lapse is marked now.
    expect(await sweep()).toMatchObject({ lapsed: 1, waiting: 1 });
    expect((await office.partnership()).stage).toBe("CONFIRMING_AUTHORITY");

    office = await Office.approved();
    await vetted();
    await office.move("declined", STATE.declinePartnership);
    office.now = at(LAPSE);
    // Both its schedules are due, and both are dropped.
    expect(await sweep()).toMatchObject({ lapsed: 0, dropped: 2 });
    expect(await ofType("PartnershipAtRisk")).toEqual([]);
    expect(await schedules()).toEqual([]);
  });
});
