/**
 * Each email sent about a partnership is an EmailSent event of its ledger, appended once the email is out: its
 * template and recipients by role and salted hash, never the address, the subject or the link. A failed send
 * records nothing; a failed append is logged and fails nothing; a ledger not begun is left empty.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { recipientHash } from "#shared/domain/recipient-hash.ts";
import { describeEvent } from "#shared/events/registry.ts";
import type { EmailMessage } from "#shared/ports/mailer.ts";
import { sendRecorded } from "#shared/services/sent-emails.ts";
import { draft, P, partnership } from "../contract/repository-fixtures.ts";
import { captureLog } from "../fixtures/captured-log.ts";

const logged = captureLog();
const clock = { now: () => new Date("2026-12-06T09:00:00.000Z") };
const mail: EmailMessage = {
  to: ["Priya.Raman@Harbourview.example"],
  subject: "Decision needed: intake review for Harbourview Supplies",
  text: "Open https://partners.example.org/decisions/intake-review/SECRETTOKENSECRETTOKENSECRETTOKENSECRETTOK",
  html: "<p>…</p>",
  attachments: [
    { filename: "agreement-v1.pdf", contentType: "application/pdf", content: new Uint8Array([1]) },
  ],
};
const record = {
  partnershipId: P,
  template: "intake-review",
  role: "officer",
  actor: "system:workflow",
} as const;
let repository: InMemoryPartnershipRepository;

beforeEach(async () => {
  repository = new InMemoryPartnershipRepository();
  await repository.createPartnership(partnership(P));
  await repository.beginLedger(draft("IntakeSubmitted"));
});

describe("sendRecorded", () => {
  it("sends, then appends EmailSent: template, role and salted address hash, attachments; no address, subject or link", async () => {
    const sent: EmailMessage[] = [];
    await sendRecorded({ repository, clock, mailer: { send: async (m) => void sent.push(m) } }, mail, {
      ...record,
      step: "AwaitOfficerDecision",
    });
    expect(sent).toEqual([mail]);
    const events = await repository.listEvents(P);
    expect(verifyLedger(events)).toMatchObject({ ok: true, count: 2 });
    expect(events[1]).toMatchObject({
      seq: 2,
      type: "EmailSent",
      actor: "system:workflow",
      step: "AwaitOfficerDecision",
      at: "2026-12-06T09:00:00.000Z",
      data: {
        template: "intake-review",
        recipients: [{ role: "officer", addressSha256: recipientHash(P, "priya.raman@harbourview.example") }],
        attachments: ["agreement-v1.pdf"],
      },
    });
    const stored = JSON.stringify(events[1]).toLowerCase();
    for (const secret of ["priya.raman", "harbourview supplies", "secrettoken", "/decisions/"])
      expect(stored).not.toContain(secret);
    expect(describeEvent(events[1] ?? { type: "", data: {} })).toBe(
      "Email “intake-review” sent to officer with agreement-v1.pdf",
    );
  });

  it("salts the hash with the partnership: the same address hashes differently in another one", () => {
    expect(recipientHash(P, "a@example.org")).toBe(recipientHash(P, " A@Example.org"));
    expect(recipientHash(P, "a@example.org")).not.toBe(recipientHash("01OTHER", "a@example.org"));
  });

  it("records nothing when the send fails, and throws", async () => {
    const failing = {
      send: async () => {
        throw new Error("SES refused");
      },
    };
    await expect(sendRecorded({ repository, clock, mailer: failing }, mail, record)).rejects.toThrow(
      "SES refused",
    );
    expect((await repository.listEvents(P)).map((e) => e.type)).toEqual(["IntakeSubmitted"]);
  });

  it("a failed append is logged by partnership and template (no address) and does not fail the sender", async () => {
    const sent: EmailMessage[] = [];
    const broken = Object.assign(Object.create(repository) as InMemoryPartnershipRepository, {
      appendEventIfBegun: async () => {
        throw Object.assign(new Error("throttled"), { name: "ProvisionedThroughputExceededException" });
      },
    });
    await sendRecorded(
      { repository: broken, clock, mailer: { send: async (m) => void sent.push(m) } },
      mail,
      record,
    );
    expect(sent).toHaveLength(1);
    expect((await repository.listEvents(P)).map((e) => e.type)).toEqual(["IntakeSubmitted"]);
    expect(logged().map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: "warn",
        message: "could not record a sent email in the ledger",
        partnershipId: P,
        template: "intake-review",
        error: "ProvisionedThroughputExceededException",
      }),
    ]);
    expect(logged().join("\n")).not.toMatch(/priya/i);
  });

  it("never begins a ledger: with no IntakeSubmitted yet, it appends nothing and logs the partnership and template", async () => {
    const Q = "01KAW0000000000000000000QQ";
    await repository.createPartnership(partnership(Q));
    const sent: EmailMessage[] = [];
    await sendRecorded({ repository, clock, mailer: { send: async (m) => void sent.push(m) } }, mail, {
      ...record,
      partnershipId: Q,
    });
    expect(sent).toHaveLength(1);
    expect(await repository.listEvents(Q)).toEqual([]);
    // The intake's event can still begin it.
    expect(await repository.beginLedger({ ...draft("IntakeSubmitted"), partnershipId: Q })).toBe(true);
    expect(logged().map((line) => JSON.parse(line))).toEqual([
      {
        level: "warn",
        message: "did not record a sent email: the partnership's ledger has not begun",
        partnershipId: Q,
        template: "intake-review",
        time: expect.any(String),
      },
    ]);
    expect(logged().join("\n")).not.toMatch(/priya/i);
  });
});
