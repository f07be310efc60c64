/**
 * Whether an officer must verify the signatory's authority before signing ("make sure they have the authority
 * to commit the organisation"): when the signatory's email is not at the organisation's registrable domain, or
 * when the signatory is the person who submitted the intake and gave no evidence of their authority.
 */
import { registrableDomain } from "./duplicates.ts";
import { webDomain } from "./organisation-keys.ts";

export interface AuthorityFacts {
  readonly organisationWebsite?: string | undefined;
  readonly signatoryEmail: string;
  readonly submitterEmail: string;
  /** What the signatory gave as evidence of authority (a board resolution reference, say), if anything. */
  readonly evidence?: string | undefined;
}

export type AuthorityCheckReason = "email-domain-differs" | "signatory-is-submitter-without-evidence";

/** The reasons an officer must verify the authority; none means the signatory's confirmation suffices. */
export function authorityCheckReasons(facts: AuthorityFacts): AuthorityCheckReason[] {
  const reasons: AuthorityCheckReason[] = [];
  const site = webDomain(facts.organisationWebsite);
  const email = facts.signatoryEmail.trim().toLowerCase();
  const emailHost = email.slice(email.lastIndexOf("@") + 1);
  // With no website to compare with, the email's domain cannot be shown to be the organisation's.
  if (!site || registrableDomain(emailHost) !== registrableDomain(site)) reasons.push("email-domain-differs");
  const samePerson = email === facts.submitterEmail.trim().toLowerCase();
  if (samePerson && !facts.evidence?.trim()) reasons.push("signatory-is-submitter-without-evidence");
  return reasons;
}
