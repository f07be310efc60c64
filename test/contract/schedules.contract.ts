/** The contract of the partnerships' schedules: one per partnership and kind, listed by the day they fall due. */
import { describe, expect, it } from "vitest";
import type { CurrentRepository } from "./partnership-repository.contract.ts";
import { P, partnership, T0, T1 } from "./repository-fixtures.ts";

const Q = "01JQ0000000000000000000002";

export function describeScheduleContract(repo: CurrentRepository): void {
  describe("schedules", () => {
    it("lists the schedules due on or before a day, the earliest first, and none later", async () => {
      await repo().setSchedule(P, "vetting-renewal", "2027-02-10", T0);
      await repo().setSchedule(Q, "vetting-renewal", "2027-02-08", T0);
      expect(await repo().listDueSchedules("2027-02-07", 10)).toEqual([]);
      expect(await repo().listDueSchedules("2027-02-09", 10)).toEqual([
        { partnershipId: Q, kind: "vetting-renewal", dueOn: "2027-02-08" },
      ]);
      expect(await repo().listDueSchedules("2027-02-10", 10)).toEqual([
        { partnershipId: Q, kind: "vetting-renewal", dueOn: "2027-02-08" },
        { partnershipId: P, kind: "vetting-renewal", dueOn: "2027-02-10" },
      ]);
      expect(await repo().listDueSchedules("2027-03-01", 1)).toHaveLength(1);
    });

    it("keeps one schedule per partnership and kind: a new day replaces the old, undefined removes it", async () => {
      await repo().createPartnership(partnership());
      await repo().setSchedule(P, "vetting-renewal", "2027-02-10", T0);
      await repo().setSchedule(P, "vetting-renewal", "2027-04-01", T1);
      expect(await repo().listDueSchedules("2027-03-01", 10)).toEqual([]);
      expect(await repo().listDueSchedules("2027-04-01", 10)).toEqual([
        { partnershipId: P, kind: "vetting-renewal", dueOn: "2027-04-01" },
      ]);
      await repo().setSchedule(P, "vetting-renewal", undefined, T1);
      expect(await repo().listDueSchedules("2099-01-01", 10)).toEqual([]);
      // A schedule is not part of the partnership's record.
      expect((await repo().getPartnershipRecord(P))?.events).toEqual([]);
    });

    it("keeps each kind apart: a partnership's renewal and its look for lapsed evidence, each set and cleared alone", async () => {
      await repo().setSchedule(P, "vetting-renewal", "2027-02-10", T0);
      await repo().setSchedule(P, "evidence-lapse", "2027-03-16", T0);
      expect(await repo().listDueSchedules("2027-12-31", 10)).toEqual([
        { partnershipId: P, kind: "vetting-renewal", dueOn: "2027-02-10" },
        { partnershipId: P, kind: "evidence-lapse", dueOn: "2027-03-16" },
      ]);
      await repo().setSchedule(P, "evidence-lapse", "2027-07-01", T1);
      expect(
        await repo().clearSchedule({ partnershipId: P, kind: "vetting-renewal", dueOn: "2027-02-10" }, T1),
      ).toBe(true);
      expect(await repo().listDueSchedules("2027-12-31", 10)).toEqual([
        { partnershipId: P, kind: "evidence-lapse", dueOn: "2027-07-01" },
      ]);
    });

    it("clears a schedule only while it is the one due that day: one set since for a later day stays", async () => {
      await repo().setSchedule(P, "vetting-renewal", "2027-02-10", T0);
      const due = { partnershipId: P, kind: "vetting-renewal" as const, dueOn: "2027-02-10" };
      await repo().setSchedule(P, "vetting-renewal", "2027-05-01", T1);
      expect(await repo().clearSchedule(due, T1)).toBe(false);
      expect(await repo().listDueSchedules("2027-05-01", 10)).toHaveLength(1);
      expect(await repo().clearSchedule({ ...due, dueOn: "2027-05-01" }, T1)).toBe(true);
      expect(await repo().clearSchedule({ ...due, dueOn: "2027-05-01" }, T1)).toBe(false);
      expect(await repo().listDueSchedules("2099-01-01", 10)).toEqual([]);
    });
  });
}
