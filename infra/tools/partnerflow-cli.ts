/**
 * `npx partnerflow verify <packet.json> [--key <public-key.pem>]`: checks an audit packet offline, with no AWS
 * and no server (shared/domain/audit-packet.ts). Exit 0 and `OK` with the counts, or exit 1 naming the first
 * thing that fails: an event by its sequence number, the checkpoint's signature, its proof, a document's hash.
 * `--key` is a public key the auditor already holds (GET /api/audit/checkpoints, or the office's record): then
 * the packet's own key is not trusted, so a packet cannot vouch for itself.
 */
import { readFileSync } from "node:fs";
import { type AuditPacket, verifyPacket } from "../../shared/domain/audit-packet.ts";

const USAGE = "Usage: npx partnerflow verify <packet.json> [--key <public-key.pem>]";

export function run(argv: readonly string[], print: (line: string) => void = console.log): number {
  const [command, file, ...rest] = argv;
  if (command !== "verify" || !file) {
    print(USAGE);
    return 2;
  }
  let key: string | undefined;
  if (rest.length > 0) {
    if (rest[0] !== "--key" || !rest[1] || rest.length > 2) {
      print(USAGE);
      return 2;
    }
    key = readFileSync(rest[1], "utf8");
  }
  let packet: AuditPacket;
  try {
    packet = JSON.parse(readFileSync(file, "utf8")) as AuditPacket;
  } catch (error) {
    print(`FAILED: ${file} is not a readable JSON file (${error instanceof Error ? error.message : error})`);
    return 1;
  }
  let result: ReturnType<typeof verifyPacket>;
  try {
    result = verifyPacket(packet, key);
  } catch (error) {
    // A field missing or of the wrong kind: the packet is not one this verifier can read.
    print(`FAILED: the packet is malformed (${error instanceof Error ? error.message : error})`);
    return 1;
  }
  if (!result.ok) {
    print(`FAILED: ${result.failure}`);
    return 1;
  }
  print(
    `OK: partnership ${packet.partnershipId}: ${result.events} events, chain verified to event ${result.headSeq}; ` +
      (result.checkpoint === null
        ? "no checkpoint holds it yet (nothing in it is signed: give --key once one does)"
        : `in checkpoint ${result.checkpoint} to event ${result.checkpointedSeq}, signature checked with ${result.key}, proof verified` +
          (result.checkpointedSeq !== null && result.checkpointedSeq < result.headSeq
            ? ` (events ${result.checkpointedSeq + 1}–${result.headSeq} are newer than the checkpoint: checked by the chain alone)`
            : "")) +
      `; ${result.documents} documents named` +
      (result.inline > 0 ? `, ${result.inline} inline with their SHA-256 checked against the ledger` : ""),
  );
  return 0;
}
