/**
 * Intakes whose request was cut short, finished by the intake sweep on real DynamoDB (dynalite, with the
 * deployed table's indexes); mail and Step Functions are replaced by recorders. Each test works in its own
 * stretch of time, so the sweeps of one do not see the intakes of another.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { newId } from "#shared/domain/ids.ts";
import type { Stage } from "#shared/domain/lifecycle.ts";
import { hashToken } from "#shared/domain/link-tokens.ts";
import type { EmailMessage } from "#shared/ports/mailer.ts";
import { type PartnershipRepository, WORKFLOW_STARTED_MARKER } from "#shared/ports/partnership-repository.ts";
import { finishStalledIntakes } from "#shared/services/finish-stalled-intakes.ts";
import { submitIntake } from "#shared/services/submit-intake.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { useLocalRepository } from "./local-repository.ts";

const local = useLocalRepository("intake-sweep");
let repository: DynamoDbPartnershipRepository;
beforeAll(() => {
  repository = local.current();
});

const MINUTE = 60_000;
const config = {
  PUBLIC_BASE_URL: "https://partners.example.org",
  STATUS_LINK_TTL_DAYS: 365,
} as Parameters<typeof submitIntake>[0]["config"];

/** Mail and Step Functions as the services see them: each keeps what it was given. */
function recorders() {
  const sent: EmailMessage[] = [];
  const started: string[] = [];
  return {
    sent,
    started,
    mailer: { send: async (message: EmailMessage) => void sent.push(message) },
    starter: { start: async (id: string) => void started.push(id) },
  };
}

/**
 * The repository of a request that is killed right after `method` returns (nothing after it happens), and the
 * id of the partnership it created.
 */
function killedAfter(method: keyof PartnershipRepository) {
  const created: string[] = [];
  const killed = new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        if (property === "createPartnership") created.push((args[0] as { id: string }).id);
        const result = await value.apply(target, args);
        if (property === method) throw new Error("SIGKILL");
        return result;
      };
    },
  }) as PartnershipRepository;
  return { killed, created };
}

/** An intake sent at `at` by a request killed after `method`; its partnership id. */
async function cutShort(method: keyof PartnershipRepository, at: Date): Promise<string> {
  const { mailer, starter } = recorders();
  const { killed, created } = killedAfter(method);
  const intake = makeIntake({ organisation: { name: `Cut Short ${newId()}` } });
  const deps = { repository: killed, mailer, starter, config, clock: { now: () => at } };
  await expect(submitIntake(deps, intake, newId())).rejects.toThrow("SIGKILL");
  return created[0] ?? "";
}

function sweep(now: Date, rec = recorders(), batch?: number) {
  return finishStalledIntakes(
    { repository, mailer: rec.mailer, starter: rec.starter, config, clock: { now: () => now } },
    batch === undefined ? {} : { batch },
  );
}

async function partnershipAt(stage: Stage, at: Date): Promise<string> {
  const id = newId(at);
  const intake = makeIntake({ organisation: { name: `Listed ${id}` } });
  const iso = at.toISOString();
  await repository.createPartnership({
    id,
    stage,
    organisationName: intake.organisation.name,
    intake,
    intakeVersion: 1,
    assessmentRound: 0,
    submittedAt: iso,
    updatedAt: iso,
  });
  return id;
}

describe("listStalledIntakes", () => {
  it("lists the partnerships at SUBMITTED last updated in the window, the oldest first, past those the sweep finished", async () => {
    const now = new Date("2031-03-01T12:00:00.000Z");
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const finished = [
      await partnershipAt("SUBMITTED", ago(5 * MINUTE)),
      await partnershipAt("SUBMITTED", ago(4 * MINUTE)),
    ];
    for (const id of finished) await repository.markOnce(id, WORKFLOW_STARTED_MARKER, now.toISOString());
    const older = await partnershipAt("SUBMITTED", ago(3 * MINUTE));
    const newer = await partnershipAt("SUBMITTED", ago(2 * MINUTE));
    await partnershipAt("ASSESSING", ago(3 * MINUTE));
    await partnershipAt("SUBMITTED", ago(30_000));
    await partnershipAt("SUBMITTED", ago(8 * 86_400_000));

    const list = (limit: number) =>
      repository.listStalledIntakes(ago(7 * 86_400_000).toISOString(), ago(MINUTE).toISOString(), limit);
    expect((await list(10)).map((p) => p.id)).toEqual([older, newer]);
    // The finished ones come first in the index: pages are read past them.
    expect((await list(1)).map((p) => p.id)).toEqual([older]);
    expect(await list(10)).toEqual([
      expect.objectContaining({ id: older, stage: "SUBMITTED" }),
      expect.anything(),
    ]);
  });
});

