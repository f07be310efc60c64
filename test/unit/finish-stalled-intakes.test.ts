/** The intake sweep's decisions, with its ports replaced by mocks: what it sends, starts and marks, and in what order. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EventDraft } from "#shared/domain/ledger.ts";
import { hashToken } from "#shared/domain/link-tokens.ts";
import type { Partnership } from "#shared/domain/partnership.ts";
import { configureLog } from "#shared/http/log.ts";
import type { EmailMessage } from "#shared/ports/mailer.ts";
import type { PartnershipRepository } from "#shared/ports/partnership-repository.ts";
import {
  finishStalledIntakes,
  INTAKE_SWEEP_BATCH,
  INTAKE_SWEEP_WINDOW_MS,
} from "#shared/services/finish-stalled-intakes.ts";
import { makeIntake } from "../fixtures/intake.ts";

const NOW = new Date("2026-11-23T12:00:00.000Z");
const TWO_MINUTES_AGO = "2026-11-23T11:58:00.000Z";
const config = {
  PUBLIC_BASE_URL: "https://partners.example.org",
  STATUS_LINK_TTL_DAYS: 365,
} as Parameters<typeof finishStalledIntakes>[0]["config"];

function stalled(id: string, overrides: Partial<Partnership> = {}): Partnership {
  const intake = makeIntake({ organisation: { name: `Stalled ${id} Ltd` } });
  return {
    id,
    stage: "SUBMITTED",
    organisationName: intake.organisation.name,
    intake,
    intakeVersion: 1,
    assessmentRound: 0,
    submittedAt: TWO_MINUTES_AGO,
    updatedAt: TWO_MINUTES_AGO,
    acknowledgementClaimedAt: TWO_MINUTES_AGO,
    ...overrides,
  };
}

/**
 * The ports the sweep uses; `calls` keeps their order across ports. Each ledger has begun (the request wrote its
 * IntakeSubmitted) unless `begun` is false.
 */
function world(partnerships: Partnership[], begun = true) {
  const calls: string[] = [];
  const sent: EmailMessage[] = [];
  const table = new Map(partnerships.map((p) => [p.id, p]));
  const ledgers = new Map<string, EventDraft[]>(begun ? partnerships.map((p) => [p.id, []]) : []);
  const repository = {
    beginLedger: vi.fn(async (draft: EventDraft) => {
      if (ledgers.has(draft.partnershipId)) return false;
      calls.push(`begin ${draft.partnershipId} ${draft.type}`);
      ledgers.set(draft.partnershipId, [draft]);
      return true;
    }),
    appendEventIfBegun: vi.fn(async (draft: EventDraft) => {
      if (!ledgers.has(draft.partnershipId)) return undefined;
      calls.push(`append ${draft.partnershipId} ${draft.type}`);
      return draft;
    }),
    listStalledIntakes: vi.fn(async () => partnerships),
    getPartnership: vi.fn(async (id: string) => table.get(id)),
    claimAcknowledgement: vi.fn(async (id: string) => {
      calls.push(`claim ${id}`);
      return true;
    }),
    releaseAcknowledgement: vi.fn(async (id: string) => void calls.push(`release ${id}`)),
    putLink: vi.fn(async () => void calls.push("link")),
    markOnce: vi.fn(async (id: string, marker: string) => {
      calls.push(`mark ${id} ${marker}`);
      return true;
    }),
  };
  const mailer = {
    send: vi.fn(async (message: EmailMessage) => {
      calls.push(`send ${message.to.join()}`);
      sent.push(message);
    }),
  };
  const starter = { start: vi.fn(async (id: string) => void calls.push(`start ${id}`)) };
  const deps = {
    repository: repository as unknown as PartnershipRepository,
    mailer,
    starter,
    config,
    clock: { now: () => NOW },
  };
  return { deps, repository, mailer, starter, calls, sent };
}

const warnings: string[] = [];
beforeEach(() => {
  configureLog({ quiet: false });
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void warnings.push(String(line)));
});
afterEach(() => {
  vi.restoreAllMocks();
  configureLog({ quiet: true });
  warnings.length = 0;
});

