/**
 * The agreement's two tasks as handlers: issue-agreement renders the terms set last to a PDF, stores it under
 * its hash and records the version; complete-agreement stores the completion certificate, records the
 * completion and emails both parties the two PDFs. The exact SDK calls, on a ledger read from the table.
 */
import { createHash } from "node:crypto";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler as complete } from "#functions/complete-agreement/handler.ts";
import { handler as issue } from "#functions/issue-agreement/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import { chainEvent, type EventDraft, type LedgerEvent } from "#shared/domain/ledger.ts";
import { ledgerHeadFromPuts } from "../fixtures/anchor.ts";
import { lambdaContext } from "../fixtures/http-event.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const ses = mockClient(SESClient);
const P = "01KAW0000000000000000000PP";
const BUCKET = "partnerflow-evidence-test";
/** A GetObject body as the SDK gives it: read once, as bytes. */
const stream = (bytes: Uint8Array) => ({ transformToByteArray: async () => bytes }) as never;
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const TERMS = {
  divisionOfServices: {
    office: "The office matches students to placements.",
    partner: "The partner hosts two students a term.",
  },
  expectedOutcomes: "Students gain workplace experience.",
  financialResponsibility: "Each party bears its own costs.",
  startDate: "2030-01-06",
  termMonths: 12,
  reviewCadenceMonths: 12,
  referralProtocol: "Referrals go through the guidance office.",
  communicationProtocol: "Named contacts meet once a term.",
  terminationNoticeDays: 30,
};

function ledger(drafts: Omit<EventDraft, "partnershipId">[]): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const draft of drafts) events.push(chainEvent(events.at(-1), { partnershipId: P, ...draft }));
  return events;
}

const TERMS_SET = {
  at: "2026-12-01T10:00:00.000Z",
  actor: "officer:officer@example.org",
  type: "AgreementTermsSet" as const,
  step: "AwaitAgreementTerms",
  data: {
    kind: "agreement-terms",
    decisionId: "T1",
    outcome: "issue",
    comment: "",
    details: { templateVersion: "2026-12-v1", terms: TERMS },
  },
};

/** The partnership in SIGNING and its ledger, as one query of its items returns them. */
function givenRecord(events: LedgerEvent[]) {
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb
    .on(QueryCommand, {
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `PARTNERSHIP#${P}` },
    })
    .resolves({ Items: [...events.map(eventItem), partnershipItem(P, { stage: "SIGNING" })] });
  ledgerHeadFromPuts(ddb, events);
}

/** Events appended by a task, as the next read of the ledger finds them (chained after `before`). */
function completedAs(events: LedgerEvent[]): Omit<EventDraft, "partnershipId">[] {
  return events.map(({ at, actor, type, step, data }) => ({ at, actor, type, step, data }));
}

const appended = () =>
  ddb
    .commandCalls(PutCommand)
    .map((c) => JSON.parse(String(c.args[0].input.Item?.body)) as LedgerEvent)
    .filter((e) => e.type !== undefined);

beforeEach(() => {
  ddb.reset();
  s3.reset();
  ses.reset();
  ddb.on(PutCommand).resolves({});
});

describe("issue-agreement", () => {
  it("renders the terms as version 1's PDF, stores it under its hash, and records the version once", async () => {
    givenRecord(ledger([TERMS_SET]));
    s3.on(PutObjectCommand).resolves({});
    const out = await issue({ partnershipId: P, step: "IssueAgreementForSigning" }, lambdaContext);
    const [put] = s3.commandCalls(PutObjectCommand);
    const input = put?.args[0].input;
    const body = input?.Body as Uint8Array;
    expect(input).toMatchObject({
      Bucket: BUCKET,
      Key: `agreements/${P}/v1-${sha(body)}.pdf`,
      ContentType: "application/pdf",
      IfNoneMatch: "*",
    });
    expect(Buffer.from(body.slice(0, 5)).toString()).toBe("%PDF-");
    expect(out).toEqual({ partnershipId: P, version: 1, sha256: sha(body) });
    expect(appended().map((e) => [e.type, e.data.version, e.data.sha256, e.data.termsDecisionId])).toEqual([
      ["AgreementIssued", 1, sha(body), "T1"],
    ]);
    // What it was rendered with, so that its page shows the PDF's text whatever the configuration says later.
    expect(appended()[0]?.data).toMatchObject({
      issuedAt: TERMS_SET.at,
      officeName: "Test Partnerships Office",
      timeZone: "America/Toronto",
    });
  });

  it("issues nothing again for terms already issued", async () => {
    const events = ledger([
      TERMS_SET,
      {
        at: "2026-12-01T10:00:01.000Z",
        actor: "system:workflow",
        type: "AgreementIssued",
        data: {
          version: 1,
          sha256: "b".repeat(64),
          templateVersion: "2026-12-v1",
          termsDecisionId: "T1",
          issuedAt: TERMS_SET.at,
        },
      },
    ]);
    givenRecord(events);
    expect(await issue({ partnershipId: P, step: "IssueAgreementForSigning" }, lambdaContext)).toEqual({
      partnershipId: P,
      version: 1,
      sha256: "b".repeat(64),
    });
    expect(s3.commandCalls(PutObjectCommand)).toEqual([]);
    expect(appended()).toEqual([]);
  });
});

