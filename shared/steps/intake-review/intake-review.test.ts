import { describe, expect, it } from "vitest";
import { makeIntake } from "../../../test/fixtures/intake.ts";
import { stepView } from "../../../test/fixtures/step-view.ts";
import { eventDraft } from "../../events/draft.ts";
import { step } from "./index.ts";

const form = { action: "/decisions/T", values: {}, errors: [] };

describe("the intake review step", () => {
  it.each([
    ["request-info", "Required: say what information the partner should add"],
    ["decline", "Required: say why the intake is declined"],
  ])("asks for a comment to %s, saying why", async (outcome, message) => {
    expect(await step.parse({ outcome, comment: "  " }, stepView())).toEqual({
      ok: false,
      errors: [{ field: "comment", message }],
    });
  });

  it("approves without a comment, and keeps one when given, trimmed", async () => {
    expect(await step.parse({ outcome: "approve" }, stepView())).toEqual({
      ok: true,
      answer: { outcome: "approve", comment: "" },
    });
    expect(await step.parse({ outcome: "approve", comment: "  Welcome " }, stepView())).toMatchObject({
      answer: { comment: "Welcome" },
    });
  });

  it("refuses an outcome it does not have, naming the buttons", async () => {
    expect(await step.parse({ outcome: "approve-all" }, stepView())).toEqual({
      ok: false,
      errors: [{ field: "outcome", message: "Choose one of the buttons" }],
    });
  });

  it("only a decline ends the onboarding, and so asks for a confirmation", () => {
    expect(
      Object.entries(step.outcomes)
        .filter(([, o]) => o.ends)
        .map(([name]) => name),
    ).toEqual(["decline"]);
  });

  it("states the deadline in the office's time zone, on the page and in the email", () => {
    const view = stepView();
    const deadline = "December 10, 2026 at 5:00 p.m. EST (America/Toronto)";
    expect(step.page({ ...view, form }).body.value).toContain(
      `Please decide by <strong>${deadline}</strong>`,
    );
    const mail = step.email({ ...view, url: "https://partners.example.org/decisions/T" });
    expect(mail.to).toEqual(["officer@example.org"]);
    expect(mail.text).toContain(`decide by ${deadline}`);
    expect(mail.text).toContain("613-555-0100, weekdays 9 to 5");
  });

  it("after a request for more information, shows the question, the answer and each changed field", () => {
    const before = makeIntake();
    const after = makeIntake({
      services: [...before.services, "Saturday workshops"],
      contributionTypes: ["mentor-or-job-coach"],
    });
    const origin = { partnershipId: "P", at: "2026-11-23T10:00:00.000Z", actor: "partner" };
    const view = stepView({
      partnership: { intake: after, intakeVersion: 2 },
      events: [
        eventDraft("IntakeSubmitted", origin, { stage: "SUBMITTED", intakeVersion: 1, intake: before }),
        eventDraft("OfficerDecided", origin, {
          kind: "intake-review",
          decisionId: "D0",
          outcome: "request-info",
          comment: "Any weekends?",
        }),
        eventDraft("IntakeResubmitted", origin, { intakeVersion: 2, intake: after }),
        eventDraft("ResubmissionReceived", origin, {
          kind: "resubmission",
          decisionId: "D9",
          outcome: "resubmitted",
          comment: "Yes, Saturdays.",
        }),
      ],
    });
    const body = step.page({ ...view, form }).body.value;
    expect(body).toContain("<strong>You asked:</strong> Any weekends?");
    expect(body).toContain("<strong>The partner answered:</strong> Yes, Saturdays.");
    expect(body).toContain("What changed (version 1 → 2)");
    expect(body).toMatch(/<th>Services<\/th><td>[^<]*<\/td><td>[^<]*Saturday workshops<\/td>/);
    expect(body).toContain(
      "<th>How they would contribute</th><td>Work experience placement</td><td>Career mentor or job coach</td>",
    );
    // Fields that did not change are not listed.
    expect(body).not.toContain("<th>Organisation name</th>");
  });

  it("lists as changed neither choices given in another order, nor anything by its code", async () => {
    const { intakeChanges } = await import("../../web/intake-changes.ts");
    const before = makeIntake({
      audiences: ["secondary", "adult"],
      contributionTypes: ["speaker", "sponsor"],
    });
    const reordered = makeIntake({
      audiences: ["adult", "secondary"],
      contributionTypes: ["sponsor", "speaker"],
    });
    expect(intakeChanges(before, reordered)).toEqual([]);
    const changed = intakeChanges(before, {
      ...reordered,
      organisation: { ...reordered.organisation, type: "community-agency" },
      needsAssessment: {
        ...reordered.needsAssessment,
        readiness: { ...reordered.needsAssessment.readiness, hasCapacity: false },
      },
    });
    expect(changed.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Organisation type", "Employer or business", "Community agency"],
      ["Capacity", "Yes", "Not yet"],
    ]);
  });

  it("shows no earlier round on a first review", () => {
    expect(step.page({ ...stepView(), form }).body.value).not.toContain("since-last-round");
  });
});
