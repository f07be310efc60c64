/** Possible duplicates of an intake among the partnerships on file: the same organisation name or web domain. */
import { getDomain } from "tldts";
import type { Intake } from "../schemas/intake.ts";
import type { PartnerSummary } from "./assessment.ts";
import type { DuplicateFlag } from "./assessment-types.ts";
import { normaliseOrganisationName, webDomain } from "./organisation-keys.ts";

/**
 * Web domains shared by many organisations: a page there says nothing about being the same organisation.
 * A host matches an entry equal to it or to its registrable domain, so "m.facebook.com" matches
 * "facebook.com". Google is listed by its shared hosts only: google.com itself is one organisation's.
 * Hosting services on the Public Suffix List (github.io, blogspot.com, wixsite.com) need no entry: each
 * site there is a registrable domain of its own.
 */
export const SHARED_WEB_DOMAINS: ReadonlySet<string> = new Set([
  "facebook.com",
  "instagram.com",
  "linkedin.com",
  "x.com",
  "twitter.com",
  "youtube.com",
  "tiktok.com",
  "linktr.ee",
  "eventbrite.com",
  "eventbrite.ca",
  "sites.google.com",
  "docs.google.com",
  "wordpress.com",
  "squarespace.com",
  "weebly.com",
]);

/**
 * The registrable domain of a host by the Public Suffix List, private section included, so that
 * "kitchen.abc.org" is "abc.org" and "a.github.io" stays "a.github.io". A host with none (an IP address, a
 * public suffix itself) is compared as it is.
 */
export function registrableDomain(host: string): string {
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** The domain compared for a website, or undefined when it has none worth comparing. */
export function comparableDomain(website: string | undefined): string | undefined {
  const host = webDomain(website);
  if (!host) return undefined;
  const domain = registrableDomain(host);
  return SHARED_WEB_DOMAINS.has(host) || SHARED_WEB_DOMAINS.has(domain) ? undefined : domain;
}

/**
 * Any partnership on file, whatever its stage (a declined organisation applying again is worth knowing), with
 * the same normalised name or the same registrable web domain. When both match, two flags are returned, one
 * per fact, so the officer sees each piece of evidence.
 */
export function findDuplicates(intake: Intake, others: readonly PartnerSummary[]): DuplicateFlag[] {
  const name = normaliseOrganisationName(intake.organisation.name);
  const domain = comparableDomain(intake.organisation.website);
  return others.flatMap((o) => {
    const flags: DuplicateFlag[] = [];
    const base = { partnershipId: o.partnershipId, organisationName: o.organisationName };
    if (name && normaliseOrganisationName(o.organisationName) === name) {
      flags.push({ ...base, matchedOn: "name", value: name });
    }
    if (domain && comparableDomain(o.website) === domain) {
      flags.push({ ...base, matchedOn: "domain", value: domain });
    }
    return flags;
  });
}
