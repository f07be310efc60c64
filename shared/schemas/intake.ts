/** The intake form: the one zod schema behind the API, the HTML form, its types and its JSON Schema. */

import { freeText, textLine } from "./free-text.ts";
import { AUDIENCES, CONTRIBUTION_TYPES, ORGANISATION_TYPES, PARTNER_POLICIES } from "./vocabulary.ts";
import * as z from "./zod.ts";

const email = z.pipe(
  z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)),
  z.email("Enter a valid email address"),
);

const website = z.pipe(
  z.string().check(z.trim(), z.maxLength(300)),
  z.url({ protocol: /^https?$/, message: "Enter a web address starting with http:// or https://" }),
);

/** A list of distinct items; `one` and `many` name an item and items in its messages. */
const uniqueList = <T extends z.ZodMiniType>(item: T, min: number, max: number, one: string, many: string) =>
  z.array(item).check(
    z.minLength(min, min === 1 ? `Choose at least one ${one}` : `Choose at least ${min} ${many}`),
    z.maxLength(max, `At most ${max} ${many}`),
    z.refine((xs) => new Set(xs).size === xs.length, `Each ${one} only once`),
  );

/** One of a list of options, with a message a person can act on rather than the list's codes. */
const option = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, "Choose one of the options offered");

export const organisationSchema = z.strictObject({
  // A name is compared for duplicates by its letters and digits (normaliseOrganisationName); it needs some.
  // (Only once it is long enough: a too-short name gets one message, not two.)
  name: textLine(2, 200).check(
    z.refine((s) => s.length < 2 || /[\p{L}\p{N}]/u.test(s), "Enter the organisation's name"),
  ),
  type: option(ORGANISATION_TYPES),
  website: z.optional(website),
  address: z.strictObject({
    line1: textLine(1, 200),
    city: textLine(1, 100),
    region: z.optional(textLine(1, 100)),
    postalCode: z.optional(textLine(1, 20)),
    country: textLine(2, 100),
  }),
});

export const personSchema = z.strictObject({
  name: textLine(1, 200),
  email,
  phone: z.optional(
    z
      .string()
      .check(z.trim(), z.regex(/^[+0-9 ()-]{6,30}$/, "Enter a phone number of digits, spaces, +, ( ) or -")),
  ),
});

export const signatorySchema = z.strictObject({
  name: textLine(1, 200),
  title: textLine(1, 200),
  email,
});

export const readinessSchema = z.strictObject({
  hasCapacity: z.boolean("Answer yes or not yet"),
  staffingHoursPerMonth: z
    .number("Enter a number of hours")
    .check(
      z.int("Enter a whole number of hours"),
      z.minimum(0, "Enter 0 or more hours"),
      z.maximum(744, "A month has at most 744 hours"),
    ),
  resources: freeText(1, 2000),
  policies: uniqueList(option(PARTNER_POLICIES), 0, PARTNER_POLICIES.length, "policy", "policies"),
});

export const needsAssessmentSchema = z.strictObject({
  needToFill: freeText(10, 2000),
  expectedOutcome: freeText(10, 2000),
  soughtFromOffice: freeText(1, 2000),
  offerToOffice: freeText(1, 2000),
  readiness: readinessSchema,
});

export const intakeSchema = z.strictObject({
  organisation: organisationSchema,
  contact: personSchema,
  signatory: signatorySchema,
  services: uniqueList(textLine(2, 200), 1, 20, "service", "services"),
  contributionTypes: uniqueList(
    option(CONTRIBUTION_TYPES),
    1,
    CONTRIBUTION_TYPES.length,
    "way to contribute",
    "ways to contribute",
  ),
  audiences: uniqueList(option(AUDIENCES), 1, AUDIENCES.length, "group of learners", "groups of learners"),
  needsAssessment: needsAssessmentSchema,
});

export type Intake = z.infer<typeof intakeSchema>;

/** The JSON Schema the API publishes at GET /api/schema/intake, generated from the zod schema above. */
export function intakeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(intakeSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
