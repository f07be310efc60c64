import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";

/** Its own file: handler modules build their adapters once per process, so one runtime per test file. */
const OFFICER = ANY_OFFICER;

describe("an officer who does not decide in time", () => {
  let slow: Journey;
  beforeAll(async () => {
    slow = await Journey.start({ timeoutOverridesSeconds: { AwaitOfficerDecision: 1 } });
  });
  afterAll(async () => {
    await slow?.stop();
  });

  it("expires the partnership, tells the office, and refuses the expired link", async () => {
    const intake = makeIntake({ organisation: { name: "Sleepy Hollow Crafts" } });
    const { statusUrl } = (await (await slow.submitJson(intake)).json()) as { statusUrl: string };
    const mail = await slow.waitForMail(/Decision needed: intake review for Sleepy Hollow Crafts/, OFFICER);
    const link = new URL(linkIn(mail, "/decisions")).pathname;
    const expired = await slow.waitForStage(statusUrl, "EXPIRED");
    expect(expired).not.toContain("Waiting for");
    await slow.waitForMail(
      /Expired without a decision: Sleepy Hollow Crafts/,
      process.env.OFFICE_EMAIL as string,
    );
    const response = await slow.postForm(link, { noConflict: "yes", outcome: "approve" });
    expect(response.status).toBe(410);
  });
});
