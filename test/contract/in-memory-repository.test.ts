/** The in-memory repository keeps the PartnershipRepository contract (the same suite the DynamoDB one passes). */
import { InMemoryPartnershipRepository } from "#shared/adapters/in-memory-repository.ts";
import { describeRepositoryContract } from "./partnership-repository.contract.ts";

describeRepositoryContract("the in-memory repository", () => new InMemoryPartnershipRepository());
