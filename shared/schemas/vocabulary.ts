/** The office's controlled vocabularies, taken from the partnership-office sources. */

export const ORGANISATION_TYPES = [
  "employer",
  "industry-association",
  "post-secondary",
  "community-agency",
  "other",
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const CONTRIBUTION_TYPES = [
  "speaker",
  "career-event",
  "mentor-or-job-coach",
  "sponsor",
  "project-based-learning",
  "open-house",
  "work-experience-placement",
  "specialised-placement",
  "apprenticeship-internship-coop-berth",
] as const;
export type ContributionType = (typeof CONTRIBUTION_TYPES)[number];

export const AUDIENCES = ["elementary", "middle", "secondary", "adult"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const PARTNER_POLICIES = [
  "safeguarding",
  "privacy",
  "code-of-conduct",
  "health-and-safety",
  "liability-insurance",
  "volunteer-screening",
] as const;
export type PartnerPolicy = (typeof PARTNER_POLICIES)[number];

export const PARTNERSHIP_TYPES = [
  "partnership",
  "collaboration",
  "cross-sector",
  "strategic-collaboration",
] as const;
export type PartnershipType = (typeof PARTNERSHIP_TYPES)[number];

export const LABELS: Record<string, string> = {
  employer: "Employer or business",
  "industry-association": "Industry association",
  "post-secondary": "Post-secondary institution",
  "community-agency": "Community agency",
  other: "Other",
  speaker: "Speaker",
  "career-event": "Career event (fair, trades forum, tour, spotlight)",
  "mentor-or-job-coach": "Career mentor or job coach",
  sponsor: "Business or industry sponsor",
  "project-based-learning": "Community project-based learning",
  "open-house": "Community / school open house",
  "work-experience-placement": "Work experience placement",
  "specialised-placement": "Specialised placement (at-risk youth, special needs)",
  "apprenticeship-internship-coop-berth": "Training berth: apprenticeship, internship or co-op",
  elementary: "Elementary",
  middle: "Middle school",
  secondary: "Secondary",
  adult: "Adult learners",
  safeguarding: "Safeguarding / child protection",
  privacy: "Privacy",
  "code-of-conduct": "Code of conduct",
  "health-and-safety": "Health and safety",
  "liability-insurance": "Liability insurance",
  "volunteer-screening": "Volunteer screening",
  partnership: "Partnership",
  collaboration: "Collaboration",
  "cross-sector": "Cross-sector collaboration",
  "strategic-collaboration": "Strategic collaboration",
};

export function label(value: string): string {
  return LABELS[value] ?? value;
}
