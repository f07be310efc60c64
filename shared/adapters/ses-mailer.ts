/**
 * Mailer on SES (the aws-ses-v2-local catcher locally). A message without attachments is sent as SES builds it
 * (SendEmail); one with attachments as a MIME message of our own (SendRawEmail, mime-message.ts), through the
 * same client, so that no function carries a second SES client.
 */
import { type SESClient, SendEmailCommand, SendRawEmailCommand } from "@aws-sdk/client-ses";
import type { EmailMessage, Mailer } from "../ports/mailer.ts";
import { mimeMessage } from "./mime-message.ts";

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly sender: string,
  ) {}

  async send(message: EmailMessage): Promise<void> {
    if (message.attachments && message.attachments.length > 0) {
      await this.ses.send(
        new SendRawEmailCommand({
          Source: this.sender,
          Destinations: message.to,
          RawMessage: {
            Data: mimeMessage({
              from: this.sender,
              to: message.to,
              replyTo: message.replyTo,
              subject: message.subject,
              text: message.text,
              html: message.html,
              attachments: message.attachments,
            }),
          },
        }),
      );
      return;
    }
    await this.ses.send(
      new SendEmailCommand({
        Source: this.sender,
        Destination: { ToAddresses: message.to },
        ...(message.replyTo ? { ReplyToAddresses: message.replyTo } : {}),
        Message: {
          Subject: { Data: message.subject, Charset: "UTF-8" },
          Body: {
            Text: { Data: message.text, Charset: "UTF-8" },
            Html: { Data: message.html, Charset: "UTF-8" },
          },
        },
      }),
    );
  }
}
