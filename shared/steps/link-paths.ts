/**
 * Each step's link path by kind, apart from the descriptors (as STEP_EVENTS and STEP_WAITING are), so that a
 * function that only needs to point at a step's page (the inbox's open-decision) carries no step's pages. A test
 * checks it against the registry (test/unit/step-link-paths.test.ts).
 */
export const STEP_LINK_PATHS: Readonly<Record<string, string>> = {
  "intake-review": "/decisions",
  resubmission: "/resubmit",
  "vetting-evidence": "/vetting",
  "vetting-review": "/vetting-review",
  "signatory-confirmation": "/authority",
  "authority-verification": "/authority-review",
  "agreement-terms": "/agreement",
  "agreement-signing": "/sign",
  countersign: "/countersign",
  "paper-agreement": "/paper-agreement",
  "vetting-renewal": "/vetting-renewal",
  "vetting-renewal-review": "/vetting-renewal-review",
  "review-self-assessment": "/review",
  "review-evaluation": "/review-evaluation",
};
