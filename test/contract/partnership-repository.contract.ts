/** The PartnershipRepository contract: one suite that every implementation of the port must pass. */
import { beforeEach, describe } from "vitest";
import type { PartnershipRepository } from "#shared/ports/partnership-repository.ts";
import { describeDecisionContract } from "./decisions.contract.ts";
import { describeLedgerContract } from "./ledger.contract.ts";
import { describeLinkAndClaimContract } from "./links-and-claims.contract.ts";
import { describePartnershipContract } from "./partnerships.contract.ts";
import { describeScheduleContract } from "./schedules.contract.ts";

/** An empty repository for each test: the listing tests see only what that test stored. */
export type RepositoryFactory = () => PartnershipRepository | Promise<PartnershipRepository>;

/** The repository of the test running now. */
export type CurrentRepository = () => PartnershipRepository;

export function describeRepositoryContract(name: string, makeRepository: RepositoryFactory): void {
  describe(`${name} keeps the PartnershipRepository contract`, () => {
    let repository: PartnershipRepository | undefined;
    beforeEach(async () => {
      repository = await makeRepository();
    });
    const current: CurrentRepository = () => {
      if (!repository) throw new Error("The repository is made before each test");
      return repository;
    };
    describePartnershipContract(current);
    describeLedgerContract(current);
    describeDecisionContract(current);
    describeLinkAndClaimContract(current);
    describeScheduleContract(current);
  });
}
