import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { FileJournal, JOURNAL_FILE } from "../../infra/local/file-journal.ts";
import type { JournalExecution } from "../../infra/local/journal.ts";
import type { LogFields, Logger } from "../../infra/local/log.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "partnerflow-file-journal-"));
  dirs.push(dir);
  return dir;
}

function recordingLogger(): { log: Logger; lines: { level: string; message: string; fields?: LogFields }[] } {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  return {
    lines,
    log: (level, message, fields) => lines.push({ level, message, ...(fields ? { fields } : {}) }),
  };
}

const arn = (name: string) => `arn:aws:states:eu-west-1:000000000000:execution:onboarding:${name}`;
const MACHINE = "arn:aws:states:eu-west-1:000000000000:stateMachine:onboarding";
const start = (name: string, startDate = new Date("2025-03-01T10:00:00.000Z")) => ({
  executionArn: arn(name),
  stateMachineArn: MACHINE,
  name,
  input: JSON.stringify({ partnershipId: name }),
  startDate,
});

const lines = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean);
const kinds = (path: string) => lines(path).map((line) => (JSON.parse(line) as { kind: string }).kind);

/** Counts the appends on any FileHandle (and lets a test act while one is in flight). */
async function spyOnAppends(duringFirst?: () => void): Promise<string[]> {
  const probe = await open(join(freshDir(), "probe"), "w");
  const proto = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
  const original = proto.appendFile;
  const texts: string[] = [];
  vi.spyOn(proto, "appendFile").mockImplementation(function (this: FileHandle, data, options) {
    texts.push(String(data));
    if (texts.length === 1) duringFirst?.();
    return original.call(this, data, options);
  });
  return texts;
}

