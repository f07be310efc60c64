import { describe, expect, it } from "vitest";
import { emails, endSentence, type Office } from "#shared/web/emails.ts";
import { leavingEmails } from "#shared/web/leaving-emails.ts";
import { reminderEmail } from "#shared/web/reminder-emails.ts";

const OFFICE: Office = {
  name: "Community Partnerships Office",
  contact: "613-555-0100",
  replyTo: "office@example.org",
  timeZone: "America/Toronto",
};

describe("emails", () => {
  it("keep a subject on one line whatever the name it quotes holds", () => {
    const mail = emails.acknowledgement(
      OFFICE,
      "partner@example.org",
      "Evil Org\r\nBcc: victim@example.net\n",
      "https://partners.example.org/status/x",
    );
    expect(mail.subject).toBe("We received the partnership intake for Evil Org Bcc: victim@example.net");
  });
});

describe("a sentence ending in a name", () => {
  it("has one full stop, whether or not the name brings its own", () => {
    expect(endSentence("with Harbourview Building Supplies Ltd.")).toBe(
      "with Harbourview Building Supplies Ltd.",
    );
    expect(endSentence("with Riverside Tooling")).toBe("with Riverside Tooling.");
  });

  it("the termination email does not double it", () => {
    const mail = leavingEmails.terminated(
      OFFICE,
      ["p@example.org"],
      "Harbourview Building Supplies Ltd.",
      "x",
    );
    expect(mail.text).toContain("ended its partnership with Harbourview Building Supplies Ltd.\n");
    expect(mail.text).not.toContain("Ltd..");
  });
});

describe("a reminder's subject", () => {
  const reminder = (kind: string) =>
    reminderEmail(OFFICE, {
      to: "p@example.org",
      org: "Riverside Tooling Ltd",
      kind,
      dueAt: "2026-12-01T22:00:00.000Z",
      expiresAt: "2026-12-08T22:00:00.000Z",
    });

  it("names the step in words, the review's self-assessment with its hyphen", () => {
    expect(reminder("review-self-assessment").subject).toBe(
      "Reminder: the review self-assessment for Riverside Tooling Ltd is overdue",
    );
    expect(reminder("vetting-review").subject).toBe(
      "Reminder: the vetting review for Riverside Tooling Ltd is overdue",
    );
  });
});
