/** Outbound email. */

/** A file sent with an email: the signed agreement and its completion certificate, as PDFs. */
export interface EmailAttachment {
  filename: string;
  /** type/subtype, e.g. "application/pdf". */
  contentType: string;
  content: Uint8Array;
}

export interface EmailMessage {
  to: string[];
  /** Where replies go (the office's mailbox), when not the sender. */
  replyTo?: string[] | undefined;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[] | undefined;
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}
