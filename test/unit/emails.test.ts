import { describe, expect, it } from "vitest";
import { emails } from "#shared/web/emails.ts";

describe("emails", () => {
  it("keep a subject on one line whatever the name it quotes holds", () => {
    const mail = emails.acknowledgement(
      "partner@example.org",
      "Evil Org\r\nBcc: victim@example.net\n",
      "https://partners.example.org/status/x",
    );
    expect(mail.subject).toBe("We received the partnership intake for Evil Org Bcc: victim@example.net");
  });
});
