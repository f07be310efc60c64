/**
 * The repository with personal fields sealed (shared/adapters/sealed-repository.ts) keeps the PartnershipRepository
 * contract: the same suite as the in-memory and DynamoDB ones, over the in-memory repository with in-memory keys.
 * And what it stores holds no plaintext of the intake's personal fields, while what it reads does.
 */
import { describe, expect, it } from "vitest";
import { InMemoryDataKeys } from "#shared/adapters/in-memory-data-keys.ts";
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import { sealedRepository } from "#shared/adapters/sealed-repository.ts";
import { verifyLedger } from "#shared/domain/ledger.ts";
import { ERASED } from "#shared/domain/personal-fields.ts";
import { eventDraft } from "#shared/events/draft.ts";
import { PersonalData } from "#shared/services/personal-data.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { describeRepositoryContract } from "./partnership-repository.contract.ts";

describeRepositoryContract("the sealed repository", () =>
  sealedRepository(new InMemoryPartnershipRepository(), new PersonalData(new InMemoryDataKeys())),
);

describe("the sealed repository's storage", () => {
  const at = "2026-12-06T09:00:00.000Z";
  const intake = makeIntake();
  const partnership = {
    id: "P1",
    stage: "SUBMITTED" as const,
    organisationName: intake.organisation.name,
    intake,
    intakeVersion: 1,
    assessmentRound: 0,
    submittedAt: at,
    updatedAt: at,
  };

  it("seals a name typed to look sealed, like any other: stored as ciphertext, read back as typed", async () => {
    const inner = new InMemoryPartnershipRepository();
    const repository = sealedRepository(inner, new PersonalData(new InMemoryDataKeys()));
    const typed = { ...intake, contact: { ...intake.contact, name: "sealed:v1:Plainly Visible Person" } };
    await repository.createPartnership({ ...partnership, intake: typed });
    await repository.beginLedger(
      eventDraft(
        "IntakeSubmitted",
        { partnershipId: "P1", at, actor: "partner" },
        { stage: "SUBMITTED", intakeVersion: 1, intake: typed },
      ),
    );
    const stored = JSON.stringify([await inner.getPartnership("P1"), await inner.listEvents("P1")]);
    expect(stored).not.toContain("Plainly");
    expect((await repository.getPartnership("P1"))?.intake.contact.name).toBe(typed.contact.name);
    expect((await repository.listEvents("P1"))[0]?.data.intake).toEqual(typed);
  });

  it("stores ciphertext, reads plaintext, and after erasure reads 'erased' with the chain intact", async () => {
    const inner = new InMemoryPartnershipRepository();
    const keys = new InMemoryDataKeys();
    const repository = sealedRepository(inner, new PersonalData(keys));
    await repository.createPartnership(partnership);
    await repository.beginLedger(
      eventDraft(
        "IntakeSubmitted",
        { partnershipId: "P1", at, actor: "partner" },
        { stage: "SUBMITTED", intakeVersion: 1, intake },
      ),
    );
    const stored = JSON.stringify([await inner.getPartnership("P1"), await inner.listEvents("P1")]);
    for (const value of [
      intake.contact.email,
      intake.contact.name,
      intake.signatory.email,
      intake.organisation.address.line1,
    ])
      expect(stored).not.toContain(value);
    expect(stored).toContain(intake.organisation.name);
    expect((await repository.getPartnership("P1"))?.intake).toEqual(intake);
    expect((await repository.listEvents("P1"))[0]?.data.intake).toEqual(intake);

    await keys.erase("P1", at);
    expect((await repository.getPartnership("P1"))?.intake.contact).toEqual({
      name: ERASED,
      email: ERASED,
      phone: ERASED,
    });
    expect(verifyLedger(await inner.listEvents("P1"))).toMatchObject({ ok: true, count: 1 });
  });

  it("seals a draft the same way twice, so that an owed event already appended is not appended again", async () => {
    const inner = new InMemoryPartnershipRepository();
    const repository = sealedRepository(inner, new PersonalData(new InMemoryDataKeys()));
    await repository.createPartnership(partnership);
    const draft = eventDraft(
      "IntakeSubmitted",
      { partnershipId: "P1", at, actor: "partner" },
      { stage: "SUBMITTED", intakeVersion: 1, intake },
    );
    await repository.appendEventsOnce([draft], 0);
    await repository.appendEventsOnce([draft], 0);
    expect(await inner.listEvents("P1")).toHaveLength(1);
  });
});
