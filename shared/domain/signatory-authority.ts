/**
 * Whether an officer must verify the signatory's authority before signing ("make sure they have the authority
 * to commit the organisation"): when the signatory's email is not at the organisation's registrable domain, or
 * when the signatory is the person who submitted the intake and gave no evidence of their authority.
 *
 * The organisation's registrable domain is the assessment's (computed there with the Public Suffix List), so
 * this check needs no list: an email host is at the registrable domain `d` when it is `d` or ends in `.d`.
 */

export interface AuthorityFacts {
  /** The registrable domain of the organisation's website; undefined when it has none worth comparing. */
  readonly organisationDomain?: string | undefined;
  readonly signatoryEmail: string;
  readonly submitterEmail: string;
  /** What the signatory gave as evidence of authority (a board resolution reference, say), if anything. */
  readonly evidence?: string | undefined;
}

export type AuthorityCheckReason = "email-domain-differs" | "signatory-is-submitter-without-evidence";

/** The reasons an officer must verify the authority; none means the signatory's confirmation suffices. */
export function authorityCheckReasons(facts: AuthorityFacts): AuthorityCheckReason[] {
  const reasons: AuthorityCheckReason[] = [];
  const domain = facts.organisationDomain?.toLowerCase();
  const email = facts.signatoryEmail.trim().toLowerCase();
  const emailHost = email.slice(email.lastIndexOf("@") + 1).replace(/\.$/, "");
  // With no website to compare with, the email's domain cannot be shown to be the organisation's.
  if (!domain || (emailHost !== domain && !emailHost.endsWith(`.${domain}`)))
    reasons.push("email-domain-differs");
  const samePerson = mailbox(email) === mailbox(facts.submitterEmail.trim().toLowerCase());
  if (samePerson && !facts.evidence?.trim()) reasons.push("signatory-is-submitter-without-evidence");
  return reasons;
}

/** An address without a "+tag" in its local part: `priya+sign@x.ca` is `priya@x.ca`'s mailbox. */
function mailbox(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, at).replace(/\+.*$/, "")}${email.slice(at)}`;
}

/** What each reason says to the officer who verifies. */
export const AUTHORITY_CHECK_REASONS: Record<AuthorityCheckReason, string> = {
  "email-domain-differs": "The signatory's email is not at the organisation's own web domain.",
  "signatory-is-submitter-without-evidence":
    "The signatory is the person who submitted the intake, and gave no evidence of their authority.",
};
