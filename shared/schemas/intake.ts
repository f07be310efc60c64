/** The intake form: the one zod schema behind the API, the HTML form, its types and its JSON Schema. */

import { freeText, REQUIRED, requiredOr, textLine } from "./free-text.ts";
import { AUDIENCES, CONTRIBUTION_TYPES, ORGANISATION_TYPES, PARTNER_POLICIES } from "./vocabulary.ts";
import * as z from "./zod.ts";

const email = z.pipe(
  z
    .string({ error: requiredOr() })
    .check(z.trim(), z.toLowerCase(), z.minLength(1, { error: REQUIRED, abort: true }), z.maxLength(254)),
  z.email("Enter a valid email address"),
);

/**
 * A website typed without a scheme ("example.org", "example.org:8080/about") is read as https. One with a
 * scheme of its own ("mailto:", "javascript:") is left as it is, for the protocol check to refuse.
 */
function withScheme(address: string): string {
  return address === "" || /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(address) ? address : `https://${address}`;
}

/** A host name with a dot and a top-level domain of letters (or its punycode): no "localhost", no IP address. */
const HOSTNAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const website = z.pipe(
  z.string({ error: requiredOr() }).check(z.trim(), z.maxLength(300), z.overwrite(withScheme)),
  z.url({
    protocol: /^https?$/,
    hostname: HOSTNAME,
    message: "Enter a web address such as https://example.org",
  }),
);

/** A list of distinct items, at least one when `min` is 1; `one` and `many` name an item and items. */
const uniqueList = <T extends z.ZodMiniType>(item: T, min: 0 | 1, max: number, one: string, many: string) =>
  z.array(item, { error: requiredOr() }).check(
    ...(min === 1 ? [z.minLength(1, REQUIRED)] : []),
    z.maxLength(max, `At most ${max} ${many}`),
    z.refine((xs) => new Set(xs).size === xs.length, `Each ${one} only once`),
  );

/** One of a list of options, with a message a person can act on rather than the list's codes. */
const option = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: requiredOr("Choose one of the options offered") });

/** What a number of hours that is not a whole number of hours is told. */
const WHOLE_HOURS = "Enter a whole number of hours, such as 8";

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
  hasCapacity: z.boolean({ error: requiredOr("Answer yes or not yet") }),
  staffingHoursPerMonth: z
    .number({ error: requiredOr(WHOLE_HOURS) })
    .check(
      z.int(WHOLE_HOURS),
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
