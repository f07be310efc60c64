/** The contract of the partnership's conditional writes: stage moves, assessments, effects owed, markers. */
import { describe, expect, it } from "vitest";
import { PartnershipNotFoundError } from "#shared/domain/errors.ts";
import type { CurrentRepository } from "./partnership-repository.contract.ts";
import { assessment, owed, P, partnership, race, T0, T1, T2, T3 } from "./repository-fixtures.ts";

export function describeStageAndEffectsContract(repo: CurrentRepository): void {
  describe("stage moves", () => {
    it("moves the stage from `from`, with the effects owed and the time, in one write", async () => {
      await repo().createPartnership(partnership());
      expect(await repo().updateStage(P, "SUBMITTED", "ASSESSING", T1, owed("E1"))).toBe(true);
      expect(await repo().getPartnership(P)).toEqual({
        ...partnership(),
        stage: "ASSESSING",
        updatedAt: T1,
        pending: owed("E1"),
      });
    });

    it("refuses to move a stage that is no longer `from`, and writes nothing", async () => {
      await repo().createPartnership(partnership(P, { stage: "VETTING" }));
      expect(await repo().updateStage(P, "SUBMITTED", "ASSESSING", T1, owed("E1"))).toBe(false);
      expect(await repo().getPartnership(P)).toEqual(partnership(P, { stage: "VETTING" }));
    });

    it("refuses to move while a step's effects are still owed, and moves once they are cleared", async () => {
      await repo().createPartnership(partnership());
      await repo().updateStage(P, "SUBMITTED", "ASSESSING", T1, owed("E1"));
      expect(await repo().updateStage(P, "ASSESSING", "VETTING", T2, owed("E2"))).toBe(false);
      expect(await repo().getPartnership(P)).toMatchObject({ stage: "ASSESSING", pending: owed("E1") });
      await repo().clearPending(P, "pending", "E1");
      expect(await repo().updateStage(P, "ASSESSING", "VETTING", T2, owed("E2"))).toBe(true);
    });

    it("moves the stage while the failure step's effects are owed: they are kept apart", async () => {
      await repo().createPartnership(partnership());
      await repo().setPendingOnce(P, "failed", T1, "failurePending", owed("F1"));
      expect(await repo().updateStage(P, "SUBMITTED", "WITHDRAWN", T2, owed("E1"))).toBe(true);
      expect(await repo().getPartnership(P)).toMatchObject({
        failurePending: owed("F1"),
        pending: owed("E1"),
      });
    });

    it("moves no partnership that does not exist, and creates none", async () => {
      expect(await repo().updateStage(P, "SUBMITTED", "ASSESSING", T1, owed("E1"))).toBe(false);
      expect(await repo().getPartnership(P)).toBeUndefined();
    });

    it("lets exactly one of two concurrent moves from the same stage move it", async () => {
      await repo().createPartnership(partnership());
      const { fulfilled } = await race(
        repo().updateStage(P, "SUBMITTED", "ASSESSING", T1, owed("E1")),
        repo().updateStage(P, "SUBMITTED", "WITHDRAWN", T2, owed("E2")),
      );
      expect(fulfilled.filter(Boolean)).toHaveLength(1);
      expect(await repo().getPartnership(P)).toMatchObject(
        fulfilled[0]
          ? { stage: "ASSESSING", pending: owed("E1") }
          : { stage: "WITHDRAWN", pending: owed("E2") },
      );
    });
  });

  describe("assessments", () => {
    const round = { assessment: assessment(), round: 1, intakeVersion: 1 };

    it("stores a round of the current intake version with its effects, moving the stage when asked", async () => {
      await repo().createPartnership(partnership(P, { stage: "ASSESSING" }));
      expect(
        await repo().saveAssessment(P, round, T1, owed("A1"), { from: "ASSESSING", to: "VETTING" }),
      ).toBe(true);
      expect(await repo().getPartnership(P)).toEqual({
        ...partnership(P, { stage: "VETTING" }),
        assessment: assessment(),
        assessmentRound: 1,
        assessedIntakeVersion: 1,
        updatedAt: T1,
        pending: owed("A1"),
      });
    });

    it("stores a round without a move, leaving the stage as it is", async () => {
      await repo().createPartnership(partnership(P, { stage: "ASSESSING" }));
      expect(await repo().saveAssessment(P, round, T1, owed("A1"))).toBe(true);
      expect(await repo().getPartnership(P)).toMatchObject({ stage: "ASSESSING", assessmentRound: 1 });
    });

    it("refuses a round of an intake version that is no longer current, and writes nothing", async () => {
      await repo().createPartnership(partnership(P, { stage: "ASSESSING", intakeVersion: 2 }));
      expect(await repo().saveAssessment(P, round, T1, owed("A1"))).toBe(false);
      expect(
        await repo().saveAssessment(P, round, T1, owed("A1"), { from: "ASSESSING", to: "VETTING" }),
      ).toBe(false);
      expect(await repo().getPartnership(P)).toEqual(
        partnership(P, { stage: "ASSESSING", intakeVersion: 2 }),
      );
    });

    it("refuses a round that moves from a stage the partnership has left", async () => {
      await repo().createPartnership(partnership(P, { stage: "WITHDRAWN" }));
      expect(
        await repo().saveAssessment(P, round, T1, owed("A1"), { from: "ASSESSING", to: "VETTING" }),
      ).toBe(false);
      expect(await repo().getPartnership(P)).toEqual(partnership(P, { stage: "WITHDRAWN" }));
    });

    it("refuses a round while a step's effects are still owed", async () => {
      await repo().createPartnership(partnership(P, { stage: "ASSESSING", pending: owed("E0") }));
      expect(await repo().saveAssessment(P, round, T1, owed("A1"))).toBe(false);
      expect(await repo().getPartnership(P)).toMatchObject({ pending: owed("E0") });
      expect((await repo().getPartnership(P))?.assessment).toBeUndefined();
    });

    it("throws PartnershipNotFoundError for a round of an unknown partnership, and refuses one that moves", async () => {
      await expect(repo().saveAssessment(P, round, T1, owed("A1"))).rejects.toThrow(PartnershipNotFoundError);
      expect(
        await repo().saveAssessment(P, round, T1, owed("A1"), { from: "ASSESSING", to: "VETTING" }),
      ).toBe(false);
      expect(await repo().getPartnership(P)).toBeUndefined();
    });
  });

  describe("effects owed without a change of state", () => {
    it("stores effects in a slot once per marker", async () => {
      await repo().createPartnership(partnership());
      expect(await repo().setPendingOnce(P, "expired", T1, "pending", owed("X1"))).toBe(true);
      expect(await repo().getPartnership(P)).toMatchObject({ pending: owed("X1"), updatedAt: T0 });
      await repo().clearPending(P, "pending", "X1");
      expect(await repo().setPendingOnce(P, "expired", T2, "pending", owed("X2"))).toBe(false);
      expect((await repo().getPartnership(P))?.pending).toBeUndefined();
    });

    it("refuses to store effects in a slot that still holds some, even under another marker", async () => {
      await repo().createPartnership(partnership());
      await repo().setPendingOnce(P, "first", T1, "failurePending", owed("F1"));
      expect(await repo().setPendingOnce(P, "second", T2, "failurePending", owed("F2"))).toBe(false);
      expect((await repo().getPartnership(P))?.failurePending).toEqual(owed("F1"));
      // The refused call did not set its marker either.
      await repo().clearPending(P, "failurePending", "F1");
      expect(await repo().setPendingOnce(P, "second", T3, "failurePending", owed("F2"))).toBe(true);
    });

    it("shares its markers with markOnce", async () => {
      await repo().createPartnership(partnership());
      await repo().markOnce(P, "notified", T1);
      expect(await repo().setPendingOnce(P, "notified", T2, "pending", owed("X1"))).toBe(false);
      expect(await repo().markOnce(P, "stored", T1)).toBe(true);
      expect(await repo().setPendingOnce(P, "other", T2, "pending", owed("X1"))).toBe(true);
      expect(await repo().markOnce(P, "other", T3)).toBe(false);
    });

    it("stores no effects on a partnership that does not exist, and creates none", async () => {
      expect(await repo().setPendingOnce(P, "expired", T1, "pending", owed("X1"))).toBe(false);
      expect(await repo().getPartnership(P)).toBeUndefined();
    });

    it("clears only the effects with the given id from the given slot", async () => {
      await repo().createPartnership(partnership(P, { pending: owed("E1"), failurePending: owed("F1") }));
      await repo().clearPending(P, "pending", "E0");
      await repo().clearPending(P, "pending", "F1");
      expect(await repo().getPartnership(P)).toMatchObject({
        pending: owed("E1"),
        failurePending: owed("F1"),
      });
      await repo().clearPending(P, "pending", "E1");
      const p = await repo().getPartnership(P);
      expect(p?.pending).toBeUndefined();
      expect(p?.failurePending).toEqual(owed("F1"));
    });

    it("clears nothing, and creates nothing, for a partnership that does not exist", async () => {
      await expect(repo().clearPending(P, "pending", "E1")).resolves.toBeUndefined();
      expect(await repo().getPartnership(P)).toBeUndefined();
    });
  });

  describe("the acknowledgement and once-only markers", () => {
    it("lets one caller take on the acknowledgement, and refuses another while that claim is fresh", async () => {
      await repo().createPartnership(partnership());
      expect(await repo().claimAcknowledgement(P, T1, T0)).toBe(true);
      expect(await repo().claimAcknowledgement(P, T2, T0)).toBe(false);
      expect(await repo().getPartnership(P)).toMatchObject({ acknowledgementClaimedAt: T1 });
    });

    it("lets exactly one of two concurrent callers take on the acknowledgement", async () => {
      await repo().createPartnership(partnership());
      const { fulfilled } = await race(
        repo().claimAcknowledgement(P, T1, T0),
        repo().claimAcknowledgement(P, T2, T0),
      );
      expect(fulfilled.filter(Boolean)).toHaveLength(1);
    });

    it("lets a caller take over a claim made before staleBefore", async () => {
      await repo().createPartnership(partnership());
      await repo().claimAcknowledgement(P, T1, T0);
      expect(await repo().claimAcknowledgement(P, T3, T1)).toBe(false);
      expect(await repo().claimAcknowledgement(P, T3, T2)).toBe(true);
      expect((await repo().getPartnership(P))?.acknowledgementClaimedAt).toBe(T3);
    });

    it("refuses every claim once the acknowledgement is marked sent, and reads that time as acknowledgedAt", async () => {
      await repo().createPartnership(partnership());
      expect(await repo().markOnce(P, "acknowledged", T1)).toBe(true);
      expect(await repo().claimAcknowledgement(P, T2, T3)).toBe(false);
      expect(await repo().getPartnership(P)).toMatchObject({ acknowledgedAt: T1 });
      expect((await repo().getPartnership(P))?.acknowledgementClaimedAt).toBeUndefined();
    });

    it("takes the acknowledgement as sent only once it is marked, whatever the partnership was created with", async () => {
      await repo().createPartnership(partnership(P, { acknowledgedAt: T0 }));
      expect((await repo().getPartnership(P))?.acknowledgedAt).toBeUndefined();
      expect(await repo().claimAcknowledgement(P, T1, T0)).toBe(true);
    });

    it("gives up only the caller's own claim", async () => {
      await repo().createPartnership(partnership());
      await repo().claimAcknowledgement(P, T1, T0);
      await repo().releaseAcknowledgement(P, T2);
      expect((await repo().getPartnership(P))?.acknowledgementClaimedAt).toBe(T1);
      await repo().releaseAcknowledgement(P, T1);
      expect((await repo().getPartnership(P))?.acknowledgementClaimedAt).toBeUndefined();
      expect(await repo().claimAcknowledgement(P, T2, T0)).toBe(true);
    });

    it("claims, releases and marks nothing on a partnership that does not exist, and creates none", async () => {
      expect(await repo().claimAcknowledgement(P, T1, T0)).toBe(false);
      await repo().releaseAcknowledgement(P, T1);
      expect(await repo().markOnce(P, "acknowledged", T1)).toBe(false);
      expect(await repo().getPartnership(P)).toBeUndefined();
    });

    it("sets a marker for exactly one of several concurrent callers, and keeps the first time", async () => {
      await repo().createPartnership(partnership());
      const { fulfilled } = await race(
        repo().markOnce(P, "acknowledged", T1),
        repo().markOnce(P, "acknowledged", T2),
        repo().markOnce(P, "acknowledged", T3),
      );
      expect(fulfilled.filter(Boolean)).toHaveLength(1);
      const winner = [T1, T2, T3][fulfilled.indexOf(true)];
      expect((await repo().getPartnership(P))?.acknowledgedAt).toBe(winner);
    });
  });
}
