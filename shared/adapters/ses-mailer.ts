/** Mailer on SES (the aws-ses-v2-local catcher locally). */
import { type SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import type { EmailMessage, Mailer } from "../ports/mailer.ts";

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly sender: string,
  ) {}

  async send(message: EmailMessage): Promise<void> {
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
