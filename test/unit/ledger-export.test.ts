/**
 * The ledger export's writers: JSON Lines whose every line re-verifies as the stored event, and RFC 4180 CSV with
 * stable columns, quoting, and the guard against spreadsheet formulas.
 */
import { describe, expect, it } from "vitest";
import { chainEvent, type LedgerEvent, verifyLedger } from "#shared/domain/ledger.ts";
import {
  CSV_COLUMNS,
  csvCell,
  csvRow,
  exportPreamble,
  exportRecord,
  jsonlLine,
} from "#shared/domain/ledger-export.ts";

const P = "01KAW0000000000000000000PP";
function ledger(): LedgerEvent[] {
  const first = chainEvent(undefined, {
    partnershipId: P,
    at: "2026-12-06T09:00:00.000Z",
    actor: "partner",
    type: "IntakeSubmitted",
    data: { stage: "SUBMITTED", intakeVersion: 1, intake: { note: '=HYPERLINK("x"), "quoted"\r\nline' } },
  });
  const second = chainEvent(first, {
    partnershipId: P,
    at: "2026-12-06T09:00:01.000Z",
    actor: "system:workflow",
    type: "StageChanged",
    step: "AssessNeeds",
    data: { from: "SUBMITTED", to: "ASSESSING" },
  });
  return [first, second];
}

/** A minimal RFC 4180 reader, for the test to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe("the JSON Lines export", () => {
  it("writes one line an event, each the stored event, so the lines re-verify as the chain", () => {
    const events = ledger();
    const text = exportPreamble("jsonl") + events.map((e) => exportRecord("jsonl", e)).join("");
    const lines = text.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    const read = lines.map((l) => JSON.parse(l) as LedgerEvent);
    expect(read).toEqual(events);
    expect(verifyLedger(read)).toMatchObject({ ok: true, count: 2 });
    expect(jsonlLine(events[0] as LedgerEvent)).not.toContain("\r");
  });
});

describe("the CSV export", () => {
  it("has the stable header and one CRLF record an event, quoted where needed; reading it back re-verifies", () => {
    const events = ledger();
    const text = exportPreamble("csv") + events.map((e) => exportRecord("csv", e)).join("");
    expect(text.startsWith("partnershipId,seq,time,type,actor,step,hash,prevHash,data\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const back = rows.map((r) => {
      const [partnershipId, seq, at, type, actor, step, hash, prevHash, data] = r;
      return {
        partnershipId,
        seq: Number(seq),
        at,
        type,
        actor,
        ...(step ? { step } : {}),
        hash,
        prevHash,
        data: JSON.parse(data ?? ""),
      } as LedgerEvent;
    });
    expect(verifyLedger(back)).toMatchObject({ ok: true, count: 2 });
    expect(csvRow(events[1] as LedgerEvent)).toBe(
      `${P},2,2026-12-06T09:00:01.000Z,StageChanged,system:workflow,AssessNeeds,${events[1]?.hash},${events[0]?.hash},"{""from"":""SUBMITTED"",""to"":""ASSESSING""}"\r\n`,
    );
  });

  it("quotes commas, quotes and line breaks, and defuses cells a spreadsheet would take for a formula", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    for (const formula of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
      expect(csvCell(formula)[0]).not.toMatch(/[=+\-@\t\r]/);
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("-1")).toBe("'-1");
  });
});
