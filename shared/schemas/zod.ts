/**
 * The zod every schema that runs in Lambda is built with: zod/mini, plus the English messages zod classic
 * installs by itself and mini does not. Same schemas, same parse results and messages, same JSON Schema; but
 * mini's checks are separate functions rather than methods bound onto every schema, so a cold start parses
 * and builds less: zod is ~30 KiB of a bundle instead of ~90 KiB, and the config and intake schemas take
 * ~11 ms of init instead of ~20 ms (measured as `npm run bench` does). The CDK app (infra/) keeps zod classic.
 * Import it as `import * as z from "#shared/schemas/zod.ts"`.
 */
import { en } from "zod/locales";
import { config } from "zod/mini";

config(en());

export * from "zod/mini";
