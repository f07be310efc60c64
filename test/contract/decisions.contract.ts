/** The contract of decisions: put, close (one winner), retire, relink, and the resume notes and listing. */
import { describe, expect, it } from "vitest";
import { LinkUsedError } from "#shared/domain/errors.ts";
import { makeIntake } from "../fixtures/intake.ts";
import type { CurrentRepository } from "./partnership-repository.contract.ts";
import {
  decision,
  draft,
  P,
  partnership,
  race,
  result,
  submitted,
  T1,
  T2,
  T3,
} from "./repository-fixtures.ts";

const HASH = "a".repeat(64);
const OTHER_HASH = "b".repeat(64);
const D1 = { partnershipId: P, decisionId: "D1", linkTokenHash: HASH };

export function describeDecisionContract(repo: CurrentRepository): void {
  describe("decisions", () => {
    it("stores a new decision once: a second put with its id is refused and changes nothing", async () => {
      expect(await repo().putDecision(decision())).toBe(true);
      expect(await repo().putDecision(decision({ assignee: "someone@example.org" }))).toBe(false);
      expect(await repo().getDecision(P, "D1")).toEqual(decision());
      expect(await repo().getDecision(P, "D2")).toBeUndefined();
      expect(await repo().getDecision("OTHER", "D1")).toBeUndefined();
    });

    it("gives a decision with its partnership, and with the head of the ledger when asked", async () => {
      const p = await submitted(repo());
      const head = await repo().appendEvent(draft("OfficerDecisionRequested"));
      await repo().putDecision(decision());
      expect(await repo().getDecisionAndPartnership(P, "D1")).toEqual({
        decision: decision(),
        partnership: p,
      });
      expect(await repo().getDecisionAndPartnership(P, "D1", true)).toEqual({
        decision: decision(),
        partnership: p,
        head,
      });
    });

    it("gives neither decision nor partnership nor head for ids it does not know", async () => {
      await submitted(repo());
      expect(await repo().getDecisionAndPartnership(P, "D9")).toMatchObject({ decision: undefined });
      expect(await repo().getDecisionAndPartnership("NONE", "D1", true)).toEqual({
        decision: undefined,
        partnership: undefined,
        head: undefined,
      });
    });

    it("keeps what it stored when the caller changes a decision it passed in or got back", async () => {
      const mine = decision();
      await repo().putDecision(mine);
      mine.status = "decided";
      const read = await repo().getDecision(P, "D1");
      if (!read) throw new Error("The decision was put");
      read.linkTokenHash = OTHER_HASH;
      expect(await repo().getDecision(P, "D1")).toEqual(decision());
    });
  });

  describe("closing a decision", () => {
    it("closes an open decision with its result", async () => {
      await repo().putDecision(decision());
      await repo().closeDecision(D1, result());
      expect(await repo().getDecision(P, "D1")).toEqual({ ...decision(), status: "decided", ...result() });
    });

    it("stores the resubmission a partner's decision brought", async () => {
      const resubmission = { intakeVersion: 2, intake: makeIntake({ services: ["Corrected services"] }) };
      await repo().putDecision(decision({ kind: "resubmission", assignee: "partner" }));
      await repo().closeDecision(D1, result({ outcome: "resubmitted", resubmission }));
      expect(await repo().getDecision(P, "D1")).toMatchObject({ status: "decided", resubmission });
    });

    it("refuses a close with another link's hash: LinkUsedError, and the decision stays open", async () => {
      await repo().putDecision(decision());
      await expect(repo().closeDecision({ ...D1, linkTokenHash: OTHER_HASH }, result())).rejects.toThrow(
        LinkUsedError,
      );
      expect(await repo().getDecision(P, "D1")).toEqual(decision());
    });

    it("refuses to close a decision made already, keeping the first result", async () => {
      await repo().putDecision(decision());
      await repo().closeDecision(D1, result());
      await expect(
        repo().closeDecision(D1, result({ outcome: "decline", decidedAt: T2 })),
      ).rejects.toBeInstanceOf(LinkUsedError);
      expect(await repo().getDecision(P, "D1")).toMatchObject({ outcome: "approve", decidedAt: T1 });
    });

    it("refuses to close a decision that does not exist, and creates none", async () => {
      await expect(repo().closeDecision(D1, result())).rejects.toThrow(LinkUsedError);
      expect(await repo().getDecision(P, "D1")).toBeUndefined();
      expect(await repo().listUnresumedDecisions(10)).toEqual([]);
    });

    it("lets exactly one of two concurrent closes win; the other gets LinkUsedError", async () => {
      await repo().putDecision(decision());
      const { fulfilled, rejected } = await race(
        repo().closeDecision(D1, result({ outcome: "approve", decidedAt: T1 })),
        repo().closeDecision(D1, result({ outcome: "decline", decidedAt: T2 })),
      );
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toBeInstanceOf(LinkUsedError);
      const closed = await repo().getDecision(P, "D1");
      expect([
        { outcome: "approve", decidedAt: T1 },
        { outcome: "decline", decidedAt: T2 },
      ]).toContainEqual({ outcome: closed?.outcome, decidedAt: closed?.decidedAt });
      expect(await repo().listUnresumedDecisions(10)).toHaveLength(1);
    });
  });

  describe("replacing a decision's link", () => {
    it("points an open decision at a new link: the old hash no longer closes it, the new one does", async () => {
      await repo().putDecision(decision());
      expect(await repo().replaceDecisionLink(D1, OTHER_HASH)).toBe(true);
      expect((await repo().getDecision(P, "D1"))?.linkTokenHash).toBe(OTHER_HASH);
      await expect(repo().closeDecision(D1, result())).rejects.toThrow(LinkUsedError);
      await repo().closeDecision({ ...D1, linkTokenHash: OTHER_HASH }, result());
    });

    it("records when a link was replaced from the staff inbox, and only then", async () => {
      await repo().putDecision(decision());
      expect(await repo().replaceDecisionLink(D1, OTHER_HASH)).toBe(true);
      expect((await repo().getDecision(P, "D1"))?.reissuedFromInboxAt).toBeUndefined();
      expect(await repo().replaceDecisionLink({ ...D1, linkTokenHash: OTHER_HASH }, "c".repeat(64), T2)).toBe(
        true,
      );
      expect(await repo().getDecision(P, "D1")).toMatchObject({
        linkTokenHash: "c".repeat(64),
        reissuedFromInboxAt: T2,
      });
    });

    it("lets exactly one of two concurrent replacements of the same link replace it", async () => {
      await repo().putDecision(decision());
      const { fulfilled } = await race(
        repo().replaceDecisionLink(D1, OTHER_HASH),
        repo().replaceDecisionLink(D1, "c".repeat(64)),
      );
      expect(fulfilled.filter(Boolean)).toHaveLength(1);
      const replaced = (await repo().getDecision(P, "D1"))?.linkTokenHash;
      expect(replaced).toBe(fulfilled[0] ? OTHER_HASH : "c".repeat(64));
    });

    it("replaces no link of a decision made, retired or unknown", async () => {
      await repo().putDecision(decision());
      await repo().putDecision(decision({ decisionId: "D2" }));
      await repo().closeDecision(D1, result());
      await repo().retireOpenDecisionsBut(P, "none", T2);
      expect(await repo().replaceDecisionLink(D1, OTHER_HASH)).toBe(false);
      expect(await repo().replaceDecisionLink({ ...D1, decisionId: "D2" }, OTHER_HASH)).toBe(false);
      expect(await repo().replaceDecisionLink({ ...D1, decisionId: "D3" }, OTHER_HASH)).toBe(false);
      expect((await repo().getDecision(P, "D1"))?.linkTokenHash).toBe(HASH);
      expect(await repo().getDecision(P, "D3")).toBeUndefined();
    });
  });

  describe("handing a decision to a retried attempt of its task", () => {
    it("gives an open decision the new task token once; its link, sealed copy and expiry stay", async () => {
      const open = decision({ sealedLinkToken: "sealed:v1:one" });
      await repo().putDecision(open);
      expect(await repo().reattachDecision(open, "TASK-2", T2)).toBe(true);
      expect(await repo().getDecision(P, "D1")).toEqual({ ...open, taskToken: "TASK-2", reattachedAt: T2 });
      // The attempt it was taken from no longer holds it: another hand-over from that token is refused.
      expect(await repo().reattachDecision(open, "TASK-3", T3)).toBe(false);
      expect(await repo().reattachDecision({ ...open, taskToken: "TASK-2" }, "TASK-3", T3)).toBe(true);
      expect((await repo().getDecision(P, "D1"))?.taskToken).toBe("TASK-3");
      await repo().closeDecision(D1, result());
    });

    it("hands over no decision made, retired or unknown", async () => {
      await repo().putDecision(decision());
      await repo().putDecision(decision({ decisionId: "D2" }));
      const made = decision();
      await repo().closeDecision(D1, result());
      await repo().retireOpenDecisionsBut(P, "none", T2);
      expect(await repo().reattachDecision(made, "TASK-2", T3)).toBe(false);
      expect(await repo().reattachDecision(decision({ decisionId: "D2" }), "TASK-2", T3)).toBe(false);
      expect(await repo().reattachDecision(decision({ decisionId: "D3" }), "TASK-2", T3)).toBe(false);
      expect((await repo().getDecision(P, "D1"))?.taskToken).toBe(made.taskToken);
      expect((await repo().getDecision(P, "D2"))?.reattachedAt).toBeUndefined();
      expect(await repo().getDecision(P, "D3")).toBeUndefined();
    });
  });

  describe("closing the open decisions of an ended partnership", () => {
    it("closes every open one with why, once; they leave the open decisions and can no longer be decided", async () => {
      for (const id of ["D1", "D2", "D3"]) await repo().putDecision(decision({ decisionId: id }));
      // The link's sealed copy (for reminders) goes with it: a closed decision is never reminded.
      await repo().putDecision(decision({ decisionId: "D2", sealedLinkToken: "sealed:v1:two" }));
      await repo().putDecision(decision({ decisionId: "D1" }, "OTHER"));
      await repo().closeDecision({ ...D1, decisionId: "D3" }, result());
      expect((await repo().closeOpenDecisions(P, "withdrawn", T2)).sort()).toEqual(["D1", "D2"]);
      expect(await repo().getDecision(P, "D1")).toEqual({
        ...decision(),
        retiredAt: T2,
        closedBecause: "withdrawn",
      });
      expect((await repo().getDecision(P, "D3"))?.closedBecause).toBeUndefined();
      expect((await repo().getDecision("OTHER", "D1"))?.closedBecause).toBeUndefined();
      expect((await repo().listOpenDecisions(10)).map((d) => [d.partnershipId, d.decisionId])).toEqual([
        ["OTHER", "D1"],
      ]);
      await expect(repo().closeDecision(D1, result())).rejects.toThrow(LinkUsedError);
      expect(await repo().closeOpenDecisions(P, "terminated", T3)).toEqual([]);
      const closed = await repo().getDecision(P, "D2");
      expect(closed).toMatchObject({ retiredAt: T2, closedBecause: "withdrawn" });
      expect(closed?.sealedLinkToken).toBeUndefined();
    });
  });

  describe("retiring open decisions", () => {
    it("retires every open decision of the partnership but the one kept, and says which, by id", async () => {
      for (const id of ["D3", "D1", "D2", "D4"]) await repo().putDecision(decision({ decisionId: id }));
      await repo().putDecision(decision({ decisionId: "D1" }, "OTHER"));
      await repo().closeDecision({ ...D1, decisionId: "D4" }, result());
      expect(await repo().retireOpenDecisionsBut(P, "D2", T3)).toEqual(["D1", "D3"]);
      expect(await repo().getDecision(P, "D1")).toEqual({ ...decision(), retiredAt: T3 });
      expect((await repo().getDecision(P, "D2"))?.retiredAt).toBeUndefined();
      expect((await repo().getDecision(P, "D4"))?.retiredAt).toBeUndefined();
      expect((await repo().getDecision("OTHER", "D1"))?.retiredAt).toBeUndefined();
    });

    it("retires a decision once: a second retirement names none and keeps the first time", async () => {
      await repo().putDecision(decision());
      await repo().retireOpenDecisionsBut(P, "D2", T2);
      expect(await repo().retireOpenDecisionsBut(P, "D2", T3)).toEqual([]);
      expect((await repo().getDecision(P, "D1"))?.retiredAt).toBe(T2);
    });

    it("closes no retired decision", async () => {
      await repo().putDecision(decision());
      await repo().retireOpenDecisionsBut(P, "D2", T2);
      await expect(repo().closeDecision(D1, result())).rejects.toThrow(LinkUsedError);
      expect(await repo().getDecision(P, "D1")).toMatchObject({ status: "open", retiredAt: T2 });
    });

    it("retires each decision once when two retirements run at the same time", async () => {
      for (const id of ["D1", "D2", "D3"]) await repo().putDecision(decision({ decisionId: id }));
      const [first, second] = await Promise.all([
        repo().retireOpenDecisionsBut(P, "D1", T2),
        repo().retireOpenDecisionsBut(P, "D2", T3),
      ]);
      expect([...first, ...second].sort()).toEqual(["D1", "D2", "D3"]);
      for (const id of ["D1", "D2", "D3"]) {
        const retiredAt = (await repo().getDecision(P, id))?.retiredAt;
        expect(retiredAt).toBe(first.includes(id) ? T2 : T3);
      }
    });

    it("with an execution, retires only that execution's open decisions (and those that record none)", async () => {
      const arn = (name: string) => `arn:aws:states:eu-west-1:000000000000:execution:machine:${name}`;
      await repo().putDecision(decision({ decisionId: "D1", executionArn: arn("review") }));
      await repo().putDecision(decision({ decisionId: "D2", executionArn: arn("renewal") }));
      await repo().putDecision(decision({ decisionId: "D3" }));
      await repo().putDecision(decision({ decisionId: "D4", executionArn: arn("review") }));
      expect((await repo().retireOpenDecisionsBut(P, "D4", T2, arn("review"))).sort()).toEqual(["D1", "D3"]);
      expect((await repo().getDecision(P, "D2"))?.retiredAt).toBeUndefined();
      expect((await repo().getDecision(P, "D4"))?.retiredAt).toBeUndefined();
    });

    it("retires one decision alone, once, only while it is open (a retry retires its own execution's step)", async () => {
      for (const id of ["D1", "D2"])
        await repo().putDecision(decision({ decisionId: id, sealedLinkToken: "sealed" }));
      await repo().putDecision(decision({ decisionId: "D3" }));
      await repo().closeDecision({ ...D1, decisionId: "D3" }, result());
      expect(await repo().retireDecision(P, "D1", T2)).toBe(true);
      expect(await repo().getDecision(P, "D1")).toEqual({ ...decision(), retiredAt: T2 });
      expect(await repo().getDecision(P, "D2")).toEqual(
        decision({ decisionId: "D2", sealedLinkToken: "sealed" }),
      );
      expect(await repo().retireDecision(P, "D1", T3)).toBe(false);
      expect((await repo().getDecision(P, "D1"))?.retiredAt).toBe(T2);
      expect(await repo().retireDecision(P, "D3", T3)).toBe(false);
      expect((await repo().getDecision(P, "D3"))?.retiredAt).toBeUndefined();
      expect(await repo().retireDecision(P, "D9", T3)).toBe(false);
      expect(await repo().getDecision(P, "D9")).toBeUndefined();
      expect((await repo().listOpenDecisions(10)).map((d) => d.decisionId)).toEqual(["D2"]);
      await expect(repo().closeDecision(D1, result())).rejects.toThrow(LinkUsedError);
    });

    it("ends a decision either closed or retired, never both, when a close and a retirement race", async () => {
      await repo().putDecision(decision());
      const [closing, retiring] = await Promise.allSettled([
        repo().closeDecision(D1, result()),
        repo().retireOpenDecisionsBut(P, "D2", T2),
      ]);
      const stored = await repo().getDecision(P, "D1");
      if (closing.status === "fulfilled") {
        expect(retiring).toEqual({ status: "fulfilled", value: [] });
        expect(stored).toMatchObject({ status: "decided" });
        expect(stored?.retiredAt).toBeUndefined();
      } else {
        expect(closing.reason).toBeInstanceOf(LinkUsedError);
        expect(retiring).toEqual({ status: "fulfilled", value: ["D1"] });
        expect(stored).toMatchObject({ status: "open", retiredAt: T2 });
      }
    });
  });

  describe("decisions whose resume is not confirmed", () => {
    /** Decision `id`, put and closed at `decidedAt`. */
    async function decided(id: string, decidedAt: string, partnershipId = P) {
      await repo().putDecision(decision({ decisionId: id }, partnershipId));
      await repo().closeDecision(
        { partnershipId, decisionId: id, linkTokenHash: HASH },
        result({ decidedAt }),
      );
      return { partnershipId, decisionId: id };
    }
    const ids = (decisions: { decisionId: string }[]) => decisions.map((d) => d.decisionId);

    it("lists decisions made whose resume is not noted, the oldest made first, at most `limit`", async () => {
      await decided("D1", T3);
      await decided("D2", T1, "OTHER");
      await decided("D3", T2);
      await repo().putDecision(decision({ decisionId: "D4" }));
      await repo().putDecision(decision({ decisionId: "D5" }));
      await repo().retireOpenDecisionsBut(P, "D4", T3);
      expect(ids(await repo().listUnresumedDecisions(10))).toEqual(["D2", "D3", "D1"]);
      expect(ids(await repo().listUnresumedDecisions(2))).toEqual(["D2", "D3"]);
      expect(await repo().listUnresumedDecisions(1)).toEqual([
        { ...decision({ decisionId: "D2" }, "OTHER"), status: "decided", ...result({ decidedAt: T1 }) },
      ]);
    });

    it("refuses a limit below one", async () => {
      await expect(repo().listUnresumedDecisions(0)).rejects.toThrow();
    });

    it("lists the open decisions, soonest due first, at most `limit`: none made, none replaced (the inbox)", async () => {
      await repo().putDecision(decision({ decisionId: "D1", dueAt: T3 }));
      await repo().putDecision(decision({ decisionId: "D2", dueAt: T1 }, "OTHER"));
      await repo().putDecision(decision({ decisionId: "D3", dueAt: T2 }));
      await repo().putDecision(decision({ decisionId: "D4", dueAt: T1 }));
      await decided("D5", T1);
      await repo().retireOpenDecisionsBut(P, "D1", T3);
      expect(ids(await repo().listOpenDecisions(10))).toEqual(["D2", "D1"]);
      expect(ids(await repo().listOpenDecisions(1))).toEqual(["D2"]);
      expect(await repo().listOpenDecisions(1)).toEqual([decision({ decisionId: "D2", dueAt: T1 }, "OTHER")]);
    });

    it("lists the open decisions due before a time, the earliest first, a page at a time (the reminder sweep)", async () => {
      await repo().putDecision(decision({ decisionId: "D1", dueAt: T2 }));
      await repo().putDecision(decision({ decisionId: "D2", dueAt: T1 }, "OTHER"));
      await repo().putDecision(decision({ decisionId: "D3", dueAt: T3 }));
      await repo().putDecision(decision({ decisionId: "D4", dueAt: T1 }));
      await repo().retireOpenDecisionsBut(P, "D1", T3);
      // D4 retired (D1 kept), D3 not yet due.
      const first = await repo().listOpenDecisionsDueBefore(T3, 1);
      expect(first.decisions.map((d) => d.decisionId)).toEqual(["D2"]);
      expect(first.next).toBeDefined();
      const rest: string[] = [];
      let cursor = first.next;
      while (cursor) {
        const page = await repo().listOpenDecisionsDueBefore(T3, 1, cursor);
        rest.push(...page.decisions.map((d) => d.decisionId));
        cursor = page.next;
      }
      expect(rest).toEqual(["D1"]);
      expect((await repo().listOpenDecisionsDueBefore(T1, 10)).decisions).toEqual([]);
    });

    it("notes a reminder once a day and counts them; once escalated, none more", async () => {
      await repo().putDecision(decision({ sealedLinkToken: "sealed:v1:x" }));
      const day = (on: string) => ({ on, count: 1 });
      expect(await repo().noteReminder({ ...D1, reminders: undefined }, day("2026-11-26"))).toBe(true);
      // The same day again, or a stale count: refused.
      expect(await repo().noteReminder({ ...D1, reminders: 1 }, { on: "2026-11-26", count: 2 })).toBe(false);
      expect(await repo().noteReminder({ ...D1, reminders: 0 }, day("2026-11-27"))).toBe(false);
      expect(await repo().noteReminder({ ...D1, reminders: 1 }, { on: "2026-11-27", count: 2 })).toBe(true);
      expect(await repo().getDecision(P, "D1")).toMatchObject({ reminders: 2, lastRemindedOn: "2026-11-27" });
      expect(
        await repo().noteReminder({ ...D1, reminders: 2 }, { on: "2026-11-30", count: 2, escalatedAt: T3 }),
      ).toBe(true);
      expect(
        await repo().noteReminder({ ...D1, reminders: 2 }, { on: "2026-12-01", count: 2, escalatedAt: T3 }),
      ).toBe(false);
      expect(await repo().getDecision(P, "D1")).toMatchObject({
        escalatedAt: T3,
        lastRemindedOn: "2026-11-30",
      });
      // Another link's holder (a stale read) notes nothing.
      expect(
        await repo().noteReminder({ ...D1, linkTokenHash: OTHER_HASH, reminders: 2 }, day("2026-12-02")),
      ).toBe(false);
    });

    it("keeps a decision's sealed link token until it is made, retired, relinked or forgotten", async () => {
      await repo().putDecision(decision({ decisionId: "D1", sealedLinkToken: "sealed:v1:one" }));
      await repo().putDecision(decision({ decisionId: "D2", sealedLinkToken: "sealed:v1:two" }));
      await repo().putDecision(decision({ decisionId: "D3", sealedLinkToken: "sealed:v1:three" }));
      expect(await repo().replaceDecisionLink(D1, OTHER_HASH, undefined, "sealed:v1:new")).toBe(true);
      expect((await repo().getDecision(P, "D1"))?.sealedLinkToken).toBe("sealed:v1:new");
      expect(await repo().replaceDecisionLink({ ...D1, linkTokenHash: OTHER_HASH }, HASH)).toBe(true);
      expect((await repo().getDecision(P, "D1"))?.sealedLinkToken).toBeUndefined();
      await repo().closeDecision({ ...D1, decisionId: "D2" }, result());
      expect((await repo().getDecision(P, "D2"))?.sealedLinkToken).toBeUndefined();
      await repo().forgetLinkToken({ partnershipId: P, decisionId: "D3" });
      expect((await repo().getDecision(P, "D3"))?.sealedLinkToken).toBeUndefined();
      await repo().forgetLinkToken({ partnershipId: P, decisionId: "D3" });
      await repo().putDecision(decision({ decisionId: "D4", sealedLinkToken: "sealed:v1:four" }));
      await repo().retireOpenDecisionsBut(P, "D1", T3);
      expect((await repo().getDecision(P, "D4"))?.sealedLinkToken).toBeUndefined();
    });

    it("records who was signed in with the decision it closes", async () => {
      await repo().putDecision(decision());
      const signedInAs = { sub: "user-1", email: "officer@example.org" };
      await repo().closeDecision(D1, result({ signedInAs }));
      expect(await repo().getDecision(P, "D1")).toMatchObject({ status: "decided", signedInAs });
    });

    it("notes the end of a resume once, and the decision leaves the unresumed ones", async () => {
      const d1 = await decided("D1", T1);
      const d2 = await decided("D2", T2);
      expect(await repo().noteResumeEnded(d1, "resumed", T3)).toBe(true);
      expect(await repo().noteResumeEnded(d1, "window-closed", T3)).toBe(false);
      expect(await repo().noteResumeEnded(d2, "window-closed", T3)).toBe(true);
      expect(await repo().noteResumeEnded(d2, "resumed", T3)).toBe(false);
      expect(await repo().getDecision(P, "D1")).toMatchObject({ resumedAt: T3 });
      expect((await repo().getDecision(P, "D1"))?.resumeWindowClosedAt).toBeUndefined();
      expect(await repo().getDecision(P, "D2")).toMatchObject({ resumeWindowClosedAt: T3 });
      expect(await repo().listUnresumedDecisions(10)).toEqual([]);
    });

    it("lets exactly one of two concurrent notes of a resume's end be noted", async () => {
      const d1 = await decided("D1", T1);
      const { fulfilled } = await race(
        repo().noteResumeEnded(d1, "resumed", T2),
        repo().noteResumeEnded(d1, "window-closed", T3),
      );
      expect(fulfilled.filter(Boolean)).toHaveLength(1);
      const stored = await repo().getDecision(P, "D1");
      expect([stored?.resumedAt, stored?.resumeWindowClosedAt].filter(Boolean)).toHaveLength(1);
    });

    it("notes no resume's end of an open or unknown decision", async () => {
      await repo().putDecision(decision());
      expect(await repo().noteResumeEnded(D1, "resumed", T2)).toBe(false);
      expect(await repo().noteResumeEnded({ ...D1, decisionId: "D9" }, "resumed", T2)).toBe(false);
      expect(await repo().getDecision(P, "D1")).toEqual(decision());
      expect(await repo().getDecision(P, "D9")).toBeUndefined();
    });

    it("notes a failed resume on a decision made, each time, and keeps it unresumed", async () => {
      const d1 = await decided("D1", T1);
      await repo().markResumeFailed(d1, T2);
      await repo().markResumeFailed(d1, T3);
      expect(await repo().getDecision(P, "D1")).toMatchObject({ resumeFailedAt: T3 });
      expect(ids(await repo().listUnresumedDecisions(10))).toEqual(["D1"]);
    });

    it("notes the first failure to record a decision made, and only the first", async () => {
      const d1 = await decided("D1", T1);
      await repo().noteRecordFailed(d1, T2);
      await repo().noteRecordFailed(d1, T3);
      expect(await repo().getDecision(P, "D1")).toMatchObject({ recordFailedAt: T2 });
      expect(ids(await repo().listUnresumedDecisions(10))).toEqual(["D1"]);
    });

    it("notes no failure on an open or unknown decision, and creates none", async () => {
      await repo().putDecision(decision());
      await repo().markResumeFailed(D1, T2);
      await repo().noteRecordFailed(D1, T2);
      await repo().markResumeFailed({ ...D1, decisionId: "D9" }, T2);
      await repo().noteRecordFailed({ ...D1, decisionId: "D9" }, T2);
      expect(await repo().getDecision(P, "D1")).toEqual(decision());
      expect(await repo().getDecision(P, "D9")).toBeUndefined();
    });

    it("keeps a partnership's decisions apart from its ledger and record", async () => {
      await repo().createPartnership(partnership());
      await decided("D1", T1);
      expect(await repo().listEvents(P)).toEqual([]);
      expect((await repo().getPartnershipWithTail(P, 5)).tail).toEqual([]);
      expect((await repo().getPartnershipRecord(P))?.decisions.map((d) => d.status)).toEqual(["decided"]);
    });
  });
}
