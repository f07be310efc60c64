/**
 * The SES mailer against the local mail catcher (aws-ses-v2-local, as `npm start` runs it): a message with
 * attachments goes as raw MIME, and the catcher's store (GET /store, which its viewer reads) shows the text,
 * the HTML and each attachment by name, type and content.
 */
import { SESClient } from "@aws-sdk/client-ses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SesMailer } from "#shared/adapters/ses-mailer.ts";
import { caughtMail, startMailCatcher } from "../../infra/local/mail.ts";
import type { RunningServer } from "../../infra/local/servers.ts";

let mail: RunningServer;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail?.close());

interface StoredEmail {
  from: string;
  subject: string;
  destination: { to: string[] };
  replyTo: string[];
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType: string; content: string; size: number }[];
}

describe("attachments through the local mail catcher", () => {
  it("are stored and listed by the viewer's store, byte for byte", async () => {
    const mailer = new SesMailer(new SESClient({ endpoint: mail.url }), "partnerships@example.org");
    const pdf = new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));
    await mailer.send({
      to: ["dana@harbourview.example"],
      replyTo: ["office@example.org"],
      subject: "Your signed agreement — Łukasz",
      text: "The signed agreement and its certificate are attached.",
      html: "<p>The signed agreement and its certificate are attached.</p>",
      attachments: [
        { filename: "agreement-v1.pdf", contentType: "application/pdf", content: pdf },
        {
          filename: "certificat signé.pdf",
          contentType: "application/pdf",
          content: new Uint8Array([37, 80]),
        },
      ],
    });
    await mailer.send({
      to: ["plain@example.org"],
      subject: "No attachments",
      text: "Hi",
      html: "<p>Hi</p>",
    });

    const { emails } = (await (await fetch(new URL("/store", mail.url))).json()) as { emails: StoredEmail[] };
    const [withFiles, plain] = emails;
    expect(withFiles?.subject).toBe("Your signed agreement — Łukasz");
    expect(withFiles?.from).toBe("partnerships@example.org");
    expect(withFiles?.destination.to).toEqual(["dana@harbourview.example"]);
    expect(withFiles?.replyTo).toEqual(["office@example.org"]);
    expect(withFiles?.body.text?.trim()).toBe("The signed agreement and its certificate are attached.");
    expect(withFiles?.body.html).toContain("<p>The signed agreement and its certificate are attached.</p>");
    expect(withFiles?.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ["agreement-v1.pdf", "application/pdf", 5000],
      ["certificat signé.pdf", "application/pdf", 2],
    ]);
    expect(new Uint8Array(Buffer.from(withFiles?.attachments[0]?.content ?? "", "base64"))).toEqual(pdf);
    expect(plain?.subject).toBe("No attachments");
    expect(plain?.attachments).toEqual([]);
  });

  it("count each recipient of a raw message, as SES bills them (the catcher keeps its To header as one text)", async () => {
    const mailer = new SesMailer(new SESClient({ endpoint: mail.url }), "partnerships@example.org");
    const before = await caughtMail(mail.url);
    await mailer.send({
      to: ["signatory@harbourview.example", "contact@harbourview.example"],
      subject: "Signed",
      text: "Attached.",
      html: "<p>Attached.</p>",
      attachments: [{ filename: "a.pdf", contentType: "application/pdf", content: new Uint8Array([37, 80]) }],
    });
    const after = await caughtMail(mail.url);
    expect([after.emails - before.emails, after.recipients - before.recipients]).toEqual([1, 2]);
  });
});
