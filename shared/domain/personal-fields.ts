/**
 * Where personal data sits in what the application stores (names, emails, phone numbers, addresses, and a
 * signature's IP and user agent), and the literal it reads as once erased. Each field is named by a label
 * that stays the same wherever the value is copied (the intake on META, in its ledger event, in a
 * resubmission), so that a sealed value can be copied as it is: its label is bound into its ciphertext.
 */
/** What a personal field reads as once its partnership's data key is destroyed. */
export const ERASED = "erased";

/** A personal field: where it is, relative to the object that holds it, and its label. */
export interface PersonalField {
  readonly path: readonly string[];
  readonly label: string;
}

const fields = (prefix: string, names: readonly string[]): PersonalField[] =>
  names.map((name) => ({ path: [...prefix.split("."), name], label: `${prefix}.${name}` }));

/** The intake's personal fields: its contact, its signatory, and the organisation's address. */
export const INTAKE_PERSONAL_FIELDS: readonly PersonalField[] = [
  ...fields("contact", ["name", "email", "phone"]),
  ...fields("signatory", ["name", "title", "email"]),
  ...fields("organisation.address", ["line1", "city", "region", "postalCode", "country"]),
];

/**
 * What a step's `details` may hold of a person (shared/schemas/step-details.ts): the signatory who confirmed,
 * the delegate, a signature's evidence.
 */
export const DETAILS_PERSONAL_FIELDS: readonly PersonalField[] = [
  ...fields("signatory", ["name", "title", "email"]),
  ...fields("delegate", ["name", "title", "email"]),
  ...fields("signature", ["name", "title", "email", "ip", "userAgent"]),
];

/**
 * The steps whose assignee is the signatory's email rather than an officer's or `partner` (a test checks this
 * against the step registry, which this module may not import: it would carry every step's pages).
 */
export const SIGNATORY_STEP_KINDS: readonly string[] = ["signatory-confirmation", "agreement-signing"];

/** Who a decision asks, from what it stores: the partner's are assigned `partner`, the signatory's by kind. */
export function askedOf(decision: {
  readonly assignee: string;
  readonly kind: string;
}): "officer" | "partner" | "signatory" {
  if (decision.assignee === "partner") return "partner";
  return SIGNATORY_STEP_KINDS.includes(decision.kind) ? "signatory" : "officer";
}

const under = (prefix: string, list: readonly PersonalField[]): PersonalField[] =>
  list.map((f) => ({ path: [prefix, ...f.path], label: f.label }));

/** The personal fields of a ledger event's (or a draft's) data. */
export function eventPersonalFields(data: { readonly [key: string]: unknown }): PersonalField[] {
  return [
    ...under("intake", INTAKE_PERSONAL_FIELDS),
    ...under("details", DETAILS_PERSONAL_FIELDS),
    ...(typeof data.kind === "string" && SIGNATORY_STEP_KINDS.includes(data.kind)
      ? [{ path: ["assignee"], label: "assignee" }]
      : []),
  ];
}

/** The personal fields of a stored decision: what its step recorded, a resubmitted intake, a signatory assignee. */
export function decisionPersonalFields(decision: { readonly kind: string }): PersonalField[] {
  return [
    ...under("details", DETAILS_PERSONAL_FIELDS),
    ...INTAKE_PERSONAL_FIELDS.map((f) => ({ path: ["resubmission", "intake", ...f.path], label: f.label })),
    ...(SIGNATORY_STEP_KINDS.includes(decision.kind) ? [{ path: ["assignee"], label: "assignee" }] : []),
  ];
}

/** Actors named by a person's email rather than staff's (`signatory:<email>`, step-pages.ts): that part is personal. */
const PERSONAL_ACTOR = /^(signatory:)(.+)$/s;

/** The actor with its personal part changed (`signatory:<sealed>`); any other actor as it is. */
export function mapActor(actor: string, change: (text: string, label: string) => string): string {
  const match = PERSONAL_ACTOR.exec(actor);
  return match ? `${match[1]}${change(match[2] as string, "actor")}` : actor;
}

/**
 * A copy of `value` with each string at one of `fields` replaced by `change(string, label)`; everything else
 * (and a field that is absent, or not a string) as it was. The input is not changed.
 */
export function mapPersonal<T>(
  value: T,
  fields: readonly PersonalField[],
  change: (text: string, label: string) => string,
): T {
  let out: unknown = value;
  for (const field of fields) out = mapAt(out, field.path, (text) => change(text, field.label));
  return out as T;
}

function mapAt(value: unknown, path: readonly string[], change: (text: string) => string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return typeof value === "string" ? change(value) : value;
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, head))
    return value;
  const record = value as { [key: string]: unknown };
  const next = mapAt(record[head], rest, change);
  return next === record[head] ? value : { ...record, [head]: next };
}
