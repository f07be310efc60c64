/** Needs assessment of an intake: alignment with the needs register, LSPC gaps and overlaps, duplicates, readiness, partnership type. */
import type { Need, NeedPriority, NeedsRegister } from "../config/needs-register.ts";
import type { Intake } from "../schemas/intake.ts";
import {
  type Audience,
  type ContributionType,
  label,
  type OrganisationType,
  type PartnershipType,
} from "../schemas/vocabulary.ts";
import type { Assessment, CurrentAssessment, NeedMatch, Overlap } from "./assessment-types.ts";
import { comparableDomain, findDuplicates } from "./duplicates.ts";
import { foldText } from "./fold-text.ts";
import { OPEN_STAGES, type Stage } from "./lifecycle.ts";

/** What the assessment needs to know about another partnership on file. */
export interface PartnerSummary {
  partnershipId: string;
  organisationName: string;
  website?: string | undefined;
  stage: Stage;
  contributionTypes: ContributionType[];
  audiences: Audience[];
}

/**
 * Partners in these stages are active, and only they count for the LSPC gap and overlap check: they deliver.
 */
export const ACTIVE_STAGES: readonly Stage[] = ["ACTIVE", "IN_REVIEW"];

/**
 * Partners in these stages are in onboarding: listed apart, since any of them may still never start, and
 * covering no gap. Ended partnerships (declined, withdrawn, expired, terminated) count in neither.
 */
export const ONBOARDING_STAGES: readonly Stage[] = OPEN_STAGES;

/**
 * Points of a need match. Declared contribution types are the strongest evidence, the audience only counts
 * alongside other evidence (every partner serves some audience), and keywords in free text are corroboration.
 */
export const NEED_POINTS = { contributionType: 50, audience: 30, perKeyword: 10, maxKeywords: 20 } as const;

/**
 * A need counts as filled, for the gap check, from this score: it is reached only when the partner offers one
 * of the need's contribution types to one of its audiences (50 + 30), the same test applied to the partners
 * already on file, so "gap" means the same thing on both sides.
 */
export const GAP_THRESHOLD = NEED_POINTS.contributionType + NEED_POINTS.audience;

/** How much a need's priority counts in the alignment score. */
export const PRIORITY_WEIGHT: Record<NeedPriority, number> = { high: 1, medium: 0.8, low: 0.6 };

/** Share of the remaining headroom the second- and third-best matches may fill: the best match dominates. */
const BREADTH_SHARES = [0.3, 0.15] as const;

/** Contributions that put the partner's people in contact with students. */
export const STUDENT_CONTACT_TYPES: readonly ContributionType[] = [
  "speaker",
  "mentor-or-job-coach",
  "project-based-learning",
  "work-experience-placement",
  "specialised-placement",
  "apprenticeship-internship-coop-berth",
];

/** Contributions that commit the partner over months rather than for an event. */
const LONG_TERM_TYPES: readonly ContributionType[] = [
  "apprenticeship-internship-coop-berth",
  "work-experience-placement",
  "specialised-placement",
  "project-based-learning",
];

/** Contributions that bring students into a workplace. */
const WORKPLACE_TYPES: readonly ContributionType[] = [
  "work-experience-placement",
  "specialised-placement",
  "apprenticeship-internship-coop-berth",
];

/** Organisations from another sector than education and community services (source 003's employer groups). */
const OTHER_SECTOR_ORGANISATIONS: readonly OrganisationType[] = ["employer", "industry-association"];

export const STRATEGIC_MIN_ALIGNMENT = 60;
export const STRATEGIC_MIN_READINESS = 60;
export const STRATEGIC_MIN_AUDIENCES = 2;
export const COLLABORATION_MIN_TYPES = 3;

const OFFER_PHRASE: Record<ContributionType, string> = {
  speaker: "speakers",
  "career-event": "career events",
  "mentor-or-job-coach": "mentors or job coaches",
  sponsor: "sponsorship",
  "project-based-learning": "community project-based learning",
  "open-house": "open houses",
  "work-experience-placement": "work-experience placements",
  "specialised-placement": "specialised placements",
  "apprenticeship-internship-coop-berth": "apprenticeship, internship or co-op berths",
};

const SCHOOL_LEVEL: Record<Exclude<Audience, "adult">, string> = {
  elementary: "elementary",
  middle: "middle-school",
  secondary: "secondary",
};

