/**
 * The console's pages through the local runtime, with the data of a real journey (an intake approved, the
 * checklist asked for): the list links to the partnership; its page shows the timeline, the ledger's check on
 * Verify, the workflow drawn with the checklist's state current, and the approval, whose page rendered again
 * matches what was recorded; the packet downloads as an attachment. No session: to the sign-in page; an officer: 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssuedToken } from "#infra/local/staff.ts";
import { signedInHeaders } from "../fixtures/console-sign-in.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { Journey } from "./harness.ts";
import { toChecklist } from "./onboarding-steps.ts";

let journey: Journey;
let tokens: Record<string, IssuedToken>;
let sessions: Record<string, Record<string, string>>;
let partnershipId = "";

beforeAll(async () => {
  journey = await Journey.start();
  tokens = Object.fromEntries(journey.runtime.staff.seed().map((t) => [t.role, t]));
  sessions = Object.fromEntries(
    await Promise.all(
      Object.entries(tokens).map(
        async ([role, t]) => [role, await signedInHeaders(journey, t.token)] as const,
      ),
    ),
  );
  ({ partnershipId } = await toChecklist(
    journey,
    makeIntake({ organisation: { name: "Console Street Bakery" } }),
  ));
});
afterAll(async () => {
  await journey?.stop();
});

const as = (role: string | undefined, path: string) =>
  journey.fetch(path, role ? { headers: sessions[role] ?? {}, redirect: "manual" } : { redirect: "manual" });

describe("the console through the local runtime", () => {
  it("sends a browser without a session to sign in (303), and refuses an officer's (403)", async () => {
    const unsigned = await as(undefined, "/console");
    expect(unsigned.status).toBe(303);
    expect(unsigned.headers.get("location")).toBe("/sign-in?next=%2Fconsole");
    expect((await as("officer", "/console")).status).toBe(403);
    expect((await as("officer", `/console/partnerships/${partnershipId}/packet`)).status).toBe(403);
  });

  it("lists the partnership for the auditor and the lead, linking to its page", async () => {
    for (const role of ["auditor", "lead"]) {
      const list = await as(role, "/console?stage=VETTING&type=");
      expect(list.status).toBe(200);
      expect(await list.text()).toContain(
        `<a href="/console/partnerships/${partnershipId}">Console Street Bakery</a>`,
      );
    }
  });

  it("shows the timeline, the check on Verify, the workflow at the checklist, and the approval as the officer saw it", async () => {
    const answer = await as("auditor", `/console/partnerships/${partnershipId}?verify=1`);
    expect(answer.status).toBe(200);
    const page = await answer.text();
    expect(page).toContain('id="verification" data-ok="true"');
    expect(page).toMatch(/<tr id="seq-1"><td>1<\/td>[\s\S]*?IntakeSubmitted/);
    expect(page).toMatch(/Current state: <strong>AwaitVettingEvidence<\/strong>/);
    expect(page).toContain('data-state="AwaitVettingEvidence" data-current="true"');
    const decision = /href="(\/console\/partnerships\/[^/]+\/decisions\/[0-9A-Z]{26})"/.exec(page)?.[1];
    expect(decision).toBeDefined();
    const seen = await as("auditor", decision ?? "");
    expect(seen.status).toBe(200);
    const seenPage = await seen.text();
    expect(seenPage).toContain('data-match="true"');
    expect(seenPage).toContain("<fieldset disabled");
    expect(seenPage).not.toContain("{token}");
  });

  it("downloads the audit packet as an attachment", async () => {
    const answer = await as("auditor", `/console/partnerships/${partnershipId}/packet`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-disposition")).toMatch(
      /^attachment; filename="partnership-.*\.json"$/,
    );
    expect(((await answer.json()) as { partnershipId: string }).partnershipId).toBe(partnershipId);
  });
});