describe("finishStalledIntakes", () => {
  it("lists the intakes at SUBMITTED from a week back to a minute ago, one batch", async () => {
    const { deps, repository } = world([]);
    expect(await finishStalledIntakes(deps)).toEqual({
      stalled: 0,
      acknowledged: 0,
      started: 0,
      busy: 0,
      failed: 0,
      deferred: 0,
    });
    expect(repository.listStalledIntakes).toHaveBeenCalledWith(
      new Date(NOW.getTime() - INTAKE_SWEEP_WINDOW_MS).toISOString(),
      "2026-11-23T11:59:00.000Z",
      INTAKE_SWEEP_BATCH,
    );
  });

  it("sends an acknowledgement left claimed by a request cut short, with a new status link, then starts the workflow", async () => {
    const p = stalled("P1");
    const { deps, repository, calls, sent } = world([p]);
    expect(await finishStalledIntakes(deps)).toMatchObject({ stalled: 1, acknowledged: 1, started: 1 });
    expect(calls).toEqual([
      "claim P1",
      "link",
      `send ${p.intake.contact.email}`,
      "append P1 EmailSent",
      "mark P1 acknowledged",
      "start P1",
      "mark P1 workflowStarted",
    ]);
    // The claim is taken only if the one held is older than a minute.
    expect(repository.claimAcknowledgement).toHaveBeenCalledWith(
      "P1",
      NOW.toISOString(),
      "2026-11-23T11:59:00.000Z",
    );
    // The link's token is in the email only; the table gets its hash.
    const token = /\/status\/([A-Za-z0-9_-]{43})/.exec(sent[0]?.text ?? "")?.[1] ?? "";
    expect(sent[0]?.subject).toBe(`We received the partnership intake for ${p.organisationName}`);
    expect(repository.putLink).toHaveBeenCalledWith({
      tokenHash: hashToken(token),
      purpose: "status",
      partnershipId: "P1",
      expiresAt: "2027-11-23T12:00:00.000Z",
      singleUse: false,
    });
  });

  it("begins a ledger its request never began with the intake as stored, before the acknowledgement", async () => {
    const p = stalled("P10");
    const { deps, repository, calls } = world([p], false);
    expect(await finishStalledIntakes(deps)).toMatchObject({ stalled: 1, acknowledged: 1, started: 1 });
    expect(calls).toEqual([
      "begin P10 IntakeSubmitted",
      "claim P10",
      "link",
      `send ${p.intake.contact.email}`,
      "append P10 EmailSent",
      "mark P10 acknowledged",
      "start P10",
      "mark P10 workflowStarted",
    ]);
    expect(repository.beginLedger).toHaveBeenCalledWith({
      partnershipId: "P10",
      at: TWO_MINUTES_AGO,
      actor: "partner",
      type: "IntakeSubmitted",
      data: { stage: "SUBMITTED", intakeVersion: 1, intake: p.intake },
    });
  });

  it("starts the workflow of an intake acknowledged but never started, sending nothing", async () => {
    const { deps, mailer, calls } = world([stalled("P2", { acknowledgedAt: TWO_MINUTES_AGO })]);
    expect(await finishStalledIntakes(deps)).toMatchObject({ stalled: 1, acknowledged: 0, started: 1 });
    expect(mailer.send).not.toHaveBeenCalled();
    expect(calls).toEqual(["start P2", "mark P2 workflowStarted"]);
  });

  it("leaves an intake whose acknowledgement another request or run has just taken on: no link, no email, no start", async () => {
    const { deps, repository, calls } = world([
      stalled("P3", { acknowledgementClaimedAt: NOW.toISOString() }),
    ]);
    repository.claimAcknowledgement.mockImplementation(async () => false);
    expect(await finishStalledIntakes(deps)).toMatchObject({
      stalled: 1,
      busy: 1,
      acknowledged: 0,
      started: 0,
    });
    expect(calls).toEqual([]);
    expect(repository.putLink).not.toHaveBeenCalled();
  });

  it("skips an intake the index still lists but that has moved on", async () => {
    const { deps, calls } = world([stalled("P4", { stage: "ASSESSING" })]);
    expect(await finishStalledIntakes(deps)).toMatchObject({ stalled: 0, started: 0 });
    expect(calls).toEqual([]);
  });

  it("gives up the claim when the email cannot be sent, starts nothing, and goes on with the next intake", async () => {
    const { deps, mailer, calls } = world([
      stalled("P5"),
      stalled("P6", { acknowledgedAt: TWO_MINUTES_AGO }),
    ]);
    mailer.send.mockRejectedValueOnce(
      Object.assign(new Error("SES rejected priya@example.org"), { name: "MessageRejected" }),
    );
    expect(await finishStalledIntakes(deps)).toMatchObject({ stalled: 2, failed: 1, started: 1 });
    // The first failure is noted, so that the sweep can give up on an intake that keeps failing.
    expect(calls).toEqual([
      "claim P5",
      "link",
      "release P5",
      "mark P5 intakeSweepFailed",
      "start P6",
      "mark P6 workflowStarted",
    ]);
    expect(warnings.map((w) => JSON.parse(w))).toEqual([
      expect.objectContaining({
        level: "warn",
        message: "could not finish a stalled intake",
        partnershipId: "P5",
        error: "MessageRejected",
      }),
    ]);
    expect(warnings.join()).not.toContain("priya");
  });

  it("leaves an intake unmarked when its workflow could not be started, so that the next run starts it", async () => {
    const { deps, starter, calls } = world([stalled("P7", { acknowledgedAt: TWO_MINUTES_AGO })]);
    starter.start.mockRejectedValueOnce(Object.assign(new Error("unreachable"), { name: "TimeoutError" }));
    expect(await finishStalledIntakes(deps)).toMatchObject({ failed: 1, started: 0 });
    expect(calls).not.toContain("mark P7 workflowStarted");
  });

  it("tries no more intakes once past its deadline, and reports them deferred", async () => {
    const { deps, calls } = world([stalled("P8"), stalled("P9")]);
    expect(await finishStalledIntakes(deps, { deadline: NOW.getTime() })).toMatchObject({
      deferred: 2,
      stalled: 0,
    });
    expect(calls).toEqual([]);
  });
});
