/**
 * The partner vetting checklist (the office's "Partnership Checklist"): versioned items, each with the
 * evidence it asks for and the rule over the intake's answers that says whether it applies.
 */
import type { Audience, ContributionType } from "../schemas/vocabulary.ts";

/** When an item applies, by the intake's answers; rules combine with `all` and `any`. */
export type ItemCondition =
  | { readonly always: true }
  | { readonly anyContribution: readonly ContributionType[] }
  | { readonly anyAudience: readonly Audience[] }
  | { readonly all: readonly ItemCondition[] }
  | { readonly any: readonly ItemCondition[] };

/** The details a piece of evidence carries besides an optional document. */
export type EvidenceField = "issuer" | "number" | "amount" | "expiry";

export interface ChecklistItem {
  /** Stable across versions, so that evidence given against it can be found again. */
  readonly id: string;
  readonly title: string;
  /** What the partner is asked for, in a sentence. */
  readonly guidance: string;
  /** A declaration the partner ticks, evidence details (with an optional document), or either. */
  readonly answer: "declaration" | "evidence" | "either";
  /** The evidence details asked for; `expiry` makes the evidence lapse (re-requested, then flagged). */
  readonly evidenceFields: readonly EvidenceField[];
  readonly appliesWhen: ItemCondition;
}

export interface Checklist {
  /** The version a partnership pins when its vetting starts. */
  readonly version: string;
  readonly items: readonly ChecklistItem[];
}

/** What the conditions read of an intake. */
export interface ChecklistAnswers {
  readonly contributionTypes: readonly ContributionType[];
  readonly audiences: readonly Audience[];
}

/** An item's title in the checklist; its id in words for one the checklist does not have. */
export function itemTitle(checklist: Checklist, itemId: string): string {
  return checklist.items.find((item) => item.id === itemId)?.title ?? itemId.replaceAll("-", " ");
}

export function conditionHolds(condition: ItemCondition, answers: ChecklistAnswers): boolean {
  if ("always" in condition) return true;
  if ("anyContribution" in condition)
    return condition.anyContribution.some((c) => answers.contributionTypes.includes(c));
  if ("anyAudience" in condition) return condition.anyAudience.some((a) => answers.audiences.includes(a));
  if ("all" in condition) return condition.all.every((c) => conditionHolds(c, answers));
  return condition.any.some((c) => conditionHolds(c, answers));
}

/** The items of the checklist that apply to a partnership with these answers, in the checklist's order. */
export function applicableItems(checklist: Checklist, answers: ChecklistAnswers): ChecklistItem[] {
  return checklist.items.filter((item) => conditionHolds(item.appliesWhen, answers));
}

/** What a partner gave for one item: a declaration, or evidence details (and perhaps a document). */
export interface EvidenceGiven {
  readonly itemId: string;
  readonly kind: "declaration" | "evidence";
  /** The day the evidence lapses (YYYY-MM-DD), for evidence that expires. */
  readonly expiresOn?: string | undefined;
}

/** An automatic check's finding before the officer looks: evidence lapsed, or lapsing within the agreement. */
export interface EvidenceFlag {
  readonly itemId: string;
  readonly flag: "expired" | "expires-within-term";
  readonly expiresOn: string;
}

/**
 * Evidence already expired on `today`, or expiring before the agreement's term ends (`termEndsOn`): both
 * YYYY-MM-DD days, which compare as strings.
 */
export function evidenceFlags(
  given: readonly EvidenceGiven[],
  today: string,
  termEndsOn: string,
): EvidenceFlag[] {
  return given.flatMap((g): EvidenceFlag[] => {
    if (g.kind !== "evidence" || g.expiresOn === undefined) return [];
    if (g.expiresOn <= today) return [{ itemId: g.itemId, flag: "expired", expiresOn: g.expiresOn }];
    if (g.expiresOn < termEndsOn)
      return [{ itemId: g.itemId, flag: "expires-within-term", expiresOn: g.expiresOn }];
    return [];
  });
}