describe("finishStalledIntakes on DynamoDB", () => {
  it("finishes a request killed after taking on the acknowledgement: one email, with a working status link, and one start", async () => {
    const submittedAt = new Date("2031-04-01T12:00:00.000Z");
    const id = await cutShort("claimAcknowledgement", submittedAt);
    expect(await repository.getPartnership(id)).toMatchObject({
      stage: "SUBMITTED",
      acknowledgementClaimedAt: submittedAt.toISOString(),
      acknowledgedAt: undefined,
    });

    const rec = recorders();
    const later = new Date(submittedAt.getTime() + 2 * MINUTE);
    expect(await sweep(later, rec)).toEqual({
      stalled: 1,
      acknowledged: 1,
      started: 1,
      busy: 0,
      failed: 0,
      deferred: 0,
    });
    expect(rec.sent).toEqual([
      expect.objectContaining({
        to: [makeIntake().contact.email],
        subject: expect.stringMatching(/^We received the partnership intake for Cut Short /),
      }),
    ]);
    expect(rec.started).toEqual([id]);
    const token = /\/status\/([A-Za-z0-9_-]{43})/.exec(rec.sent[0]?.text ?? "")?.[1] ?? "";
    expect(await repository.getLink(hashToken(token))).toMatchObject({
      purpose: "status",
      partnershipId: id,
    });
    expect(await repository.getPartnership(id)).toMatchObject({ acknowledgedAt: later.toISOString() });

    // Finished: the next run does nothing.
    const again = recorders();
    expect(await sweep(new Date(later.getTime() + 5 * MINUTE), again)).toMatchObject({
      stalled: 0,
      started: 0,
    });
    expect([again.sent, again.started]).toEqual([[], []]);
  });

  it("starts the workflow of a request killed after the acknowledgement was sent, sending nothing more", async () => {
    const submittedAt = new Date("2031-05-01T12:00:00.000Z");
    const id = await cutShort("markOnce", submittedAt);
    const rec = recorders();
    expect(await sweep(new Date(submittedAt.getTime() + 2 * MINUTE), rec)).toMatchObject({
      stalled: 1,
      acknowledged: 0,
      started: 1,
    });
    expect([rec.sent, rec.started]).toEqual([[], [id]]);
  });

  it("sends one acknowledgement when two runs overlap", async () => {
    const submittedAt = new Date("2031-06-01T12:00:00.000Z");
    const id = await cutShort("claimAcknowledgement", submittedAt);
    const rec = recorders();
    const later = new Date(submittedAt.getTime() + 2 * MINUTE);
    const reports = await Promise.all([sweep(later, rec), sweep(later, rec)]);
    expect(rec.sent).toHaveLength(1);
    expect(reports.map((r) => r.acknowledged).sort()).toEqual([0, 1]);
    // A start is by name: the second one, if any, is the same execution.
    expect(new Set(rec.started)).toEqual(new Set([id]));
  });

  it("leaves an intake whose acknowledgement a request took on less than a minute ago to that request", async () => {
    const submittedAt = new Date("2031-07-01T12:00:00.000Z");
    const id = await cutShort("claimAcknowledgement", submittedAt);
    // The partner sends it again (same key) 90 s later: that request holds the claim now.
    const retriedAt = new Date(submittedAt.getTime() + 90_000);
    await repository.releaseAcknowledgement(id, submittedAt.toISOString());
    expect(
      await repository.claimAcknowledgement(id, retriedAt.toISOString(), submittedAt.toISOString()),
    ).toBe(true);
    const rec = recorders();
    expect(await sweep(new Date(submittedAt.getTime() + 2 * MINUTE), rec)).toMatchObject({
      busy: 1,
      started: 0,
    });
    expect([rec.sent, rec.started]).toEqual([[], []]);
  });
});
