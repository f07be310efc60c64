/**
 * Erasure through the local runtime (issue 12): a declined partnership's personal data is sealed in the table
 * from the start; the lead erases it (only the lead, only once it has ended, once); afterwards its chain still
 * verifies (the audit API and the offline verifier), its fields read as "erased", and no plaintext of the
 * intake's personal fields is anywhere in the table.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "#infra/tools/partnerflow-cli.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import { FileDataKeys } from "#shared/adapters/file-data-keys.ts";
import { sealedRepository } from "#shared/adapters/sealed-repository.ts";
import { ERASED } from "#shared/domain/personal-fields.ts";
import type { Intake } from "#shared/schemas/intake.ts";
import { PersonalData } from "#shared/services/personal-data.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { ANY_OFFICER, Journey, linkIn } from "./harness.ts";
import { signedToActive, toSigning } from "./onboarding-steps.ts";

let journey: Journey;
let tokens: Record<string, string>;
let dir: string;

beforeAll(async () => {
  journey = await Journey.start();
  tokens = Object.fromEntries(journey.runtime.staff.seed().map((t) => [t.role, t.token]));
  dir = mkdtempSync(join(tmpdir(), "partnerflow-erasure-"));
});
afterAll(async () => {
  await journey?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const db = () => createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb }));

/** Every item of the table, as JSON. */
async function tableText(): Promise<string> {
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: "partnerflow", ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items);
}

/** The intake's personal fields' values (the address's distinctive parts). */
const personalValues = (intake: Intake) => [
  intake.contact.name,
  intake.contact.email,
  intake.contact.phone ?? "",
  intake.signatory.name,
  intake.signatory.title,
  intake.signatory.email,
  intake.organisation.address.line1,
  intake.organisation.address.postalCode ?? "",
];

const erase = (id: string, role?: string) =>
  journey.fetch(`/api/partnerships/${id}/erasure`, {
    method: "POST",
    headers: role ? { authorization: `Bearer ${tokens[role]}` } : {},
  });

async function submit(name: string, person: string) {
  const intake = makeIntake({
    organisation: {
      name,
      address: {
        line1: `${person} House, 7 Erasure Lane`,
        city: "Toronto",
        country: "Canada",
        postalCode: "Z9Z 9Z9",
      },
    },
    contact: {
      name: `${person} Contact`,
      email: `${person.toLowerCase()}.contact@erasure.example`,
      phone: "+1 416 555 0199",
    },
    signatory: {
      name: `${person} Signer`,
      title: "Chief Erasure Officer",
      email: `${person.toLowerCase()}.signer@erasure.example`,
    },
  });
  const response = await journey.submitJson(intake);
  expect(response.status).toBe(202);
  const body = (await response.json()) as { partnershipId: string; statusUrl: string };
  return { ...body, intake };
}

