import { describe, expect, it } from "vitest";
import { comparableDomain } from "#shared/domain/duplicates.ts";
import { type AuthorityFacts, authorityCheckReasons } from "#shared/domain/signatory-authority.ts";

/** As the steps see it: the organisation's domain is the assessment's, computed from its website. */
function reasons(
  facts: Omit<AuthorityFacts, "organisationDomain"> & { organisationWebsite?: string | undefined },
) {
  const { organisationWebsite, ...rest } = facts;
  return authorityCheckReasons({ ...rest, organisationDomain: comparableDomain(organisationWebsite) });
}

const base = {
  organisationWebsite: "https://www.harbourviewsupplies.ca",
  signatoryEmail: "dana.okafor@harbourviewsupplies.ca",
  submitterEmail: "priya.raman@harbourviewsupplies.ca",
};

describe("whether an officer must verify the signatory's authority", () => {
  it("not when the signatory is someone else at the organisation's own domain", () => {
    expect(reasons(base)).toEqual([]);
    // A subdomain of the organisation's registrable domain is the organisation's.
    expect(reasons({ ...base, signatoryEmail: "dana@mail.harbourviewsupplies.ca" })).toEqual([]);
  });

  it("when the signatory's email is at another domain, or there is no website to compare with", () => {
    expect(reasons({ ...base, signatoryEmail: "dana.okafor@gmail.com" })).toEqual(["email-domain-differs"]);
    expect(reasons({ ...base, organisationWebsite: undefined })).toEqual(["email-domain-differs"]);
    // Two sites on a shared host are two organisations.
    expect(
      reasons({
        ...base,
        organisationWebsite: "https://harbourview.github.io",
        signatoryEmail: "dana@other.github.io",
      }),
    ).toEqual(["email-domain-differs"]);
  });

  it("when the submitter signs with no evidence of authority, and not once evidence is given", () => {
    const self = { ...base, signatoryEmail: "Priya.Raman@harbourviewsupplies.ca " };
    expect(reasons(self)).toEqual(["signatory-is-submitter-without-evidence"]);
    expect(reasons({ ...self, evidence: "  " })).toEqual(["signatory-is-submitter-without-evidence"]);
    expect(reasons({ ...self, evidence: "Board resolution 2026-14" })).toEqual([]);
  });

  it("sees the submitter behind a +tag of the same mailbox", () => {
    expect(reasons({ ...base, signatoryEmail: "priya.raman+sign@harbourviewsupplies.ca" })).toEqual([
      "signatory-is-submitter-without-evidence",
    ]);
  });
});