describe("FileJournal", () => {
  it("lives in the data directory", () => {
    const dir = freshDir();
    expect(FileJournal.inDataDir(dir).path).toBe(join(dir, "step-functions-journal.ndjson"));
    expect(JOURNAL_FILE).toBe("step-functions-journal.ndjson");
  });

  it("round-trips executions: Dates as Dates, outcomes and callbacks as Maps, ended ones without steps", async () => {
    const dir = freshDir();
    const journal = FileJournal.inDataDir(dir);
    await journal.started(start("A"));
    await journal.step(arn("A"), "AssessIntake#1", { kind: "result", value: { score: 3, tags: ["x"] } });
    await journal.step(arn("A"), "Notify#1", { kind: "error", error: "Mail.Down", cause: "smtp said no" });
    await journal.step(arn("A"), "AwaitOfficerDecision#1", {
      kind: "callback",
      token: "tok-1",
      deadline: 1_740_000_000_000,
      invoked: false,
    });
    // A later write for the same callback replaces the earlier one; the outcome under the same key is separate.
    await journal.step(arn("A"), "AwaitOfficerDecision#1", {
      kind: "callback",
      token: "tok-1",
      deadline: 1_740_000_000_000,
      invoked: true,
    });
    await journal.step(arn("A"), "AwaitOfficerDecision#1", { kind: "result", value: { outcome: "approve" } });
    await journal.started(start("B", new Date("2025-03-02T08:30:00.250Z")));
    await journal.step(arn("B"), "AssessIntake#1", { kind: "result", value: 1 });
    await journal.finished(arn("B"), {
      status: "FAILED",
      error: "States.TaskFailed",
      cause: "boom",
      stopDate: new Date("2025-03-02T08:31:00.000Z"),
    });
    await journal.close();

    const loaded = await FileJournal.inDataDir(dir).load();
    expect(loaded).toEqual([
      {
        ...start("A"),
        status: "RUNNING",
        outcomes: new Map([
          ["AssessIntake#1", { kind: "result", value: { score: 3, tags: ["x"] } }],
          ["Notify#1", { kind: "error", error: "Mail.Down", cause: "smtp said no" }],
          ["AwaitOfficerDecision#1", { kind: "result", value: { outcome: "approve" } }],
        ]),
        callbacks: new Map([
          [
            "AwaitOfficerDecision#1",
            { kind: "callback", token: "tok-1", deadline: 1_740_000_000_000, invoked: true },
          ],
        ]),
      },
      {
        ...start("B", new Date("2025-03-02T08:30:00.250Z")),
        status: "FAILED",
        error: "States.TaskFailed",
        cause: "boom",
        stopDate: new Date("2025-03-02T08:31:00.000Z"),
        outcomes: new Map(),
        callbacks: new Map(),
      },
    ]);
    const [a, b] = loaded as [JournalExecution, JournalExecution];
    expect(a.startDate).toBeInstanceOf(Date);
    expect(a.outcomes).toBeInstanceOf(Map);
    expect(a.callbacks).toBeInstanceOf(Map);
    expect(a.stopDate).toBeUndefined();
    expect("output" in a).toBe(false);
    expect(b.stopDate).toBeInstanceOf(Date);
    expect(b.stopDate?.toISOString()).toBe("2025-03-02T08:31:00.000Z");
  });

  it("an empty or missing journal loads as no executions", async () => {
    const journal = FileJournal.inDataDir(join(freshDir(), "not", "yet"));
    expect(await journal.load()).toEqual([]);
    await journal.started(start("A")); // creates the directory on the first write
    expect(await journal.load()).toHaveLength(1);
    await journal.close();
  });

  it("group commit: records written in the same tick share one append, all on disk when the first resolves", async () => {
    const dir = freshDir();
    const journal = FileJournal.inDataDir(dir);
    await journal.started(start("A"));
    const appends = await spyOnAppends();

    const writes = Array.from({ length: 50 }, (_, i) =>
      journal.step(arn("A"), `Task#${i + 1}`, { kind: "result", value: i }),
    );
    await Promise.race(writes);
    // The first caller to hear back finds every record of its batch already in the file.
    expect(lines(journal.path)).toHaveLength(51);
    await Promise.all(writes);
    expect(appends).toHaveLength(1);
    expect(appends[0]?.split("\n").filter(Boolean)).toHaveLength(50);
    await journal.close();
  });

  it("group commit: records queued while an append is in flight go together in the next one", async () => {
    const dir = freshDir();
    const journal = FileJournal.inDataDir(dir);
    await journal.started(start("A"));
    const late: Promise<void>[] = [];
    const appends = await spyOnAppends(() => {
      for (let i = 0; i < 20; i++)
        late.push(journal.step(arn("A"), `Late#${i + 1}`, { kind: "result", value: i }));
    });

    await journal.step(arn("A"), "First#1", { kind: "result", value: "first" });
    await Promise.all(late);
    expect(late).toHaveLength(20);
    expect(appends).toHaveLength(2);
    expect(appends[1]?.split("\n").filter(Boolean)).toHaveLength(20);
    await journal.close();
    const [a] = await FileJournal.inDataDir(dir).load();
    expect(a?.outcomes.size).toBe(21);
  });

  it("a failed append rejects every caller of its batch; later records start on a new line", async () => {
    const dir = freshDir();
    const journal = FileJournal.inDataDir(dir);
    await journal.started(start("A"));
    const probe = await open(join(freshDir(), "probe"), "w");
    const proto = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const original = proto.appendFile;
    // The disk fills up part-way through the batch: a fragment of its first record is in the file.
    vi.spyOn(proto, "appendFile").mockImplementationOnce(async function (this: FileHandle, data) {
      await original.call(this, String(data).slice(0, 30), "utf8");
      throw Object.assign(new Error("no space"), { code: "ENOSPC" });
    });

    const failed = [1, 2, 3].map((i) => journal.step(arn("A"), `Fails#${i}`, { kind: "result", value: i }));
    for (const write of failed) await expect(write).rejects.toThrow("no space");
    await journal.step(arn("A"), "Works#1", { kind: "result", value: "ok" });
    await journal.close();
    const { log, lines: logged } = recordingLogger();
    const [a] = await FileJournal.inDataDir(dir, { log }).load();
    expect([...(a?.outcomes.keys() ?? [])]).toEqual(["Works#1"]);
    expect(logged).toEqual([expect.objectContaining({ level: "warn", fields: { lines: 1 } })]);
  });

  it("ignores a torn last line (a crash mid-write) with a warning, and appends cleanly after it", async () => {
    const dir = freshDir();
    const first = FileJournal.inDataDir(dir);
    await first.started(start("A"));
    await first.step(arn("A"), "AssessIntake#1", { kind: "result", value: "kept" });
    await first.close();
    // The crash: half of a record, no newline.
    appendFileSync(first.path, '{"kind":"step","executionArn":"arn:aws:states:eu-west-1:000000000000:exec');

    const { log, lines: logged } = recordingLogger();
    const second = FileJournal.inDataDir(dir, { log });
    const [a, ...rest] = await second.load();
    expect(rest).toEqual([]);
    expect([...(a?.outcomes ?? [])]).toEqual([["AssessIntake#1", { kind: "result", value: "kept" }]]);
    expect(logged).toEqual([
      expect.objectContaining({ level: "warn", message: expect.stringMatching(/torn/) }),
    ]);

    await second.step(arn("A"), "Notify#1", { kind: "result", value: "after" });
    await second.close();
    const third = recordingLogger();
    const [again] = await FileJournal.inDataDir(dir, { log: third.log }).load();
    expect([...(again?.outcomes.keys() ?? [])]).toEqual(["AssessIntake#1", "Notify#1"]);
    expect(third.lines).toEqual([]);
  });

  it("skips records of unknown kinds and unreadable lines, and keeps the rest", async () => {
    const dir = freshDir();
    const journal = FileJournal.inDataDir(dir);
    await journal.started(start("A"));
    await journal.close();
    appendFileSync(
      journal.path,
      [
        JSON.stringify({ kind: "from-the-future", executionArn: arn("A"), whatever: 1 }),
        "not json at all",
        JSON.stringify({ kind: "step", executionArn: arn("A"), key: "Bad#1", step: { kind: "nonsense" } }),
        JSON.stringify({ kind: "started", executionArn: arn("B"), name: "B" }), // fields missing
        JSON.stringify({
          kind: "step",
          executionArn: arn("A"),
          key: "Good#1",
          step: { kind: "result", value: 7 },
        }),
        "",
      ].join("\n"),
    );
    const { log, lines: logged } = recordingLogger();
    const loaded = await FileJournal.inDataDir(dir, { log }).load();
    expect(loaded.map((e) => e.name)).toEqual(["A"]);
    expect([...(loaded[0]?.outcomes ?? [])]).toEqual([["Good#1", { kind: "result", value: 7 }]]);
    expect(logged).toEqual([
      expect.objectContaining({ level: "warn", fields: { lines: 3 } }),
      expect.objectContaining({ level: "warn", fields: { records: 1 } }),
    ]);
  });

  it("compacts on load: one snapshot per execution, a smaller file, the same executions", async () => {
    const dir = freshDir();
    const journal = FileJournal.inDataDir(dir);
    for (const name of ["Ended", "Waiting", "JustStarted"]) await journal.started(start(name));
    for (let i = 1; i <= 20; i++) {
      await journal.step(arn("Ended"), `Task#${i}`, {
        kind: "result",
        value: { i, padding: "x".repeat(50) },
      });
      await journal.step(arn("Waiting"), `Retry#${i}`, { kind: "error", error: "E", cause: "c" });
    }
    await journal.step(arn("Waiting"), "Await#1", { kind: "callback", token: "t", invoked: true });
    await journal.finished(arn("Ended"), {
      status: "SUCCEEDED",
      output: '{"ok":true}',
      stopDate: new Date("2025-03-01T11:00:00.000Z"),
    });
    await journal.close();
    const before = statSync(journal.path).size;
    expect(lines(journal.path)).toHaveLength(45);

    const loaded = await FileJournal.inDataDir(dir).load();
    const after = statSync(journal.path).size;
    expect(after).toBeLessThan(before);
    expect(kinds(journal.path)).toEqual(["execution", "execution", "execution"]);
    expect(loaded.map((e) => [e.name, e.status, e.outcomes.size, e.callbacks.size])).toEqual([
      ["Ended", "SUCCEEDED", 0, 0],
      ["Waiting", "RUNNING", 20, 1],
      ["JustStarted", "RUNNING", 0, 0],
    ]);
    // The snapshot loads back to the very same executions, and no temporary file is left behind.
    expect(await FileJournal.inDataDir(dir).load()).toEqual(loaded);
    expect(statSync(journal.path).size).toBe(after);
    expect(readdirSync(dir)).toEqual([JOURNAL_FILE]);
  });

  it("records written after a load are appended to the compacted file", async () => {
    const dir = freshDir();
    const journal = FileJournal.inDataDir(dir);
    await journal.started(start("A"));
    await journal.step(arn("A"), "One#1", { kind: "result", value: 1 });
    expect(await journal.load()).toHaveLength(1);
    await journal.step(arn("A"), "Two#1", { kind: "result", value: 2 });
    await journal.finished(arn("A"), { status: "ABORTED", error: "Withdrawn", stopDate: new Date() });
    await journal.close();
    expect(kinds(journal.path)).toEqual(["execution", "step", "finished"]);
    const [a] = await FileJournal.inDataDir(dir).load();
    expect(a).toMatchObject({ status: "ABORTED", error: "Withdrawn" });
  });

  it("a load waits for the records queued before it", async () => {
    const journal = FileJournal.inDataDir(freshDir());
    void journal.started(start("A"));
    void journal.step(arn("A"), "One#1", { kind: "result", value: 1 });
    const [a] = await journal.load();
    expect(a?.outcomes.get("One#1")).toEqual({ kind: "result", value: 1 });
    await journal.close();
  });

  it("close writes what is queued, then refuses further records", async () => {
    const dir = freshDir();
    const journal = FileJournal.inDataDir(dir);
    const queued = [
      journal.started(start("A")),
      journal.step(arn("A"), "One#1", { kind: "result", value: 1 }),
    ];
    await journal.close();
    await Promise.all(queued);
    expect(kinds(journal.path)).toEqual(["started", "step"]);
    await expect(journal.step(arn("A"), "Two#1", { kind: "result", value: 2 })).rejects.toThrow(/closed/);
    expect(lines(journal.path)).toHaveLength(2);
  });

  it("a snapshot with bad fields is skipped rather than loaded half", async () => {
    const dir = freshDir();
    const path = join(dir, JOURNAL_FILE);
    writeFileSync(
      path,
      `${JSON.stringify({ kind: "execution", ...start("A"), startDate: "yesterday", status: "RUNNING", outcomes: [], callbacks: [] })}\n`,
    );
    expect(await FileJournal.inDataDir(dir).load()).toEqual([]);
  });
});