describe("erasure of a partnership's personal data", () => {
  it("seals it from the start; the lead alone erases it once ended; the chain still verifies and nothing can be read", async () => {
    const { partnershipId: id, statusUrl, intake } = await submit("Erasable Widgets Ltd", "Quillon");
    const officerMail = await journey.waitForMail(
      /Decision needed: intake review for Erasable Widgets Ltd/,
      ANY_OFFICER,
    );
    const link = new URL(linkIn(officerMail, "/decisions")).pathname;

    // Before it has ended: the lead is told why not, and nothing changes.
    const early = await erase(id, "lead");
    expect(early.status).toBe(409);
    expect(((await early.json()) as { message?: string }).message ?? JSON.stringify(early)).toMatch(
      /has not ended/,
    );

    const decline = { noConflict: "yes", outcome: "decline", comment: "Not a fit for now" };
    expect((await journey.postForm(link, decline)).status).toBe(200);
    expect((await journey.postForm(link, { ...decline, confirm: "yes" })).status).toBe(200);
    await journey.waitForStage(statusUrl, "DECLINED");
    await journey.waitForMail(/About the Erasable Widgets Ltd partnership intake/, intake.contact.email);

    // Sealed from the start: the table never held the plaintext, yet the functions read it (the emails reached
    // the contact, and the sealed repository opens it).
    const before = await tableText();
    for (const value of personalValues(intake)) expect(before).not.toContain(value);
    expect(before).toContain("sealed:v1:");
    const raw = new DynamoDbPartnershipRepository(db(), "partnerflow");
    const keys = new FileDataKeys(join(journey.dataDir, "keys"));
    const sealed = sealedRepository(raw, new PersonalData(keys));
    expect((await sealed.getPartnership(id))?.intake.contact.email).toBe(intake.contact.email);

    // Only the lead: no token 401 (the local server, as API Gateway's authorizer), officer and auditor 403.
    expect((await erase(id)).status).toBe(401);
    expect((await erase(id, "officer")).status).toBe(403);
    expect((await erase(id, "auditor")).status).toBe(403);
    expect((await erase("01ARZ3NDEKTSV4RRFFQ69G5FAV", "lead")).status).toBe(404);
    expect((await erase("not-an-id", "lead")).status).toBe(400);

    const erased = await erase(id, "lead");
    expect(erased.status).toBe(200);
    const first = (await erased.json()) as { erased: boolean; erasedAt: string; already: boolean };
    expect(first).toMatchObject({ erased: true, already: false });
    // Idempotent: a repeat answers the same time, and appends nothing.
    const again = await erase(id, "lead");
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ...first, already: true });

    // The key is gone: the file records only when.
    expect(JSON.parse(readFileSync(join(journey.dataDir, "keys", `${id}.json`), "utf8"))).toEqual({
      erasedAt: first.erasedAt,
    });
    const events = await raw.listEvents(id);
    expect(events.filter((e) => e.type === "PersonalDataErased")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "PersonalDataErased", actor: "lead:lead@example.org" });

    // The chain verifies: the audit API, and the packet offline.
    const auth = { headers: { authorization: `Bearer ${tokens.auditor}` } };
    expect(await (await journey.fetch(`/api/audit/partnerships/${id}/verify`, auth)).json()).toEqual({
      ok: true,
    });
    const packet = await (await journey.fetch(`/api/audit/partnerships/${id}/packet`, auth)).json();
    const file = join(dir, "packet.json");
    writeFileSync(file, JSON.stringify(packet));
    const lines: string[] = [];
    expect(run(["verify", file], (line) => lines.push(line))).toBe(0);
    expect(lines.join("\n")).toMatch(/^OK/);
    expect(JSON.stringify(packet)).not.toContain(intake.contact.email);

    // Nothing can be read: every personal field reads "erased", and the plaintext is nowhere in the table.
    const record = await sealed.getPartnershipRecord(id);
    expect(record?.partnership.intake.contact).toEqual({ name: ERASED, email: ERASED, phone: ERASED });
    expect(record?.partnership.intake.organisation.name).toBe("Erasable Widgets Ltd");
    expect(record?.events[0]?.data.intake).toMatchObject({ signatory: { email: ERASED, name: ERASED } });
    const after = await tableText();
    for (const value of personalValues(intake)) expect(after).not.toContain(value);

    // The partner's status page still opens, and says so.
    const status = await journey.fetch(new URL(statusUrl).pathname);
    expect(status.status).toBe(200);
    expect(await status.text()).toContain("Your personal data was erased by the partnerships office");
  });

  it("an onboarding to ACTIVE (signatory, signature, certificate) leaves no plaintext personal field in the table", async () => {
    const { intake: base } = { intake: makeIntake() };
    const intake = makeIntake({
      organisation: {
        name: "Sealed Signing Co",
        address: { ...base.organisation.address, line1: "55 Sealed Road" },
      },
      contact: {
        name: "Ottoline Contact",
        email: "ottoline.contact@harbourviewsupplies.ca",
        phone: "+1 416 555 0177",
      },
      signatory: {
        name: "Barnaby Signer",
        title: "Managing Director",
        email: "barnaby.signer@harbourviewsupplies.ca",
      },
    });
    const { partnershipId, sign } = await toSigning(journey, intake);
    expect(await signedToActive(journey, intake, sign, partnershipId)).toBe("SUCCEEDED");
    const text = await tableText();
    for (const value of personalValues(intake)) expect(text).not.toContain(value);
    // Yet the functions read them: the certificate names the signatory.
    const raw = new DynamoDbPartnershipRepository(db(), "partnerflow");
    const sealed = sealedRepository(raw, new PersonalData(new FileDataKeys(join(journey.dataDir, "keys"))));
    const signed = (await sealed.listEvents(partnershipId)).find(
      (e) => e.type === "PartnerSignatureAnswered",
    );
    expect(signed?.data.details).toMatchObject({
      signature: { name: "Barnaby Signer", email: intake.signatory.email },
    });
  });
});
