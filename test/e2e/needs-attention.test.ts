/**
 * Needs attention and retry over HTTP through the local runtime (issue 13): the partner's checklist step fails
 * once it has emailed its link (an error injected into open-step, as a crash after the send); the partnership
 * goes to NEEDS_ATTENTION, the lead is emailed and sees it first in the inbox with the error; the lead retries
 * from the inbox; the step is asked again (a new email whose link works, the old link dead), and the journey
 * goes on to the next stage. The API's retry: the lead's only, 409 once nothing needs attention, 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInHeaders } from "../fixtures/console-sign-in.ts";
import { crashingOpenStep } from "../fixtures/crashing-open-step.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey } from "./harness.ts";
import { ALL_VERIFIED, CHECKLIST, nextLink, pathOf, toChecklist } from "./onboarding-steps.ts";

let journey: Journey;
let tokens: Record<string, string>;
let sessions: Record<string, Record<string, string>>;

beforeAll(async () => {
  journey = await Journey.start({ handlers: { "open-step": crashingOpenStep("vetting-evidence") } });
  tokens = Object.fromEntries(journey.runtime.staff.seed().map((t) => [t.role, t.token]));
  sessions = {
    lead: await signedInHeaders(journey, tokens.lead as string),
    officer: await signedInHeaders(journey, tokens.officer as string),
  };
}, 60_000);
afterAll(async () => {
  await journey?.stop();
});

const inbox = async (who: "lead" | "officer") =>
  (await journey.fetch("/console/inbox", { headers: sessions[who] as Record<string, string> })).text();

function postRetry(path: string, headers: Record<string, string>, fields: Record<string, string> = {}) {
  return journey.fetch(path, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: new URL(journey.runtime.urls.app).origin,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("a failed step, retried by the lead from the inbox", () => {
  it("needs attention, is retried, asks the step again with a new link, and the journey goes on", async () => {
    const intake = makeIntake({ organisation: { name: "Attentive Apiaries" } });
    const { partnershipId, statusUrl, checklist: oldLink } = await toChecklist(journey, intake);
    await journey.waitForStage(statusUrl, "NEEDS_ATTENTION");

    const told = await journey.waitForMail(
      /Needs attention: Attentive Apiaries/,
      process.env.LEAD_EMAIL as string,
    );
    expect(told.text).toContain("/console/inbox");
    expect(told.text).toContain("AwaitVettingEvidence");

    const page = await inbox("lead");
    const section = page.slice(page.indexOf("Needs attention"), page.indexOf("Open decisions"));
    expect(section).toContain("Attentive Apiaries");
    expect(section).toContain("AwaitVettingEvidence");
    expect(section).toContain("InjectedCrashError");
    // Only the error's name: the message of an error not ours to vouch for may quote a person (failure-cause.ts).
    expect(section).not.toContain("Crashed after emailing");
    expect(section).toContain(`action="/console/partnerships/${partnershipId}/retry"`);
    expect(section).toContain(`href="/console/partnerships/${partnershipId}/termination"`);
    expect(await inbox("officer")).not.toContain("Needs attention");

    const retry = `/console/partnerships/${partnershipId}/retry`;
    expect(
      (await postRetry(retry, sessions.officer as Record<string, string>, { confirm: "yes" })).status,
    ).toBe(403);
    const unconfirmed = await postRetry(retry, sessions.lead as Record<string, string>);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Tick the box");
    const retried = await postRetry(retry, sessions.lead as Record<string, string>, { confirm: "yes" });
    expect(retried.status).toBe(303);
    expect(retried.headers.get("location")).toBe("/console/inbox");
    await journey.waitForStage(statusUrl, "VETTING");

    // Asked again: a new link; the old one no longer works.
    const newLink = await nextLink(journey, /Vetting checklist for the Attentive Apiaries/, "/vetting", [
      oldLink,
    ]);
    const old = await journey.fetch(oldLink);
    expect(old.status).not.toBe(200);
    expect(await old.text()).toMatch(/replaced|most recent/i);
    expect((await journey.postForm(newLink, { action: "send", ...CHECKLIST })).status).toBe(200);
    const review = await journey.waitForMail(/vetting review for Attentive Apiaries/, ANY_OFFICER);
    expect(
      (
        await journey.postForm(pathOf(review, "/vetting-review"), {
          ...ALL_VERIFIED,
          noConflict: "yes",
          outcome: "record",
        })
      ).status,
    ).toBe(200);
    await journey.waitForStage(statusUrl, "CONFIRMING_AUTHORITY");
    expect(await inbox("lead")).toContain("No partnership needs attention");

    // The API's retry: nothing needs attention any more.
    const api = (id: string, token: string) =>
      journey.fetch(`/api/partnerships/${id}/retry`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
    const conflict = await api(partnershipId, tokens.lead as string);
    expect(conflict.status).toBe(409);
    expect(await conflict.text()).toContain("does not need attention");
    expect((await api(partnershipId, tokens.officer as string)).status).toBe(403);
    expect((await api("01KAW0000000000000000000ZZ", tokens.lead as string)).status).toBe(404);
  }, 60_000);
});
