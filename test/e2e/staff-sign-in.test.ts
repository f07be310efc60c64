/**
 * Staff sign-in over HTTP through the local runtime: a page without a session sends the browser to the sign-in
 * page; a wrong token is refused there; a staff token becomes the session cookie (and where it leads is only ever
 * this site); an expired session is no session; an auditor's session is refused (403) on every state-changing
 * route of the catalog, decision links included, and changes nothing; an officer's decision made from a session
 * records who was signed in; signing out clears the cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTTP_FUNCTIONS } from "#infra/function-catalog.ts";
import type { IssuedToken } from "#infra/local/staff.ts";
import { localStaffSessions } from "#shared/adapters/local-staff-sessions.ts";
import { SESSION_COOKIE } from "#shared/auth/cookies.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey } from "./harness.ts";
import { pathOf } from "./onboarding-steps.ts";

let journey: Journey;
let tokens: Record<string, IssuedToken>;

beforeAll(async () => {
  journey = await Journey.start();
  tokens = Object.fromEntries(journey.runtime.staff.seed().map((t) => [t.role, t]));
  // The second officer of cdk.json, so that whoever a review is assigned to can sign in.
  tokens.second = journey.runtime.staff.add("officer", "second.officer@example.org");
});
afterAll(async () => {
  await journey?.stop();
});

const tokenOf = (role: string) => tokens[role]?.token ?? "";

/** Who a review went to, by the key of their token: "officer", "second" or "lead". */
const roleOf = (to: readonly string[]) =>
  to.includes("lead@example.org") ? "lead" : to.includes("second.officer@example.org") ? "second" : "officer";

/** Signs in through POST /sign-in: the session cookie's "name=value", and the answer. */
async function signIn(role: string, next?: string) {
  const res = await journey.postForm("/sign-in", { token: tokenOf(role), ...(next ? { next } : {}) });
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? "";
  return { res, set, cookie: set.split(";")[0] ?? "" };
}

const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), cookie },
});

/** An intake waiting for an officer's review: its id and the review link's path. */
async function awaitingReview(name: string) {
  const submitted = await journey.submitJson(makeIntake({ organisation: { name } }));
  const { partnershipId } = (await submitted.json()) as { partnershipId: string };
  const review = await journey.waitForMail(new RegExp(`intake review for ${name}`), ANY_OFFICER);
  return { partnershipId, review: pathOf(review, "/decisions"), assignee: review.to };
}

const origin = () => new URL(journey.runtime.urls.app).origin;
const postAs = (path: string, cookie: string, fields: Record<string, string>) =>
  journey.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: origin(), cookie },
    body: new URLSearchParams(fields).toString(),
  });

