/**
 * The intake sweep on the in-memory repository: over a partnership whose acknowledgement fails every time, and
 * over one whose request died before it began the ledger (IntakeSubmitted stays its first event).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { configureLog } from "#shared/http/log.ts";
import type { EmailMessage } from "#shared/ports/mailer.ts";
import { finishStalledIntakes, GIVE_UP_INTAKE_AFTER_MS } from "#shared/services/finish-stalled-intakes.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { CONFIG } from "../fixtures/step-view.ts";

const T0 = Date.parse("2026-11-23T12:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms);

afterEach(() => {
  vi.restoreAllMocks();
  configureLog({ quiet: true });
});

async function submitted(repository: InMemoryPartnershipRepository, id: string, ms: number, name: string) {
  const intake = makeIntake({
    organisation: { name },
    contact: { name: "C", email: `${name.split(" ")[0]?.toLowerCase()}@example.org` },
  });
  const when = at(ms).toISOString();
  await repository.createPartnership({
    id,
    stage: "SUBMITTED",
    organisationName: name,
    intake,
    intakeVersion: 1,
    assessmentRound: 0,
    submittedAt: when,
    updatedAt: when,
  });
}

describe("the intake sweep, on an intake it cannot finish", () => {
  it("notes the first failure, gives up an hour later with an error line, and then finishes the intakes behind it", async () => {
    const repository = new InMemoryPartnershipRepository();
    const sent: EmailMessage[] = [];
    const started: string[] = [];
    let now = at(0);
    const deps = {
      repository,
      config: CONFIG,
      clock: { now: () => now },
      starter: { start: async (id: string) => void started.push(id) },
      mailer: {
        send: async (m: EmailMessage) => {
          if (m.to.includes("refused@example.org"))
            throw Object.assign(new Error("rejected"), { name: "MessageRejected" });
          sent.push(m);
        },
      },
    };
    await submitted(repository, "01KAW0000000000000000000S1", 0, "Refused Works");
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));

    now = at(2 * 60_000);
    expect(await finishStalledIntakes(deps)).toMatchObject({ stalled: 1, failed: 1 });
    expect((await repository.getPartnership("01KAW0000000000000000000S1"))?.intakeSweepFailedAt).toBe(
      now.toISOString(),
    );
    now = at(30 * 60_000);
    expect(await finishStalledIntakes(deps)).toMatchObject({ failed: 1 });
    expect(errors.filter((l) => l.includes("gave up"))).toEqual([]);

    now = at(2 * 60_000 + GIVE_UP_INTAKE_AFTER_MS);
    expect(await finishStalledIntakes(deps)).toMatchObject({ failed: 1 });
    expect(errors.filter((l) => l.includes("gave up finishing a stalled intake"))).toHaveLength(1);
    expect(errors.join("\n")).not.toContain("refused@example.org");

    // Given up: listed no more, so a newer stalled intake is finished at the next run.
    await submitted(repository, "01KAW0000000000000000000S2", GIVE_UP_INTAKE_AFTER_MS, "Fine Works");
    now = at(10 * 60_000 + GIVE_UP_INTAKE_AFTER_MS);
    expect(await finishStalledIntakes(deps, { batch: 1 })).toMatchObject({
      stalled: 1,
      acknowledged: 1,
      started: 1,
      failed: 0,
    });
    expect(started).toEqual(["01KAW0000000000000000000S2"]);
    expect(sent.map((m) => m.to)).toEqual([["fine@example.org"]]);
  });
});

describe("the intake sweep, on an intake whose ledger was never begun", () => {
  it("begins it with the intake as stored, at its submission, before the acknowledgement's EmailSent", async () => {
    const repository = new InMemoryPartnershipRepository();
    const id = "01KAW0000000000000000000S3";
    // submit-intake died between createPartnership and beginLedger.
    await submitted(repository, id, 0, "Headless Works");
    const started: string[] = [];
    const deps = {
      repository,
      config: CONFIG,
      clock: { now: () => at(5 * 60_000) },
      starter: { start: async (s: string) => void started.push(s) },
      mailer: { send: async () => undefined },
    };
    expect(await finishStalledIntakes(deps)).toMatchObject({ stalled: 1, acknowledged: 1, started: 1 });
    const events = await repository.listEvents(id);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, "IntakeSubmitted"],
      [2, "EmailSent"],
    ]);
    expect(events[0]).toMatchObject({
      at: at(0).toISOString(),
      actor: "partner",
      data: { stage: "SUBMITTED", intakeVersion: 1, intake: { organisation: { name: "Headless Works" } } },
    });
    expect(verifyLedger(events)).toMatchObject({ ok: true, count: 2 });
    expect(started).toEqual([id]);
    // A ledger begun already is left as it is.
    await finishStalledIntakes({ ...deps, clock: { now: () => at(20 * 60_000) } });
    expect((await repository.listEvents(id)).map((e) => e.type)).toEqual(["IntakeSubmitted", "EmailSent"]);
  });
});
