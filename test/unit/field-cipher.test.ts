/** Sealing one personal field (shared/domain/field-cipher.ts) and finding the personal fields (personal-fields.ts). */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InMemoryDataKeys } from "#shared/adapters/in-memory-data-keys.ts";
import { fieldCipher, isSealed, SEALED_PREFIX } from "#shared/domain/field-cipher.ts";
import {
  decisionPersonalFields,
  ERASED,
  eventPersonalFields,
  INTAKE_PERSONAL_FIELDS,
  mapPersonal,
  SIGNATORY_STEP_KINDS,
} from "#shared/domain/personal-fields.ts";
import { PersonalData } from "#shared/services/personal-data.ts";
import { STEPS } from "#shared/steps/index.ts";
import { makeIntake } from "../fixtures/intake.ts";

const key = new Uint8Array(randomBytes(32));

describe("fieldCipher", () => {
  it("seals and opens a field; the same text in the same field seals the same way", () => {
    const cipher = fieldCipher("P1", key);
    const sealed = cipher.seal("Priya Raman", "contact.name");
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain("Priya");
    expect(cipher.open(sealed, "contact.name")).toBe("Priya Raman");
    expect(cipher.seal("Priya Raman", "contact.name")).toBe(sealed);
    expect(cipher.seal("Priya Ramen", "contact.name")).not.toBe(sealed);
  });

  it("seals a text that only looks sealed: a partner may type anything, and it is personal all the same", () => {
    const cipher = fieldCipher("P1", key);
    const typed = `${SEALED_PREFIX}Plainly Visible Person`;
    const sealed = cipher.seal(typed, "contact.name");
    expect(sealed).not.toBe(typed);
    expect(sealed).not.toContain("Plainly");
    expect(cipher.open(sealed, "contact.name")).toBe(typed);
  });

  it("does not open under another field, partnership or key, or once tampered with", () => {
    const sealed = fieldCipher("P1", key).seal("priya@example.org", "contact.email");
    expect(fieldCipher("P1", key).open(sealed, "signatory.email")).toBeUndefined();
    expect(fieldCipher("P2", key).open(sealed, "contact.email")).toBeUndefined();
    expect(fieldCipher("P1", new Uint8Array(randomBytes(32))).open(sealed, "contact.email")).toBeUndefined();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    expect(fieldCipher("P1", key).open(flipped, "contact.email")).toBeUndefined();
    expect(fieldCipher("P1", key).open(`${SEALED_PREFIX}AAAA`, "contact.email")).toBeUndefined();
  });

  it("leaves plaintext as it is, and refuses a key that is not 256 bits", () => {
    expect(fieldCipher("P1", key).open("plain", "contact.name")).toBe("plain");
    expect(isSealed("plain")).toBe(false);
    expect(() => fieldCipher("P1", new Uint8Array(16))).toThrow(RangeError);
  });
});

describe("the personal fields", () => {
  it("are the intake's contact, signatory and address, and nothing else of it", () => {
    const intake = makeIntake();
    const marked = mapPersonal(intake, INTAKE_PERSONAL_FIELDS, () => "X");
    expect(marked.contact).toEqual({ name: "X", email: "X", phone: "X" });
    expect(marked.signatory).toEqual({ name: "X", title: "X", email: "X" });
    expect(marked.organisation.address).toEqual({
      line1: "X",
      city: "X",
      region: "X",
      postalCode: "X",
      country: "X",
    });
    expect({
      ...marked,
      contact: intake.contact,
      signatory: intake.signatory,
      organisation: { ...marked.organisation, address: intake.organisation.address },
    }).toEqual(intake);
    // The input is not changed, and an absent field stays absent.
    expect(intake.contact.name).toBe("Priya Raman");
    const { phone: _phone, ...noPhone } = intake.contact;
    expect(mapPersonal({ ...intake, contact: noPhone }, INTAKE_PERSONAL_FIELDS, () => "X").contact).toEqual({
      name: "X",
      email: "X",
    });
  });

  it("take the assignee of the signatory's steps only (the registry agrees)", () => {
    const signatorySteps = Object.values(STEPS)
      .filter((s) => s.asked === "signatory")
      .map((s) => s.kind)
      .sort();
    expect([...SIGNATORY_STEP_KINDS].sort()).toEqual(signatorySteps);
    expect(eventPersonalFields({ kind: "agreement-signing" }).some((f) => f.label === "assignee")).toBe(true);
    expect(eventPersonalFields({ kind: "intake-review" }).some((f) => f.label === "assignee")).toBe(false);
    expect(
      decisionPersonalFields({ kind: "signatory-confirmation" }).some((f) => f.label === "assignee"),
    ).toBe(true);
  });

  it("in a signature's evidence: name, title, email, IP and user agent, not the document's hash", () => {
    const details = {
      signature: { name: "D", title: "T", email: "e", ip: "1.2.3.4", userAgent: "UA", documentSha256: "abc" },
    };
    expect(mapPersonal({ details }, eventPersonalFields({}), () => "X").details.signature).toEqual({
      name: "X",
      title: "X",
      email: "X",
      ip: "X",
      userAgent: "X",
      documentSha256: "abc",
    });
  });
});

describe("PersonalData", () => {
  it("opens what it sealed, reads a partnership with no key as it is, and an erased one as 'erased'", async () => {
    const keys = new InMemoryDataKeys();
    const personal = new PersonalData(keys);
    const intake = makeIntake();
    expect(PersonalData.intake(intake, await personal.opener("P1"))).toEqual(intake);
    const sealed = PersonalData.intake(intake, await personal.sealer("P1"));
    expect(sealed.contact.email).toMatch(/^sealed:v1:/);
    expect(PersonalData.intake(sealed, await personal.opener("P1"))).toEqual(intake);
    await keys.erase("P1", "2026-12-06T09:00:00.000Z");
    expect(PersonalData.intake(sealed, await personal.opener("P1")).contact.email).toBe(ERASED);
    // After an erasure nothing is sealed again: a personal field would be stored as "erased".
    expect(PersonalData.intake(intake, await personal.sealer("P1")).signatory.name).toBe(ERASED);
  });
});
