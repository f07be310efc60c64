/** The SES mail catcher (aws-ses-v2-local): viewer at /, sent mail as JSON at /store; mail kept in memory. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { assertPortFree, closeServer, type RunningServer } from "./servers.ts";

type StartMailServer = (config?: { host?: string; port?: number }) => Promise<Server>;

/** The package is CommonJS with `exports.default`; depending on the loader that is one level deeper. */
async function loadServer(): Promise<StartMailServer> {
  const mod = (await import("aws-ses-v2-local")) as { default: unknown };
  const first = mod.default as StartMailServer | { default: StartMailServer };
  return typeof first === "function" ? first : first.default;
}

export async function startMailCatcher(
  options: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  await assertPortFree(port, host);
  const start = await loadServer();
  const server = await start({ host, port });
  const address = server.address() as AddressInfo;
  return { url: `http://${host}:${address.port}`, port: address.port, close: () => closeServer(server) };
}

/** How many messages the catcher at `url` holds, and their recipients (to, cc and bcc). */
export async function caughtMail(url: string): Promise<{ emails: number; recipients: number }> {
  const response = await fetch(new URL("/store", url));
  if (!response.ok) throw new Error(`The mail catcher's store answered ${response.status}`);
  const { emails } = (await response.json()) as {
    emails: { destination: { to?: string[]; cc?: string[]; bcc?: string[] } }[];
  };
  // A raw message's recipients are stored as its header's text, "a@x, b@y": each address counts (SES bills so).
  const count = (list: string[] | undefined) =>
    (list ?? []).reduce((n, entry) => n + entry.split(",").filter((a) => a.trim()).length, 0);
  const recipients = emails.reduce(
    (sum, { destination: d }) => sum + count(d.to) + count(d.cc) + count(d.bcc),
    0,
  );
  return { emails: emails.length, recipients };
}
