/**
 * Drives the local runtime over HTTP as a partner and an officer would, and reads the mail catcher.
 * Start one Journey per test file: handlers build their adapters once per process, from the first runtime's endpoints.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LambdaHandler } from "#infra/local/lambda.ts";
import { type LocalRuntime, startLocalRuntime } from "#infra/local/runtime.ts";
import type { StackTemplates } from "#infra/local/template.ts";

export interface CaughtMail {
  subject: string;
  to: string[];
  text: string;
  /** Attached files (the signed agreement and its certificate), as sent. */
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
}

/** Any of the office's staff in the default configuration (cdk.json): two officers and the lead. */
export const ANY_OFFICER = /^(?:officer|second\.officer|lead)@example\.org$/;

/** The number of mails caught at some moment (see `Journey.mailMark`). */
export interface MailMark {
  readonly count: number;
}

export class Journey {
  private constructor(
    readonly runtime: LocalRuntime,
    readonly dataDir: string,
  ) {}

  static async start(
    options: {
      timeoutOverridesSeconds?: Record<string, number>;
      /** Handlers to run instead of functions/<name>/handler.ts, by function name. */
      handlers?: Readonly<Record<string, LambdaHandler>>;
      /** The stacks' templates, when not the app's own (a test that adds a step). */
      templates?: StackTemplates;
    } = {},
  ): Promise<Journey> {
    const dataDir = mkdtempSync(join(tmpdir(), "partnerflow-e2e-"));
    const runtime = await startLocalRuntime({
      dataDir,
      port: 0,
      dynamodbPort: 0,
      sesPort: 0,
      sfnPort: 0,
      s3Port: 0,
      quiet: true,
      ...(options.timeoutOverridesSeconds
        ? { timeoutOverridesSeconds: options.timeoutOverridesSeconds }
        : {}),
      ...(options.handlers ? { handlers: options.handlers } : {}),
      ...(options.templates ? { templates: options.templates } : {}),
    });
    return new Journey(runtime, dataDir);
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  url(path: string): string {
    return new URL(path, this.runtime.urls.app).toString();
  }

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(this.url(path), { redirect: "manual", ...init });
  }

  submitJson(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch("/api/partnerships", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  }

  postForm(path: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields))
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.fetch(path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(this.runtime.urls.app).origin,
      },
      body: body.toString(),
    });
  }

  /**
   * A form with files, as a browser sends it (multipart/form-data, built by FormData): text fields, and files by
   * field name, each with the name the browser gives it and its bytes.
   */
  postMultipart(
    path: string,
    fields: Record<string, string | string[]>,
    files: Record<string, { name: string; bytes: Uint8Array; type?: string }> = {},
  ): Promise<Response> {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields))
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    for (const [k, file] of Object.entries(files))
      body.append(k, new Blob([file.bytes], { type: file.type ?? "application/octet-stream" }), file.name);
    // fetch sets the content type with its boundary.
    return this.fetch(path, {
      method: "POST",
      headers: { origin: new URL(this.runtime.urls.app).origin },
      body,
    });
  }

  /** The caught mail; `sinceMs` asks the catcher only for mail sent from that second on. */
  async mail(sinceMs?: number): Promise<CaughtMail[]> {
    const url = new URL("/store", this.runtime.urls.mail);
    if (sinceMs !== undefined) url.searchParams.set("since", String(Math.floor(sinceMs / 1000)));
    const response = await fetch(url);
    const store = (await response.json()) as {
      emails: {
        subject: string;
        destination: { to: string[] };
        body: { text?: string };
        attachments?: { filename?: string; contentType: string; content: string }[];
      }[];
    };
    return store.emails.map((e) => ({
      subject: e.subject,
      // A raw message's recipients are stored as its To header: "a@x, b@y".
      to: e.destination.to.flatMap((to) => to.split(",").map((a) => a.trim())),
      text: e.body.text ?? "",
      attachments: (e.attachments ?? []).map((a) => ({
        filename: a.filename ?? "",
        contentType: a.contentType,
        content: new Uint8Array(Buffer.from(a.content, "base64")),
      })),
    }));
  }

  /** How much mail the catcher holds now: a mark that `waitForMail` can look past (the store only grows). */
  async mailMark(): Promise<MailMark> {
    return { count: (await this.mail()).length };
  }

  /**
   * Waits for a mail whose subject matches, to the given address (or any address `to` matches), and returns it;
   * `since` is a time (mail sent from that whole second on) or a mark (mail caught after it, to the message).
   */
  async waitForMail(
    subject: RegExp,
    to: string | RegExp,
    timeoutMs = 10_000,
    since?: number | MailMark,
  ): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    const addressed = (m: CaughtMail) =>
      typeof to === "string" ? m.to.includes(to) : m.to.some((a) => to.test(a));
    const caught = async () =>
      typeof since === "object" ? (await this.mail()).slice(since.count) : this.mail(since);
    while (Date.now() < deadline) {
      const found = (await caught()).find((m) => subject.test(m.subject) && addressed(m));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`No mail matching ${subject} to ${to} within ${timeoutMs} ms`);
  }

  async waitForStage(statusUrl: string, stage: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = await (await fetch(statusUrl)).text();
      if (last.includes(`data-stage="${stage}"`)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `Stage ${stage} not reached; the status page says: ${/data-stage="([A-Z_]+)"/.exec(last)?.[1]}`,
    );
  }
}

export function linkIn(mail: CaughtMail, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}/[A-Za-z0-9_-]{43}`).exec(mail.text);
  if (!match) throw new Error(`No ${path} link in the mail "${mail.subject}"`);
  return match[0];
}
