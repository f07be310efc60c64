#!/usr/bin/env node
// npx partnerflow verify <packet.json> [--key <pem>]: the offline verifier (infra/tools/partnerflow-cli.ts).
import { register } from "tsx/esm/api";

register();
const { run } = await import("../infra/tools/partnerflow-cli.ts");
process.exitCode = run(process.argv.slice(2));
