/**
 * The shape of the needs register, as a zod schema (a test holds the default register to it). Apart from the
 * register itself, so that the assessment's function does not build the schema at its cold start.
 */
import { AUDIENCES, CONTRIBUTION_TYPES } from "../schemas/vocabulary.ts";
import * as z from "../schemas/zod.ts";

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const uniqueValues = <T extends z.ZodMiniType>(item: T, what: string) =>
  z.array(item).check(
    z.minLength(1, `At least one ${what}`),
    z.refine((xs) => new Set(xs).size === xs.length, `Each ${what} only once`),
  );

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const needSchema = z.object({
  id: z.string().check(z.regex(KEBAB, "Use lowercase words joined by hyphens")),
  title: trimmed(3, 200),
  description: trimmed(10, 2000),
  contributionTypes: uniqueValues(z.enum(CONTRIBUTION_TYPES), "contribution type"),
  audiences: uniqueValues(z.enum(AUDIENCES), "audience"),
  // Lowercase because matching is case-insensitive and the register is compared as written.
  keywords: uniqueValues(
    z.string().check(
      z.trim(),
      z.minLength(2),
      z.maxLength(60),
      z.refine((k) => k === k.toLowerCase(), "Keywords are lowercase"),
    ),
    "keyword",
  ),
  priority: z.enum(["high", "medium", "low"]),
  source: trimmed(3, 200),
});

export const needsRegisterSchema = z.object({
  version: trimmed(1, 50),
  needs: z.array(needSchema).check(
    z.minLength(1, "A register needs at least one need"),
    z.refine((needs) => new Set(needs.map((n) => n.id)).size === needs.length, "Need ids must be unique"),
  ),
});

export type Need = z.infer<typeof needSchema>;
export type NeedPriority = Need["priority"];
export type NeedsRegister = z.infer<typeof needsRegisterSchema>;

/** The register an office starts from, taken from the partnership-office sources (000–004). */
