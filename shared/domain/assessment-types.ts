/** What a needs assessment produces: scores with the reasons behind them. */
import type { Audience, ContributionType, PartnershipType } from "../schemas/vocabulary.ts";

export interface NeedMatch {
  needId: string;
  title: string;
  /** 0..100: how well this partner answers this need. */
  score: number;
  reasons: string[];
}

export interface Overlap {
  partnershipId: string;
  organisationName: string;
  contributionTypes: ContributionType[];
  audiences: Audience[];
}

export interface DuplicateFlag {
  partnershipId: string;
  organisationName: string;
  /** What matched: the normalised organisation name or the web domain. */
  matchedOn: "name" | "domain";
  value: string;
}

export interface Assessment {
  /** 0..100 overall alignment with the office's needs register. */
  alignmentScore: number;
  alignmentReasons: string[];
  needMatches: NeedMatch[];
  /**
   * Needs the partner would fill that no active partner (ACTIVE or IN_REVIEW) covers yet; the reason names
   * any partner in onboarding that would.
   */
  gapsFilled: { needId: string; title: string; reason: string }[];
  /** Active partners (ACTIVE or IN_REVIEW) offering one of the same contributions to one of the same audiences. */
  overlaps: Overlap[];
  /**
   * The same among partnerships still being onboarded (SUBMITTED to SIGNING), which may never start. Absent
   * from an assessment recorded before it was kept apart, whose `overlaps` included them.
   */
  inOnboarding?: Overlap[];
  duplicates: DuplicateFlag[];
  /**
   * The registrable domain of the organisation's website (undefined for none, or a shared host): what the
   * signatory's email is compared with, so that no later step needs the Public Suffix List.
   */
  organisationDomain?: string | undefined;
  /** 0..100: readiness to partner (capacity, staffing time, resources, policies). */
  readinessScore: number;
  readinessReasons: string[];
  proposedType: PartnershipType;
  proposedTypeReasons: string[];
}

/** An assessment as assessIntake makes it today: with the lists that assessments recorded earlier lack. */
export type CurrentAssessment = Assessment & Required<Pick<Assessment, "inOnboarding">>;
