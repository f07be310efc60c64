/** Outbound email. */
export interface EmailMessage {
  to: string[];
  /** Where replies go (the office's mailbox), when not the sender. */
  replyTo?: string[] | undefined;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}
