/**
 * The local S3 endpoint (s3rver): objects on disk under `<dataDir>/s3`, path-style URLs, the template's tagged
 * buckets created before the first request is served. Presigned links open in a browser on this machine.
 *
 * s3rver (Koa, winston and the rest) takes ~150 ms to load, a tenth of `npm start`: so the port listens at
 * once and s3rver is loaded, and the buckets made, when the first request comes.
 */
import { mkdirSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { s3Operation } from "./s3-operations.ts";
import { listen, type RunningServer } from "./servers.ts";

export interface LocalS3Options {
  /** s3rver keeps its buckets in `<dataDir>/s3`. */
  readonly dataDir: string;
  /** Buckets to create if they are not there yet. */
  readonly buckets: readonly string[];
  /** The access key the handlers sign with; s3rver knows only the keys it is told of. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly port?: number;
  readonly host?: string;
  /** Told the S3 operation of every request (the usage meter counts them while it measures). */
  readonly onRequest?: (operation: string) => void;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * s3rver checks that a request's access key is one it knows, and a presigned link's expiry; it does not check
 * SigV4 signatures themselves (it has no SigV4 check), so a tampered link is not refused locally.
 */
async function loadS3rver(options: LocalS3Options, directory: string): Promise<RequestListener> {
  const [{ default: S3rver }, { default: account }] = await Promise.all([
    import("s3rver"),
    import("s3rver/lib/models/account.js"),
  ]);
  account.DUMMY_ACCOUNT.createKeyPair(options.accessKeyId, options.secretAccessKey);
  const s3rver = new S3rver({
    directory,
    silent: true,
    // Buckets by path (http://127.0.0.1:port/bucket/key): a bucket-named host would not resolve locally.
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  await s3rver.configureBuckets();
  return s3rver.callback();
}

export async function startS3(options: LocalS3Options): Promise<RunningServer> {
  const directory = join(options.dataDir, "s3");
  mkdirSync(directory, { recursive: true });
  let loading: Promise<RequestListener> | undefined;
  const server = createServer((req, res) => {
    if (options.onRequest)
      options.onRequest(
        s3Operation({
          method: req.method ?? "GET",
          url: req.url ?? "/",
          copySource: req.headers["x-amz-copy-source"] !== undefined,
        }),
      );
    loading ??= loadS3rver(options, directory);
    loading.then(
      (handle) => handle(req, res),
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`The local S3 endpoint could not start: ${error instanceof Error ? error.message : error}`);
      },
    );
  });
  return listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
}
