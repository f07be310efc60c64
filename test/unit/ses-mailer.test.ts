import { SESClient, SendEmailCommand, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { SesMailer } from "#shared/adapters/ses-mailer.ts";

const ses = mockClient(SESClient);
const mailer = new SesMailer(new SESClient({}), "partnerships@example.org");
const MESSAGE = {
  to: ["dana@harbourview.example"],
  replyTo: ["office@example.org"],
  subject: "Your signed agreement",
  text: "Attached.",
  html: "<p>Attached.</p>",
};

beforeEach(() => {
  ses.reset();
});

describe("the SES mailer", () => {
  it("sends a message without attachments as SES builds it", async () => {
    await mailer.send({ ...MESSAGE, attachments: [] });
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toEqual({
      Source: "partnerships@example.org",
      Destination: { ToAddresses: ["dana@harbourview.example"] },
      ReplyToAddresses: ["office@example.org"],
      Message: {
        Subject: { Data: "Your signed agreement", Charset: "UTF-8" },
        Body: {
          Text: { Data: "Attached.", Charset: "UTF-8" },
          Html: { Data: "<p>Attached.</p>", Charset: "UTF-8" },
        },
      },
    });
  });

  it("sends a message with attachments as a raw MIME message to the same recipients", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7 agreement");
    await mailer.send({
      ...MESSAGE,
      attachments: [{ filename: "agreement.pdf", contentType: "application/pdf", content: pdf }],
    });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    const input = ses.commandCalls(SendRawEmailCommand)[0]?.args[0].input;
    expect(input?.Source).toBe("partnerships@example.org");
    expect(input?.Destinations).toEqual(["dana@harbourview.example"]);
    const raw = Buffer.from(input?.RawMessage?.Data ?? new Uint8Array()).toString("utf8");
    expect(raw).toContain("From: partnerships@example.org\r\n");
    expect(raw).toContain("Reply-To: office@example.org\r\n");
    expect(raw).toContain('Content-Disposition: attachment;\r\n filename="agreement.pdf"');
    expect(raw).toContain(Buffer.from(pdf).toString("base64"));
  });
});
