import { describe, expect, it } from "vitest";
import {
  awaitedDecision,
  type Decision,
  resumeIsOverdue,
  STALLED_AFTER_MS,
} from "#shared/domain/partnership.ts";

const now = new Date("2026-11-23T12:00:00Z");
const decision = (overrides: Partial<Decision>): Decision => ({
  partnershipId: "P",
  decisionId: "D",
  kind: "intake-review",
  assignee: "officer@example.org",
  linkTokenHash: "h",
  taskToken: "t",
  createdAt: "2026-11-23T10:00:00Z",
  dueAt: "2026-11-30T10:00:00Z",
  expiresAt: "2026-11-30T10:00:00Z",
  status: "open",
  ...overrides,
});

describe("what a partnership waits for", () => {
  it("is the decision still open and not past its expiry", () => {
    const decided = decision({ decisionId: "D1", status: "decided" });
    const lapsed = decision({ decisionId: "D2", expiresAt: "2026-11-23T11:59:59Z" });
    const open = decision({ decisionId: "D3", kind: "resubmission" });
    expect(awaitedDecision("ASSESSING", [decided, lapsed, open], now)?.decisionId).toBe("D3");
    expect(awaitedDecision("ASSESSING", [decided, lapsed], now)).toBeUndefined();
  });

  it("is nothing once the partnership has ended, even if a decision was left open", () => {
    expect(awaitedDecision("EXPIRED", [decision({})], now)).toBeUndefined();
    expect(awaitedDecision("DECLINED", [decision({})], now)).toBeUndefined();
  });
});

describe("whether the resume of a decision is overdue", () => {
  const decided = (decidedAgoMs: number, overrides: Partial<Decision> = {}) =>
    decision({
      status: "decided",
      decidedAt: new Date(now.getTime() - decidedAgoMs).toISOString(),
      resumeOutput: "{}",
      ...overrides,
    });

  it("is not while the deciding POST may still be running", () => {
    expect(resumeIsOverdue(decided(STALLED_AFTER_MS - 1), now)).toBe(false);
    expect(resumeIsOverdue(decided(STALLED_AFTER_MS), now)).toBe(true);
  });

  it("is at once when the POST noted that it could not resume", () => {
    expect(resumeIsOverdue(decided(1000, { resumeFailedAt: now.toISOString() }), now)).toBe(true);
  });

  it("is never once the resume has ended, for a decision still open, or without a stored output", () => {
    const old = STALLED_AFTER_MS * 10;
    expect(resumeIsOverdue(decided(old, { resumedAt: now.toISOString() }), now)).toBe(false);
    expect(resumeIsOverdue(decided(old, { resumeWindowClosedAt: now.toISOString() }), now)).toBe(false);
    expect(resumeIsOverdue(decided(old, { status: "open" }), now)).toBe(false);
    expect(resumeIsOverdue(decided(old, { resumeOutput: undefined }), now)).toBe(false);
  });
});
