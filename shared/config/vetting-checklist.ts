/** The office's default vetting checklist, version 1 (issue 11's list, from the office's Partnership Checklist). */
import type { Checklist } from "../domain/vetting-checklist.ts";
import type { ContributionType } from "../schemas/vocabulary.ts";

/** Contributions that put the partner's people with students without a teacher in the room. */
const UNSUPERVISED_CONTACT: readonly ContributionType[] = [
  "mentor-or-job-coach",
  "work-experience-placement",
  "specialised-placement",
  "apprenticeship-internship-coop-berth",
];

/** Placements, and events held at the partner's site. */
const PLACEMENTS_AND_ON_SITE_EVENTS: readonly ContributionType[] = [
  "work-experience-placement",
  "specialised-placement",
  "apprenticeship-internship-coop-berth",
  "career-event",
  "open-house",
];

/** Contributions in which the partner keeps records about students (attendance, evaluations, contacts). */
const HANDLES_STUDENT_DATA: readonly ContributionType[] = [...UNSUPERVISED_CONTACT, "project-based-learning"];

export const DEFAULT_CHECKLIST: Checklist = {
  version: "2026-12-v1",
  items: [
    {
      id: "organisation-legitimacy",
      title: "Organisation legitimacy",
      guidance: "The organisation's business registration or charity number, and who issued it.",
      answer: "evidence",
      evidenceFields: ["issuer", "number"],
      appliesWhen: { always: true },
    },
    {
      id: "references",
      title: "References",
      guidance: "Two references from schools, agencies or employers the organisation has worked with.",
      answer: "either",
      evidenceFields: ["issuer"],
      appliesWhen: { always: true },
    },
    {
      id: "liability-insurance",
      title: "Liability insurance",
      guidance: "Commercial general liability insurance covering students on placement or at your site.",
      answer: "evidence",
      evidenceFields: ["issuer", "number", "amount", "expiry"],
      appliesWhen: { anyContribution: PLACEMENTS_AND_ON_SITE_EVENTS },
    },
    {
      id: "vulnerable-sector-checks",
      title: "Criminal background and vulnerable-sector checks",
      guidance: "A current vulnerable-sector check for everyone who will be with students unsupervised.",
      answer: "evidence",
      evidenceFields: ["issuer", "expiry"],
      appliesWhen: { anyContribution: UNSUPERVISED_CONTACT },
    },
    {
      id: "safeguarding-training",
      title: "Safeguarding training",
      guidance: "Safeguarding training completed by everyone who will be with students unsupervised.",
      answer: "either",
      evidenceFields: ["issuer", "expiry"],
      appliesWhen: { anyContribution: UNSUPERVISED_CONTACT },
    },
    {
      id: "privacy-undertaking",
      title: "Privacy and data protection",
      guidance:
        "An undertaking to keep students' personal information private and use it only for the partnership.",
      answer: "declaration",
      evidenceFields: [],
      appliesWhen: { anyContribution: HANDLES_STUDENT_DATA },
    },
    {
      id: "partnering-policy",
      title: "The office's partnering policy",
      guidance:
        "An acknowledgement that the organisation has read the office's partnering policy and will follow it.",
      answer: "declaration",
      evidenceFields: [],
      appliesWhen: { always: true },
    },
    {
      id: "conflict-of-interest",
      title: "Conflict of interest",
      guidance:
        "That the organisation has no conflict of interest with the office, its staff or the schools it serves. If it has one, do not tick this: tell the office by replying to our email, and the officer will discuss it with you.",
      answer: "declaration",
      evidenceFields: [],
      appliesWhen: { always: true },
    },
  ],
};

/** Every checklist version the office has used, by version: a partnership keeps the one it started with. */
export const CHECKLISTS: Readonly<Record<string, Checklist>> = {
  [DEFAULT_CHECKLIST.version]: DEFAULT_CHECKLIST,
};

/** The version a partnership's vetting starts with today. */
export const CURRENT_CHECKLIST: Checklist = DEFAULT_CHECKLIST;

/** A pinned checklist version; the current one when the version is unknown (it is never removed). */
export function checklistOf(version: string | undefined): Checklist {
  return (
    (version !== undefined && Object.hasOwn(CHECKLISTS, version) ? CHECKLISTS[version] : undefined) ??
    CURRENT_CHECKLIST
  );
}