describe("staff sign-in through the local runtime", () => {
  it("sends a browser without a session from a page to the sign-in page, which comes back there", async () => {
    const res = await journey.fetch("/console/inbox?sort=due");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      `/sign-in?next=${encodeURIComponent("/console/inbox?sort=due")}`,
    );
    const form = await journey.fetch("/sign-in?next=%2Fconsole%2Finbox");
    expect(form.status).toBe(200);
    const body = await form.text();
    expect(body).toContain('name="token"');
    expect(body).toContain("npm run staff -- add");
    expect(body).toContain('name="next" value="/console/inbox"');
  });

  it("refuses a wrong token with the form again and a 401, and sets no cookie", async () => {
    const res = await journey.postForm("/sign-in", { token: "A".repeat(43) });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("signs nobody in");
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("exchanges a token for an HttpOnly, Secure, SameSite=Lax __Host- cookie of 8 hours; next stays on this site", async () => {
    const officer = await signIn("officer", "https://evil.example/x");
    expect(officer.res.status).toBe(303);
    expect(officer.res.headers.get("location")).toBe("/console/inbox");
    expect(officer.set).toMatch(
      /^__Host-partnerflow-session=[^;]+; Path=\/; Max-Age=28800; HttpOnly; Secure; SameSite=Lax$/,
    );
    const auditor = await signIn("auditor", "//evil.example");
    expect(auditor.res.headers.get("location")).toBe("/console");
    const back = await signIn("lead", "/console/partnerships/p-1?x=1");
    expect(back.res.headers.get("location")).toBe("/console/partnerships/p-1?x=1");
  });

  it("shows the officer's inbox with the session, and refuses an auditor's (403)", async () => {
    const { assignee } = await awaitingReview("Inbox Harbour Trust");
    const officer = await signIn(roleOf(assignee));
    const inbox = await journey.fetch("/console/inbox", withCookie(officer.cookie));
    expect(inbox.status).toBe(200);
    const page = await inbox.text();
    expect(page).toContain("Inbox Harbour Trust");
    expect(page).toContain("Intake review");
    const auditor = await signIn("auditor");
    expect((await journey.fetch("/console/inbox", withCookie(auditor.cookie))).status).toBe(403);
  });

  it("takes an expired, or a tampered, session for none", async () => {
    const dir = process.env.STAFF_DIR ?? "";
    const nineHoursAgo = new Date(Date.now() - 9 * 3600_000);
    const old = localStaffSessions(dir, () => nineHoursAgo).signIn;
    const expired = old.kind === "local" ? old.exchange(tokenOf("officer")) : undefined;
    expect(expired).toBeDefined();
    const res = await journey.fetch("/console/inbox", withCookie(`${SESSION_COOKIE}=${expired}`));
    expect(res.status).toBe(303);
    const { cookie } = await signIn("officer");
    const tampered = cookie.replace(
      /\.([^.]+)$/,
      (_, sig: string) => `.${sig.startsWith("A") ? "B" : "A"}${sig.slice(1)}`,
    );
    expect((await journey.fetch("/console/inbox", withCookie(tampered))).status).toBe(303);
  });

  it("refuses an auditor's session on every state-changing route of the catalog (403)", async () => {
    const { cookie } = await signIn("auditor");
    const routes = HTTP_FUNCTIONS.filter((spec) => spec.name !== "sign-in").flatMap((spec) =>
      spec.routes
        .filter((key) => !key.startsWith("GET ") && key !== "$default")
        .map((key) => ({ key, api: spec.signedIn === true && key.includes(" /api/") })),
    );
    expect(routes.length).toBeGreaterThan(5);
    for (const { key, api } of routes) {
      const path = (key.split(" ")[1] ?? "").replace(/\{token\}/g, "A".repeat(43)).replace(/\{[^}]+\}/g, "x");
      // A signed-in API route takes the auditor's bearer token (a session cookie is no credential there); a
      // page, a link or the public intake, the session.
      const res = api
        ? await journey.fetch(path, {
            method: key.split(" ")[0] ?? "POST",
            headers: { authorization: `Bearer ${tokenOf("auditor")}`, "content-type": "application/json" },
            body: "{}",
          })
        : await postAs(path, cookie, { outcome: "approve", noConflict: "yes" });
      expect({ key, status: res.status }).toEqual({ key, status: 403 });
    }
  });

  it("refuses an auditor's session on a real decision link, which then still works for the officer", async () => {
    const { partnershipId, review } = await awaitingReview("Auditor Proof Guild");
    const auditor = await signIn("auditor");
    const refused = await postAs(review, auditor.cookie, { noConflict: "yes", outcome: "approve" });
    expect(refused.status).toBe(403);
    const officer = await signIn("officer");
    const decided = await postAs(review, officer.cookie, { noConflict: "yes", outcome: "approve" });
    expect(decided.status).toBe(200);
    // The decision's ledger event records who was signed in; the link alone would record no one.
    const packet = await journey.fetch(`/api/audit/partnerships/${partnershipId}/packet`, {
      headers: { authorization: `Bearer ${tokenOf("lead")}` },
    });
    const { events } = (await packet.json()) as {
      events: { type: string; actor: string; data: Record<string, unknown> }[];
    };
    const decidedEvent = events.find((e) => e.data.decisionId && e.data.outcome === "approve");
    expect(decidedEvent?.data.signedInAs).toEqual({
      sub: expect.any(String),
      email: "officer@example.org",
    });
    // The ledger names the one signed in, whichever officer the review was assigned to.
    expect(decidedEvent?.actor).toBe("officer:officer@example.org");
  });

  it("records no one for a link decided without a session", async () => {
    const { partnershipId, review } = await awaitingReview("Plain Link Society");
    expect((await journey.postForm(review, { noConflict: "yes", outcome: "approve" })).status).toBe(200);
    const packet = await journey.fetch(`/api/audit/partnerships/${partnershipId}/packet`, {
      headers: { authorization: `Bearer ${tokenOf("lead")}` },
    });
    const { events } = (await packet.json()) as { events: { data: Record<string, unknown> }[] };
    expect(events.find((e) => e.data.outcome === "approve")?.data).not.toHaveProperty("signedInAs");
  });

  it("opens a decision from the inbox for its assignee with a new link, replacing the emailed one; the ledger says who", async () => {
    const name = "Inbox Decide Circle";
    const { partnershipId, review, assignee } = await awaitingReview(name);
    const mine = roleOf(assignee);
    const email = assignee[0] ?? "";
    const { cookie } = await signIn(mine);
    const inbox = await (await journey.fetch("/console/inbox", withCookie(cookie))).text();
    const action = new RegExp(`action="(/console/inbox/${partnershipId}/[^"]+)"`).exec(inbox)?.[1] ?? "";
    expect(action).not.toBe("");
    // Not the assignee: refused, nothing replaced.
    const other = await signIn(mine === "lead" ? "officer" : "lead");
    expect((await postAs(action, other.cookie, {})).status).toBe(403);
    const opened = await postAs(action, cookie, {});
    expect(opened.status).toBe(303);
    const page = opened.headers.get("location") ?? "";
    expect(page).toMatch(/^\/decisions\/[A-Za-z0-9_-]{43}$/);
    expect((await journey.fetch(page, withCookie(cookie))).status).toBe(200);
    // The emailed link, opened by whoever holds it (no session): decided from the inbox, not "the newest email".
    const replaced = await journey.fetch(review);
    expect(replaced.status).toBe(410);
    const said = await replaced.text();
    expect(said).toContain("This decision was opened from the staff inbox; decide it there.");
    expect(said).toContain('<a href="/console/inbox">Open the staff inbox</a>');
    expect(said).not.toContain("most recent email");
    expect(said).not.toContain(email);
    expect((await postAs(page, cookie, { noConflict: "yes", outcome: "approve" })).status).toBe(200);
    const packet = await journey.fetch(`/api/audit/partnerships/${partnershipId}/packet`, {
      headers: { authorization: `Bearer ${tokenOf("lead")}` },
    });
    const { events } = (await packet.json()) as {
      events: { type: string; actor: string; data: Record<string, unknown> }[];
    };
    const reissued = events.find((e) => e.type === "DecisionLinkReissued");
    expect(reissued?.data.signedInAs).toMatchObject({ email });
    expect(JSON.stringify(reissued)).not.toContain(page.split("/")[2] ?? "none");
    expect(events.find((e) => e.data.outcome === "approve")?.data.signedInAs).toMatchObject({ email });
  });

  it("offers an officer only what works: every link of the inbox opens, and a row's button opens its decision's page", async () => {
    const name = "Inbox Follow Works";
    const { partnershipId, assignee } = await awaitingReview(name);
    const { cookie } = await signIn(roleOf(assignee));
    const inbox = await (await journey.fetch("/console/inbox", withCookie(cookie))).text();
    const links = [...inbox.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      const res = await journey.fetch(href, withCookie(cookie, { redirect: "manual" }));
      expect({ href, status: res.status }).toEqual({ href, status: 200 });
    }
    const row = inbox.split("<tr>").find((r) => r.includes(name)) ?? "";
    expect(row).toContain("Open the intake review to decide");
    const action = /action="([^"]+)"/.exec(row)?.[1] ?? "";
    expect(action).toBe(`/console/inbox/${partnershipId}/${/\/([^/]+)$/.exec(action)?.[1]}`);
    const opened = await postAs(action, cookie, {});
    expect(opened.status).toBe(303);
    const step = await journey.fetch(opened.headers.get("location") ?? "", withCookie(cookie));
    expect(step.status).toBe(200);
    const body = await step.text();
    expect(body).toContain(`Intake review: ${name}`);
    expect(body).toMatch(/<button type="submit" name="outcome" value="approve"/);
  });

  it("clears the cookie on sign-out", async () => {
    const { cookie } = await signIn("officer");
    const res = await postAs("/sign-out", cookie, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?signed-out=1");
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-partnerflow-session=; Path=\/; Max-Age=0;/);
  });
});
