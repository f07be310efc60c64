import { describe, expect, it } from "vitest";
import { emails, type Office } from "#shared/web/emails.ts";

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