/**
 * The answers read for a need's keywords: what the partner does and offers. Not what it seeks from the
 * office, where "we are looking for mentors" names a need of the partner's, not something it brings.
 */
const TEXT_FIELDS = [
  ["services", (i: Intake) => i.services.join(" \n ")],
  ["the need to fill", (i: Intake) => i.needsAssessment.needToFill],
  ["the expected outcome", (i: Intake) => i.needsAssessment.expectedOutcome],
  ["what it offers the office", (i: Intake) => i.needsAssessment.offerToOffice],
] as const;

const NO_RESOURCES = new Set([
  "",
  "none",
  "n a",
  "na",
  "nil",
  "no",
  "nothing",
  "tbd",
  "tba",
  "not yet",
  "unknown",
]);

// ---------------------------------------------------------------------------------------------------------
// Text helpers

/** Whole-word phrase match that also accepts a plural ("mentor" finds "mentors"). */
function containsPhrase(foldedText: string, foldedPhrase: string): boolean {
  const padded = ` ${foldedText} `;
  return ["", "s", "es"].some((plural) => padded.includes(` ${foldedPhrase}${plural} `));
}

function intersect<T>(mine: readonly T[], theirs: readonly T[]): T[] {
  return mine.filter((x) => theirs.includes(x));
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function offerPhrase(types: readonly ContributionType[]): string {
  return joinAnd(types.map((t) => OFFER_PHRASE[t]));
}

function audiencePhrase(audiences: readonly Audience[]): string {
  const levels = audiences.flatMap((a) => (a === "adult" ? [] : [SCHOOL_LEVEL[a]]));
  const parts = levels.length > 0 ? [`${joinAnd(levels)} students`] : [];
  if (audiences.includes("adult")) parts.push("adult learners");
  return joinAnd(parts);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------------------
// Need matches

interface ScoredNeed {
  need: Need;
  match: NeedMatch;
}

function keywordReasons(need: Need, intake: Intake): string[] {
  const fields = TEXT_FIELDS.map(([where, read]) => ({ where, text: foldText(read(intake)) }));
  const seen = new Set<string>();
  const reasons: string[] = [];
  for (const keyword of need.keywords) {
    const folded = foldText(keyword);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    const field = fields.find((f) => containsPhrase(f.text, folded));
    if (field) reasons.push(`Mentions "${keyword}" in ${field.where}`);
  }
  return reasons;
}

function matchNeed(need: Need, intake: Intake): ScoredNeed | undefined {
  const types = intersect(intake.contributionTypes, need.contributionTypes);
  const audiences = intersect(intake.audiences, need.audiences);
  const keywords = keywordReasons(need, intake);
  const reasons: string[] = [];
  let score = 0;
  if (types.length > 0) {
    score += NEED_POINTS.contributionType;
    if (audiences.length > 0) {
      score += NEED_POINTS.audience;
      reasons.push(`Offers ${offerPhrase(types)} for ${audiencePhrase(audiences)}`);
    } else {
      reasons.push(
        `Offers ${offerPhrase(types)}, but not for ${audiencePhrase(need.audiences)}, whom this need serves`,
      );
    }
  } else if (keywords.length > 0 && audiences.length > 0) {
    score += NEED_POINTS.audience;
    reasons.push(
      `Serves ${audiencePhrase(audiences)}, without offering ${offerPhrase(need.contributionTypes)}`,
    );
  }
  score += Math.min(NEED_POINTS.maxKeywords, keywords.length * NEED_POINTS.perKeyword);
  reasons.push(...keywords);
  if (score === 0) return undefined;
  return { need, match: { needId: need.id, title: need.title, score: Math.min(100, score), reasons } };
}

const PRIORITY_ORDER: Record<NeedPriority, number> = { high: 0, medium: 1, low: 2 };

function matchNeeds(intake: Intake, register: NeedsRegister): ScoredNeed[] {
  return register.needs
    .flatMap((need) => matchNeed(need, intake) ?? [])
    .sort(
      (a, b) =>
        b.match.score - a.match.score || PRIORITY_ORDER[a.need.priority] - PRIORITY_ORDER[b.need.priority],
    );
}

// ---------------------------------------------------------------------------------------------------------
// Alignment

function alignment(
  scored: readonly ScoredNeed[],
  register: NeedsRegister,
): { score: number; reasons: string[] } {
  const weighted = scored
    .map((s) => ({ ...s, value: s.match.score * PRIORITY_WEIGHT[s.need.priority] }))
    .sort((a, b) => b.value - a.value);
  const [best, ...rest] = weighted;
  if (!best) {
    return {
      score: 0,
      reasons: [
        `Matches none of the ${plural(register.needs.length, "need")} in the office's needs register`,
      ],
    };
  }
  const breadth = BREADTH_SHARES.reduce((sum, share, i) => sum + share * ((rest[i]?.value ?? 0) / 100), 0);
  const score = Math.round(Math.min(100, best.value + (100 - best.value) * breadth));
  const reasons = [
    `Best match: "${best.need.title}" (${best.need.priority} priority) scores ${best.match.score}, counted as ${Math.round(best.value)}`,
  ];
  const next = rest.slice(0, BREADTH_SHARES.length);
  if (next.length > 0) {
    const titles = next.map((s) => `"${s.need.title}"`);
    const added = score - Math.round(best.value);
    // At 100 the best match already fills the scale: the breadth is worth saying, not a "+0".
    reasons.push(
      added > 0 ? `Also answers ${joinAnd(titles)}, which adds ${added}` : `Also answers ${joinAnd(titles)}`,
    );
  }
  if (rest.length > next.length) reasons.push(`Matches ${plural(rest.length + 1, "need")} in all`);
  return { score, reasons };
}

// ---------------------------------------------------------------------------------------------------------
// LSPC gaps and overlaps

function inStages(stages: readonly Stage[]): (other: PartnerSummary) => boolean {
  return (other) => stages.includes(other.stage);
}

function coversNeed(other: PartnerSummary, need: Need): boolean {
  return (
    intersect(other.contributionTypes, need.contributionTypes).length > 0 &&
    intersect(other.audiences, need.audiences).length > 0
  );
}

function gapsFilled(
  scored: readonly ScoredNeed[],
  others: readonly PartnerSummary[],
): Assessment["gapsFilled"] {
  const active = others.filter(inStages(ACTIVE_STAGES));
  const onboarding = others.filter(inStages(ONBOARDING_STAGES));
  return scored
    .filter((s) => s.match.score >= GAP_THRESHOLD && !active.some((o) => coversNeed(o, s.need)))
    .map(({ need }) => {
      const coming = onboarding
        .filter((o) => coversNeed(o, need))
        .map((o) => o.organisationName)
        .sort(byCodeUnits);
      const reason = `No partner that is active or in review offers ${offerPhrase(need.contributionTypes)} for ${audiencePhrase(need.audiences)}`;
      const also = `; ${joinAnd(coming)}, in onboarding, ${coming.length === 1 ? "does" : "do"}`;
      return { needId: need.id, title: need.title, reason: coming.length > 0 ? reason + also : reason };
    });
}

/** The partners among `others` that offer one of the intake's contribution types to one of its audiences. */
function overlapsAmong(intake: Intake, others: readonly PartnerSummary[]): Overlap[] {
  return others
    .map((o) => ({
      partnershipId: o.partnershipId,
      organisationName: o.organisationName,
      contributionTypes: intersect(intake.contributionTypes, o.contributionTypes),
      audiences: intersect(intake.audiences, o.audiences),
    }))
    .filter((o) => o.contributionTypes.length > 0 && o.audiences.length > 0)
    .sort(
      (a, b) =>
        b.contributionTypes.length + b.audiences.length - (a.contributionTypes.length + a.audiences.length) ||
        byCodeUnits(a.organisationName, b.organisationName) ||
        byCodeUnits(a.partnershipId, b.partnershipId),
    );
}

/**
 * An order that is the same on every machine: localeCompare depends on the runtime's locale data, and an
 * assessment is recorded in the ledger, where it must come out the same wherever it is recomputed.
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Readiness

interface Part {
  points: number;
  reason: string;
}

function capacityPart(hasCapacity: boolean): Part {
  return hasCapacity
    ? { points: 25, reason: "Has the capacity to partner now (+25)" }
    : { points: 0, reason: "Does not have the capacity to partner now (+0)" };
}

/** 0 hours is weak, 8 a good working minimum (two hours a week), 20 strong (about a day a week). */
function staffingPart(hours: number): Part {
  const h = plural(hours, "staff hour");
  if (hours >= 20) return { points: 30, reason: `${h} a month: strong (+30)` };
  if (hours >= 8) return { points: 20, reason: `${h} a month: good (+20)` };
  if (hours > 0) return { points: 10, reason: `${h} a month: limited, under 8 (+10)` };
  return { points: 0, reason: "No staff time set aside (0 hours a month): weak (+0)" };
}

function resourcesPart(resources: string): Part {
  return NO_RESOURCES.has(foldText(resources))
    ? { points: 0, reason: "Names no resources for the partnership (+0)" }
    : { points: 15, reason: "Names the resources it brings (+15)" };
}

function policiesPart(policies: readonly string[]): Part {
  const points = Math.min(30, policies.length * 5);
  return policies.length === 0
    ? { points: 0, reason: "Holds none of the policies asked about (+0)" }
    : {
        points,
        reason: `Holds ${plural(policies.length, "policy", "policies")}: ${policies.map((p) => label(p).toLowerCase()).join(", ")} (+${points})`,
      };
}

/** Safeguarding is what protects students in contact with the partner's people, so its absence costs extra. */
function safeguardingPart(intake: Intake): Part | undefined {
  const contact = intersect(intake.contributionTypes, STUDENT_CONTACT_TYPES);
  if (contact.length === 0 || intake.needsAssessment.readiness.policies.includes("safeguarding"))
    return undefined;
  return {
    points: -15,
    reason: `Offers contact with students (${offerPhrase(contact)}) but holds no safeguarding policy (-15)`,
  };
}

function readiness(intake: Intake): { score: number; reasons: string[] } {
  const r = intake.needsAssessment.readiness;
  const parts = [
    capacityPart(r.hasCapacity),
    staffingPart(r.staffingHoursPerMonth),
    resourcesPart(r.resources),
    policiesPart(r.policies),
    safeguardingPart(intake),
  ].filter((p): p is Part => p !== undefined);
  const total = parts.reduce((sum, p) => sum + p.points, 0);
  return { score: Math.max(0, Math.min(100, total)), reasons: parts.map((p) => p.reason) };
}

// ---------------------------------------------------------------------------------------------------------
// Proposed partnership type (source 002)

interface Condition {
  holds: boolean;
  /** The fact, phrased for when it holds and for when it does not. */
  met: string;
  unmet: string;
}

interface TypeRule {
  type: PartnershipType;
  /** "all": every condition must hold; "any": one is enough. */
  mode: "all" | "any";
  conditions: Condition[];
  meaning: string;
}

interface TypeFacts {
  intake: Intake;
  alignmentScore: number;
  readinessScore: number;
}

function strategicRule({ intake, alignmentScore, readinessScore }: TypeFacts): TypeRule {
  const longTerm = intersect(intake.contributionTypes, LONG_TERM_TYPES);
  const audiences = intake.audiences.length;
  return {
    type: "strategic-collaboration",
    mode: "all",
    meaning: "a strategic direction of programming aimed at student achievement",
    conditions: [
      {
        holds: alignmentScore >= STRATEGIC_MIN_ALIGNMENT,
        met: `alignment ${alignmentScore} is at least ${STRATEGIC_MIN_ALIGNMENT}`,
        unmet: `alignment ${alignmentScore} is below ${STRATEGIC_MIN_ALIGNMENT}`,
      },
      {
        holds: readinessScore >= STRATEGIC_MIN_READINESS,
        met: `readiness ${readinessScore} is at least ${STRATEGIC_MIN_READINESS}`,
        unmet: `readiness ${readinessScore} is below ${STRATEGIC_MIN_READINESS}`,
      },
      {
        holds: longTerm.length > 0,
        met: `long-term commitment: ${offerPhrase(longTerm)}`,
        unmet: "no long-term commitment (berths, placements or project-based learning)",
      },
      {
        holds: audiences >= STRATEGIC_MIN_AUDIENCES,
        met: `serves ${plural(audiences, "audience")}`,
        unmet: `serves ${plural(audiences, "audience")}, fewer than ${STRATEGIC_MIN_AUDIENCES}`,
      },
    ],
  };
}

function crossSectorRule({ intake }: TypeFacts): TypeRule {
  const orgType = intake.organisation.type;
  const workplace = intersect(intake.contributionTypes, WORKPLACE_TYPES);
  return {
    type: "cross-sector",
    mode: "all",
    meaning: "a partner from another sector bringing workplace learning",
    conditions: [
      {
        holds: OTHER_SECTOR_ORGANISATIONS.includes(orgType),
        met: `the organisation is an ${orgType === "employer" ? "employer" : "industry association"}`,
        unmet: `the organisation is not an employer or industry association (${orgType})`,
      },
      {
        holds: workplace.length > 0,
        met: `brings workplace contributions: ${offerPhrase(workplace)}`,
        unmet: "brings no workplace contribution (placements or berths)",
      },
    ],
  };
}

function collaborationRule({ intake }: TypeFacts): TypeRule {
  const types = intake.contributionTypes;
  const delivery = types.filter((t) => t !== "sponsor");
  return {
    type: "collaboration",
    mode: "any",
    meaning: "organisations sharing resources, risks and decision-making",
    conditions: [
      {
        holds: types.length >= COLLABORATION_MIN_TYPES,
        met: `offers ${plural(types.length, "contribution type")}: ${offerPhrase(types)}`,
        unmet: `offers ${plural(types.length, "contribution type")}, fewer than ${COLLABORATION_MIN_TYPES}`,
      },
      {
        holds: types.includes("sponsor") && delivery.length > 0,
        met: `both sponsors and delivers (${offerPhrase(delivery)})`,
        unmet: "does not both sponsor and deliver",
      },
    ],
  };
}

function partnershipRule({ intake }: TypeFacts): TypeRule {
  return {
    type: "partnership",
    mode: "all",
    meaning: "coordinated efforts for a targeted audience, with priorities set by the community partner",
    conditions: [
      {
        holds: true,
        met: `offers ${offerPhrase(intake.contributionTypes)} for ${audiencePhrase(intake.audiences)}`,
        unmet: "",
      },
    ],
  };
}

/** Evaluated in this order, most integrated first; the first rule that holds decides. */
const TYPE_RULES = [strategicRule, crossSectorRule, collaborationRule, partnershipRule] as const;

function ruleHolds(rule: TypeRule): boolean {
  return rule.mode === "all" ? rule.conditions.every((c) => c.holds) : rule.conditions.some((c) => c.holds);
}

function proposeType(facts: TypeFacts): { type: PartnershipType; reasons: string[] } {
  const notChosen: string[] = [];
  for (const build of TYPE_RULES) {
    const rule = build(facts);
    const name = label(rule.type).toLowerCase();
    if (ruleHolds(rule)) {
      const met = rule.conditions.filter((c) => c.holds).map((c) => c.met);
      return {
        type: rule.type,
        reasons: [`Proposed ${name} (${rule.meaning}): ${met.join("; ")}`, ...notChosen],
      };
    }
    const unmet = rule.conditions.filter((c) => !c.holds).map((c) => c.unmet);
    notChosen.push(`Not a ${name}: ${unmet.join("; ")}`);
  }
  // The last rule always holds; this keeps the function total for the type checker.
  return { type: "partnership", reasons: notChosen };
}

// ---------------------------------------------------------------------------------------------------------

/** Assesses an intake against the needs register and the other partnerships on file (never itself). */
export function assessIntake(
  intake: Intake,
  register: NeedsRegister,
  others: readonly PartnerSummary[],
): CurrentAssessment {
  const scored = matchNeeds(intake, register);
  const aligned = alignment(scored, register);
  const ready = readiness(intake);
  const proposed = proposeType({ intake, alignmentScore: aligned.score, readinessScore: ready.score });
  return {
    alignmentScore: aligned.score,
    alignmentReasons: aligned.reasons,
    needMatches: scored.map((s) => s.match),
    gapsFilled: gapsFilled(scored, others),
    overlaps: overlapsAmong(intake, others.filter(inStages(ACTIVE_STAGES))),
    inOnboarding: overlapsAmong(intake, others.filter(inStages(ONBOARDING_STAGES))),
    duplicates: findDuplicates(intake, others),
    organisationDomain: comparableDomain(intake.organisation.website),
    readinessScore: ready.score,
    readinessReasons: ready.reasons,
    proposedType: proposed.type,
    proposedTypeReasons: proposed.reasons,
  };
}