describe("complete-agreement", () => {
  const pdf = new Uint8Array(Buffer.from("%PDF-1.7 the agreement"));
  const docSha = sha(pdf);
  const signature = (role: "partner" | "office", email: string, at: string) => ({
    role,
    name: role === "partner" ? "Daniel Okafor" : "Morgan Lee",
    email,
    signedAt: at,
    ip: "203.0.113.9",
    userAgent: "vitest",
    agreementVersion: 1,
    documentSha256: docSha,
    ...(role === "partner" ? { consentToElectronicRecords: true } : {}),
  });
  const signedDrafts = (): Omit<EventDraft, "partnershipId">[] => [
    TERMS_SET,
    {
      at: "2026-12-01T10:00:01.000Z",
      actor: "system:workflow",
      type: "AgreementIssued",
      data: {
        version: 1,
        sha256: docSha,
        templateVersion: "2026-12-v1",
        termsDecisionId: "T1",
        issuedAt: TERMS_SET.at,
      },
    },
    {
      at: "2026-12-02T10:00:00.000Z",
      actor: "signatory:daniel.okafor@harbourviewsupplies.ca",
      type: "PartnerSignatureAnswered",
      data: {
        kind: "agreement-signing",
        decisionId: "S1",
        outcome: "sign",
        comment: "",
        details: {
          signature: signature("partner", "daniel.okafor@harbourviewsupplies.ca", "2026-12-02T10:00:00.000Z"),
        },
      },
    },
    {
      at: "2026-12-03T10:00:00.000Z",
      actor: "officer:second.officer@example.org",
      type: "CountersignatureDecided",
      data: {
        kind: "countersign",
        decisionId: "C1",
        outcome: "countersign",
        comment: "",
        details: {
          signature: signature("office", "second.officer@example.org", "2026-12-03T10:00:00.000Z"),
        },
      },
    },
  ];
  const signed = () => ledger(signedDrafts());

  it("stores the certificate, records the completion, and emails both parties the agreement and certificate", async () => {
    givenRecord(signed());
    s3.on(GetObjectCommand).resolves({ Body: stream(pdf) });
    s3.on(PutObjectCommand).resolves({});
    ses.on(SendRawEmailCommand).resolves({ MessageId: "m" });
    await complete({ partnershipId: P, step: "CertifyAgreement", phase: "certify" }, lambdaContext);
    // Certified before the partnership is activated: nobody is emailed yet.
    expect(ses.commandCalls(SendRawEmailCommand)).toEqual([]);
    givenRecord(ledger([...signedDrafts(), ...completedAs(appended())]));
    await complete({ partnershipId: P, step: "DeliverSignedAgreement", phase: "deliver" }, lambdaContext);

    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: BUCKET, Key: `agreements/${P}/v1-${docSha}.pdf` },
    ]);
    const certificate = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    const certBytes = certificate?.Body as Uint8Array;
    expect(certificate?.Key).toBe(`certificates/${P}/v1-${sha(certBytes)}.pdf`);
    // Each of the two emails is recorded once sent, then the delivery.
    expect(appended().map((e) => e.type)).toEqual([
      "AgreementCompleted",
      "EmailSent",
      "EmailSent",
      "AgreementDelivered",
    ]);
    expect(appended()[1]?.data).toMatchObject({
      template: "agreement-delivered",
      // The signatory, then the partner's contact; the office's email, the countersigning officer and the office.
      recipients: [
        { role: "signatory", addressSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { role: "partner", addressSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ],
      attachments: ["agreement-v1.pdf", expect.stringMatching(/\.pdf$/)],
    });
    expect(appended()[2]?.data).toMatchObject({
      template: "agreement-delivered",
      recipients: [{ role: "officer" }, { role: "office" }],
    });
    expect(JSON.stringify(appended())).not.toContain("harbourviewsupplies.ca");
    expect(appended()[0]?.data).toMatchObject({
      version: 1,
      sha256: docSha,
      certificatePdfSha256: sha(certBytes),
    });

    const raw = ses
      .commandCalls(SendRawEmailCommand)
      .map((c) => Buffer.from(c.args[0].input.RawMessage?.Data ?? []).toString());
    expect(raw).toHaveLength(2);
    expect(raw[0]).toMatch(
      /^To: daniel\.okafor@harbourviewsupplies\.ca, priya\.raman@harbourviewsupplies\.ca/m,
    );
    expect(raw[1]).toMatch(/^To: second\.officer@example\.org, office@example\.org/m);
    for (const message of raw) {
      expect(message).toContain('filename="agreement-v1.pdf"');
      expect(message).toContain('filename="completion-certificate-v1.pdf"');
      expect(message).toContain(Buffer.from(pdf).toString("base64"));
    }
  });

  it("refuses to complete an agreement the office has not countersigned, and changes nothing", async () => {
    givenRecord(signed().slice(0, 3));
    s3.on(GetObjectCommand).resolves({ Body: stream(pdf) });
    await expect(
      complete({ partnershipId: P, step: "CertifyAgreement", phase: "certify" }, lambdaContext),
    ).rejects.toMatchObject({
      name: "ValidationError",
    });
    expect(s3.commandCalls(PutObjectCommand)).toEqual([]);
    expect(appended()).toEqual([]);
    expect(ses.commandCalls(SendRawEmailCommand)).toEqual([]);
  });
});
