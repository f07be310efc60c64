/** The part of s3rver (CommonJS, untyped) that the local runtime uses. */
declare module "s3rver" {
  import type { IncomingMessage, Server, ServerResponse } from "node:http";

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    /** Creates the configured buckets that are not there yet (run() does it before listening). */
    configureBuckets(): Promise<void>;
    /** Koa's request listener: the app without a server of its own. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    httpServer?: Server;
  }
  export default S3rver;
}

declare module "s3rver/lib/models/account.js" {
  interface AWSAccount {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }
  const account: { DUMMY_ACCOUNT: AWSAccount };
  export default account;
}
