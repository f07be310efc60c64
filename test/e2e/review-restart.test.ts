/**
 * The local runtime as a real process (`infra/local/main.ts`, as `npm start` runs it), killed while one
 * partnership's review is scheduled and another's waits on the partner's self-assessment. Started again with the
 * clock moved past the scheduled day (PARTNERFLOW_CLOCK_OFFSET_DAYS): the scheduled review starts (it fell due
 * while the process was down), the emailed self-assessment link still works, and nothing runs twice.
 *
 * The kill is made to land where it once did in CI, after the self-assessment's email went but before the
 * journal recorded its task as run (the record is taken out of the journal if the process wrote it first), so
 * that the restart always runs open-step again under the same task token: the link emailed before the kill is
 * still the one that decides, and no second email goes out.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { addDays, todayIn } from "#shared/domain/calendar-dates.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER } from "./harness.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(join(tmpdir(), "partnerflow-review-restart-"));
const running: ChildProcessWithoutNullStreams[] = [];

interface Started {
  child: ChildProcessWithoutNullStreams;
  app: string;
  mail: string;
  dynamodb: string;
  output: string;
}

/** `npm start` on the shared DATA_DIR, every port chosen free; its URLs, read from what it prints. */
async function start(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(
    process.execPath,
    // tsx as a loader in this very process, not its CLI (which runs the app in a child that a SIGKILL would orphan).
    ["--import", "tsx", join(ROOT, "infra/local/main.ts")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: "0",
        DYNAMODB_PORT: "0",
        SES_PORT: "0",
        SFN_PORT: "0",
        S3_PORT: "0",
        DATA_DIR: dataDir,
        PARTNERFLOW_QUIET: "1",
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  running.push(child);
  const output = await new Promise<string>((resolveOutput, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`npm start did not come up: ${text}`)), 90_000);
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (/Press Ctrl-C to stop/.test(text)) {
        clearTimeout(timer);
        resolveOutput(text);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code}: ${text}`)));
  });
  const url = (label: string) => new RegExp(`${label}\\s+(http:\\S+)`).exec(output)?.[1] as string;
  return {
    child,
    output,
    app: url("App \\(API and pages\\)"),
    mail: url("Mail viewer"),
    dynamodb: url("DynamoDB"),
  };
}

async function kill(p: Started, signal: NodeJS.Signals): Promise<void> {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill(signal);
  await exited;
}

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** The caught mail whose subject matches, to `to`, waited for. */
async function mailTo(p: Started, subject: RegExp, to: string | RegExp, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const store = (await (await fetch(new URL("/store", p.mail))).json()) as {
      emails: { subject: string; destination: { to: string[] }; body: { text?: string } }[];
    };
    const found = store.emails.find(
      (e) =>
        subject.test(e.subject) &&
        e.destination.to.some((a) => (typeof to === "string" ? a === to : to.test(a))),
    );
    if (found) return found.body.text ?? "";
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`No mail matching ${subject} to ${to}`);
}

const pathIn = (text: string, path: string) => {
  const match = new RegExp(`https?://[^\\s/]+(${path}/[A-Za-z0-9_-]{43})`).exec(text);
  if (!match?.[1]) throw new Error(`No ${path} link in ${text}`);
  return match[1];
};

const repositoryOf = (p: Started) =>
  new DynamoDbPartnershipRepository(
    createDocumentClient(new DynamoDBClient({ endpoint: p.dynamodb })),
    "partnerflow",
  );

/** An active partnership, as the onboarding leaves one (its ledger begun). */
async function active(repository: DynamoDbPartnershipRepository, id: string, name: string, email: string) {
  const intake = makeIntake({
    organisation: { name },
    contact: { ...makeIntake().contact, email },
  });
  const at = new Date().toISOString();
  await repository.createPartnership({
    id,
    stage: "ACTIVE",
    organisationName: name,
    intake,
    intakeVersion: 1,
    assessmentRound: 1,
    submittedAt: at,
    updatedAt: at,
  });
  await repository.beginLedger({
    partnershipId: id,
    at,
    actor: "partner",
    type: "IntakeSubmitted",
    data: { stage: "SUBMITTED", intakeVersion: 1, intake: {} },
  });
}

const JOURNAL = join(dataDir, "step-functions-journal.ndjson");

/** Whether a journal line is the record that the self-assessment's task of `id`'s review has run. */
const selfAssessmentRun = (id: string) => (line: string) => {
  const record = JSON.parse(line) as { executionArn?: string; key?: string; step?: { invoked?: boolean } };
  return (
    record.executionArn?.includes(`:${id}-review-`) === true &&
    record.key?.startsWith("AwaitSelfAssessment#") === true &&
    record.step?.invoked === true
  );
};

/** Takes the record that the self-assessment's task ran out of the journal, as if the kill had come before it. */
function forgetSelfAssessmentRun(id: string): void {
  const lines = readFileSync(JOURNAL, "utf8").split("\n").filter(Boolean);
  writeFileSync(JOURNAL, lines.map((line) => (selfAssessmentRun(id)(line) ? "" : `${line}\n`)).join(""));
}

const SCHEDULED = "01KAW00000000000000000SCHD";
const WAITING = "01KAW00000000000000000WA1T";

describe("the periodic review across a restart of npm start", () => {
  it("a review scheduled while the process was down starts at the next start, once; one waiting on the partner goes on", async () => {
    const first = await start();
    const officer = /^\s+officer\s+officer@example\.org\s+(\S+)$/m.exec(first.output)?.[1] as string;
    expect(officer).toBeTruthy();
    const repository = repositoryOf(first);
    await active(repository, SCHEDULED, "Scheduled Review Society", "scheduled@example.org");
    await active(repository, WAITING, "Waiting Review Society", "waiting@example.org");
    // One review is scheduled for tomorrow (the office's day): the running process leaves it be.
    const tomorrow = addDays(todayIn(new Date(), "America/Toronto"), 1);
    await repository.setSchedule(SCHEDULED, "review", tomorrow, new Date().toISOString());
    // The other is started now, and waits on the partner's self-assessment.
    const started = await fetch(new URL(`/api/partnerships/${WAITING}/reviews`, first.app), {
      method: "POST",
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(started.status).toBe(202);
    const { round } = (await started.json()) as { round: string };
    const link = pathIn(
      await mailTo(first, /Time to review the Waiting Review Society/, "waiting@example.org"),
      "/review",
    );
    // Killed once its email is recorded as sent (the ledger's EmailSent), and before the journal says it ran.
    const selfAssessmentEmails = async (r: DynamoDbPartnershipRepository) =>
      (await r.listEvents(WAITING)).filter(
        (e) => e.type === "EmailSent" && e.data.template === "review-self-assessment",
      );
    await expect.poll(async () => (await selfAssessmentEmails(repository)).length).toBe(1);

    await kill(first, "SIGKILL");
    forgetSelfAssessmentRun(WAITING);

    // Two days on, it starts again on the same data.
    const second = await start({ PARTNERFLOW_CLOCK_OFFSET_DAYS: "2" });
    try {
      const again = repositoryOf(second);
      // The review that fell due while it was down starts at once (the partner is asked).
      await mailTo(second, /Time to review the Scheduled Review Society/, "scheduled@example.org");
      // The self-assessment's task ran again (the journal records it as run once more), under the same token.
      await expect
        .poll(
          () => readFileSync(JOURNAL, "utf8").split("\n").filter(Boolean).some(selfAssessmentRun(WAITING)),
          {
            timeout: 30_000,
          },
        )
        .toBe(true);
      // The link emailed before the restart works: the partner sends the self-assessment, an officer is asked.
      const page = await fetch(new URL(link, second.app));
      expect(page.status).toBe(200);
      const sent = await fetch(new URL(link, second.app), {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: new URL(second.app).origin,
        },
        body: new URLSearchParams({
          action: "send",
          "o0.rating": "partly",
          "o0.evidence": "Two of four events held",
        }).toString(),
      });
      expect(sent.status).toBe(200);
      await mailTo(second, /periodic review of Waiting Review Society/, ANY_OFFICER);

      const begun = async (id: string) =>
        (await again.listEvents(id)).filter((e) => e.type === "ReviewStarted").map((e) => e.data);
      expect(await begun(SCHEDULED)).toEqual([{ round: tomorrow, startedBy: "schedule" }]);
      expect(await begun(WAITING)).toEqual([{ round, startedBy: "officer@example.org" }]);
      // No review left to fire (the vetting's own schedules, for its evidence's expiry, aside).
      expect((await again.listDueSchedules("2099-12-31", 10)).filter((s) => s.kind === "review")).toEqual([]);
      expect((await again.getPartnership(SCHEDULED))?.stage).toBe("IN_REVIEW");
      // Nothing was asked twice: one self-assessment request each, and one email of the waiting one's link.
      for (const id of [SCHEDULED, WAITING])
        expect(
          (await again.listEvents(id)).filter((e) => e.type === "SelfAssessmentRequested"),
          id,
        ).toHaveLength(1);
      expect(await selfAssessmentEmails(again)).toHaveLength(1);
      await expect(
        mailTo(second, /Time to review the Waiting Review Society/, "waiting@example.org", 1000),
      ).rejects.toThrow(/No mail/);
    } finally {
      await kill(second, "SIGTERM");
    }
  }, 240_000);
});
