/** The contract of partnerships as stored and read: create, the reads, the registry, intake versions. */
import { describe, expect, it } from "vitest";
import {
  INTAKE_SWEEP_FAILED_MARKER,
  INTAKE_SWEEP_GAVE_UP_MARKER,
  WORKFLOW_STARTED_MARKER,
} from "#shared/ports/partnership-repository.ts";
import { makeIntake } from "../fixtures/intake.ts";
import type { CurrentRepository } from "./partnership-repository.contract.ts";
import { decision, draft, P, partnership, race, submitted, T1, T2 } from "./repository-fixtures.ts";
import { describeStageAndEffectsContract } from "./stage-and-effects.contract.ts";

export function describePartnershipContract(repo: CurrentRepository): void {
  describe("partnerships", () => {
    it("creates a partnership once: a second create with its id is refused and changes nothing", async () => {
      const first = partnership();
      expect(await repo().createPartnership(first)).toBe(true);
      expect(await repo().createPartnership(partnership(P, { stage: "ACTIVE", updatedAt: T2 }))).toBe(false);
      expect(await repo().getPartnership(P)).toEqual(first);
    });

    it("lets exactly one of two concurrent creates with the same id create it", async () => {
      const { fulfilled } = await race(
        repo().createPartnership(partnership(P, { stage: "SUBMITTED" })),
        repo().createPartnership(partnership(P, { stage: "ASSESSING" })),
      );
      expect(fulfilled.filter(Boolean)).toHaveLength(1);
      const stored = await repo().getPartnership(P);
      expect(fulfilled[0] ? "SUBMITTED" : "ASSESSING").toBe(stored?.stage);
    });

    it("has no partnership, record or ledger tail for an id it does not know", async () => {
      expect(await repo().getPartnership("unknown")).toBeUndefined();
      expect(await repo().getPartnershipRecord("unknown")).toBeUndefined();
      expect(await repo().getPartnershipWithTail("unknown", 3)).toEqual({ partnership: undefined, tail: [] });
    });

    it("takes the organisation's name and website from the intake it stores", async () => {
      const p = partnership(
        P,
        {
          organisationName: "A name the intake does not give",
          website: "https://not.the-intakes.example.org",
        },
        {
          organisation: { name: "Lakeside Tools", website: undefined },
        },
      );
      await repo().createPartnership(p);
      const stored = await repo().getPartnership(P);
      expect(stored?.organisationName).toBe("Lakeside Tools");
      expect(stored?.website).toBeUndefined();
    });

    it("keeps what it stored when the caller changes the objects it passed in or got back", async () => {
      const p = partnership();
      await repo().createPartnership(p);
      const original = structuredClone(p);
      p.stage = "ACTIVE";
      p.intake.services.push("passed in, then changed");
      const read = await repo().getPartnership(P);
      if (!read) throw new Error("The partnership was created");
      read.intake.contact.email = "changed@example.org";
      read.intakeVersion = 9;
      expect(await repo().getPartnership(P)).toEqual(original);
    });

    it("reads a partnership with its whole ledger in order and its decisions by id", async () => {
      const p = await submitted(repo());
      await repo().appendEvent(draft("Second"));
      await repo().putDecision(decision({ decisionId: "D2", createdAt: T1 }));
      await repo().putDecision(decision({ decisionId: "D1" }));
      const record = await repo().getPartnershipRecord(P);
      expect(record?.partnership).toEqual(p);
      expect(record?.events.map((e) => [e.seq, e.type])).toEqual([
        [1, "IntakeSubmitted"],
        [2, "Second"],
      ]);
      expect(record?.decisions).toEqual([
        decision({ decisionId: "D1" }),
        decision({ decisionId: "D2", createdAt: T1 }),
      ]);
    });

    it("gives the partnership with the last events of its ledger, oldest of them first", async () => {
      const p = await submitted(repo());
      for (const type of ["Second", "Third", "Fourth"]) await repo().appendEvent(draft(type));
      await repo().putDecision(decision());
      const two = await repo().getPartnershipWithTail(P, 2);
      expect(two.partnership).toEqual(p);
      expect(two.tail.map((e) => e.type)).toEqual(["Third", "Fourth"]);
      expect((await repo().getPartnershipWithTail(P, 10)).tail.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(await repo().getPartnershipWithTail(P, 0)).toEqual({ partnership: p, tail: [] });
    });

    it("refuses a negative number of events", async () => {
      await submitted(repo());
      await expect(repo().getPartnershipWithTail(P, -1)).rejects.toThrow();
    });

    it("gives the tail of a ledger that has no partnership, and no partnership", async () => {
      await repo().beginLedger(draft("First"));
      await repo().appendEvent(draft("Second"));
      const { partnership: none, tail } = await repo().getPartnershipWithTail(P, 1);
      expect(none).toBeUndefined();
      expect(tail.map((e) => e.type)).toEqual(["Second"]);
    });

    it("lists every partnership on file, whatever its stage, by normalised organisation name", async () => {
      await repo().createPartnership(
        partnership("P-Z", { stage: "DECLINED" }, { organisation: { name: "Zephyr Works" } }),
      );
      await repo().createPartnership(
        partnership(
          "P-A",
          { stage: "ACTIVE" },
          { organisation: { name: "The Acorn Trust Ltd", website: undefined } },
        ),
      );
      await repo().createPartnership(
        partnership(
          "P-M",
          {},
          {
            organisation: { name: "Meadow Farm", website: "https://meadow.example.org" },
            contributionTypes: ["mentor-or-job-coach"],
            audiences: ["elementary", "secondary"],
          },
        ),
      );
      expect(await repo().listPartnerSummaries()).toEqual([
        {
          partnershipId: "P-A",
          organisationName: "The Acorn Trust Ltd",
          website: undefined,
          stage: "ACTIVE",
          contributionTypes: ["work-experience-placement"],
          audiences: ["secondary"],
        },
        {
          partnershipId: "P-M",
          organisationName: "Meadow Farm",
          website: "https://meadow.example.org",
          stage: "SUBMITTED",
          contributionTypes: ["mentor-or-job-coach"],
          audiences: ["elementary", "secondary"],
        },
        expect.objectContaining({
          partnershipId: "P-Z",
          organisationName: "Zephyr Works",
          stage: "DECLINED",
        }),
      ]);
    });

    it("lists no partner summaries when there is no partnership", async () => {
      await repo().beginLedger(draft("A ledger is not a partnership"));
      expect(await repo().listPartnerSummaries()).toEqual([]);
    });

    describe("stalled intakes", () => {
      const at = (minute: number) => `2026-11-23T10:${String(minute).padStart(2, "0")}:00.000Z`;
      const id = (n: number) => `01KAW000000000000000000S0${n}`;

      it("lists those still at SUBMITTED in the window, oldest first, that the sweep has not finished", async () => {
        for (const n of [1, 2, 3, 4, 5, 6]) {
          await repo().createPartnership(partnership(id(n), { submittedAt: at(n), updatedAt: at(n) }));
        }
        // Moved on: no longer stalled.
        await repo().updateStage(id(2), "SUBMITTED", "ASSESSING", at(2), {
          id: "PE",
          afterSeq: 0,
          events: [],
        });
        // Finished by an earlier sweep.
        await repo().markOnce(id(3), WORKFLOW_STARTED_MARKER, at(9));
        const listed = await repo().listStalledIntakes(at(1), at(5), 10);
        expect(listed.map((p) => p.id)).toEqual([id(1), id(4)]);
        expect(listed[0]).toMatchObject({ stage: "SUBMITTED", intake: makeIntake() });
        expect((await repo().listStalledIntakes(at(0), at(9), 2)).map((p) => p.id)).toEqual([id(1), id(4)]);
        expect((await repo().listStalledIntakes(at(6), at(9), 10)).map((p) => p.id)).toEqual([id(6)]);
      });

      it("shows the sweep's first failure, and lists no more an intake the sweep gave up on", async () => {
        for (const n of [1, 2]) {
          await repo().createPartnership(partnership(id(n), { submittedAt: at(n), updatedAt: at(n) }));
        }
        await repo().markOnce(id(1), INTAKE_SWEEP_FAILED_MARKER, at(7));
        const [first] = await repo().listStalledIntakes(at(0), at(9), 10);
        expect(first).toMatchObject({ id: id(1), intakeSweepFailedAt: at(7) });
        expect((await repo().getPartnership(id(1)))?.intakeSweepFailedAt).toBe(at(7));
        await repo().markOnce(id(1), INTAKE_SWEEP_GAVE_UP_MARKER, at(8));
        expect((await repo().listStalledIntakes(at(0), at(9), 10)).map((p) => p.id)).toEqual([id(2)]);
      });
    });

    describe("intake versions", () => {
      const corrected = makeIntake({
        organisation: { name: "Harbourview Supplies Cooperative", website: "https://harbourview.coop" },
        contributionTypes: ["mentor-or-job-coach"],
        audiences: ["adult"],
      });

      it("makes the intake the next version, its name, website and services those the partnership shows", async () => {
        await repo().createPartnership(partnership());
        expect(await repo().applyIntakeVersion(P, corrected, 2, T1, "DT1")).toBe(true);
        const p = await repo().getPartnership(P);
        expect(p).toMatchObject({
          intake: corrected,
          intakeVersion: 2,
          updatedAt: T1,
          organisationName: "Harbourview Supplies Cooperative",
          website: "https://harbourview.coop",
        });
        expect(await repo().listPartnerSummaries()).toEqual([
          {
            partnershipId: P,
            organisationName: "Harbourview Supplies Cooperative",
            website: "https://harbourview.coop",
            stage: "SUBMITTED",
            contributionTypes: ["mentor-or-job-coach"],
            audiences: ["adult"],
          },
        ]);
      });

      it("drops the website when the new version gives none", async () => {
        await repo().createPartnership(partnership());
        await repo().applyIntakeVersion(
          P,
          makeIntake({ organisation: { website: undefined } }),
          2,
          T1,
          "DT1",
        );
        expect((await repo().getPartnership(P))?.website).toBeUndefined();
        expect((await repo().listPartnerSummaries())[0]?.website).toBeUndefined();
      });

      it("refuses a version applied already, or one that skips a version, and changes nothing", async () => {
        await repo().createPartnership(partnership());
        await repo().applyIntakeVersion(P, corrected, 2, T1, "DT1");
        const before = await repo().getPartnership(P);
        expect(await repo().applyIntakeVersion(P, makeIntake(), 2, T2, "DT2")).toBe(false);
        expect(await repo().applyIntakeVersion(P, makeIntake(), 4, T2, "DT2")).toBe(false);
        expect(await repo().getPartnership(P)).toEqual(before);
      });

      it("lets exactly one of two concurrent applies of the same version apply it", async () => {
        await repo().createPartnership(partnership());
        const { fulfilled } = await race(
          repo().applyIntakeVersion(P, corrected, 2, T1, "DT1"),
          repo().applyIntakeVersion(P, makeIntake(), 2, T2, "DT2"),
        );
        expect(fulfilled.filter(Boolean)).toHaveLength(1);
        const winner = fulfilled[0]
          ? { intake: corrected, updatedAt: T1 }
          : { intake: makeIntake(), updatedAt: T2 };
        expect(await repo().getPartnership(P)).toMatchObject({ ...winner, intakeVersion: 2 });
      });

      it("notes which decision set each version, and keeps the note when a later version comes", async () => {
        await repo().createPartnership(partnership());
        expect((await repo().getPartnership(P))?.intakeVersionBy).toBeUndefined();
        await repo().applyIntakeVersion(P, corrected, 2, T1, "D-TWO");
        await repo().applyIntakeVersion(P, makeIntake(), 3, T2, "D-THREE");
        // A refused apply notes nothing.
        await repo().applyIntakeVersion(P, corrected, 3, T2, "D-LATE");
        expect((await repo().getPartnership(P))?.intakeVersionBy).toEqual([
          { version: 2, decisionId: "D-TWO" },
          { version: 3, decisionId: "D-THREE" },
        ]);
      });

      it("applies no version to a partnership that does not exist, and creates none", async () => {
        expect(await repo().applyIntakeVersion(P, corrected, 2, T1, "DT1")).toBe(false);
        expect(await repo().getPartnership(P)).toBeUndefined();
        expect(await repo().listPartnerSummaries()).toEqual([]);
      });
    });

    describeStageAndEffectsContract(repo);
  });
}
