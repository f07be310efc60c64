/**
 * The ledger export's two formats, one event at a time (GET /api/audit/export): JSON Lines, one event a line as
 * stored (each line re-verifies with verifyLedger, the partnership's lines in order), and CSV (RFC 4180) with
 * stable columns, `data` as canonical JSON. Pure.
 */
import { canonicalJson } from "./canonical-json.ts";
import type { LedgerEvent } from "./ledger.ts";

export const EXPORT_FORMATS = ["jsonl", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The CSV's columns, in order; `time` is the event's `at`, `step` empty when it has none. */
export const CSV_COLUMNS = [
  "partnershipId",
  "seq",
  "time",
  "type",
  "actor",
  "step",
  "hash",
  "prevHash",
  "data",
] as const;

/** What each format's file is served as. */
export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  jsonl: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
};

/** The event as one JSON line, its keys in canonical order (the same JSON its hash is over, plus the hash). */
export function jsonlLine(event: LedgerEvent): string {
  return `${canonicalJson(event)}\n`;
}

/**
 * A CSV cell: quoted when it holds a quote, comma or line break (quotes doubled, RFC 4180); a cell that a
 * spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return) is prefixed with a
 * single quote first (OWASP's guard against CSV injection). No cell of a valid event starts so (ids, types,
 * hashes, ISO times, `data` starting with `{`), so the guard changes nothing verifiable.
 */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** The header line. */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\r\n`;
}

/** The event as one CSV record (CRLF-terminated, as RFC 4180 has it). */
export function csvRow(event: LedgerEvent): string {
  const cells = [
    event.partnershipId,
    String(event.seq),
    event.at,
    event.type,
    event.actor,
    event.step ?? "",
    event.hash,
    event.prevHash,
    canonicalJson(event.data),
  ];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The file's beginning, before any event: the CSV's header, nothing for JSON Lines. */
export function exportPreamble(format: ExportFormat): string {
  return format === "csv" ? csvHeader() : "";
}

/** One event in the format. */
export function exportRecord(format: ExportFormat, event: LedgerEvent): string {
  return format === "csv" ? csvRow(event) : jsonlLine(event);
}
