/**
 * The auditor's export of every event of every partnership (GET /api/audit/export, and the console's download).
 *
 * An HTTP API cannot stream a Lambda's answer and caps it at 6 MB, so the export is written to the evidence
 * bucket's `exports/` folder (encrypted with its key; a lifecycle rule deletes it after a day) and the caller is
 * sent a presigned link valid five minutes. The table is read a partnership at a time (its anchored head from
 * the byStage index, then its ledger), a few at once, in the order of their ids; each partnership's events in
 * order. The file is built in memory before the one put: about 1 KB an event, so a function's memory bounds it
 * (a million events in about 1 GB); a multipart upload would lift that.
 */
import { randomBytes } from "node:crypto";
import {
  EXPORT_CONTENT_TYPES,
  type ExportFormat,
  exportPreamble,
  exportRecord,
} from "../domain/ledger-export.ts";
import type { EvidenceStore } from "../ports/evidence-store.ts";
import type { Needs } from "./dependencies.ts";

/** How long the export's link works. */
export const EXPORT_LINK_TTL_SECONDS = 300;
/** How many partnerships' ledgers are read at once. */
const READ_AT_ONCE = 8;

export interface LedgerExport {
  /** Where the file is, in the evidence bucket. */
  key: string;
  /** The presigned GET link to it. */
  url: string;
  partnerships: number;
  events: number;
  bytes: number;
}

/** Writes the export in `format` to `exports/` and answers its link with what it holds. */
export async function exportLedger(
  deps: Needs<"repository" | "clock"> & { documents: EvidenceStore },
  format: ExportFormat,
): Promise<LedgerExport> {
  const now = deps.clock.now();
  const ids = (await deps.repository.listLedgerHeads()).map((h) => h.partnershipId).sort();
  const chunks: string[] = [exportPreamble(format)];
  let events = 0;
  for (let i = 0; i < ids.length; i += READ_AT_ONCE) {
    const ledgers = await Promise.all(
      ids.slice(i, i + READ_AT_ONCE).map((id) => deps.repository.listEvents(id)),
    );
    for (const ledger of ledgers)
      for (const event of ledger) {
        chunks.push(exportRecord(format, event));
        events++;
      }
  }
  const bytes = Buffer.from(chunks.join(""), "utf8");
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  // A random part, so that two exports in the same millisecond never meet (the put is once-only).
  const key = `exports/ledger-${stamp}-${randomBytes(8).toString("hex")}.${format}`;
  const contentType = EXPORT_CONTENT_TYPES[format];
  await deps.documents.put(key, bytes, contentType);
  const url = await deps.documents.signedUrl(key, {
    ttlSeconds: EXPORT_LINK_TTL_SECONDS,
    downloadName: `partnerflow-ledger-${now.toISOString().slice(0, 10)}.${format}`,
    contentType,
  });
  return { key, url, partnerships: ids.length, events, bytes: bytes.byteLength };
}
