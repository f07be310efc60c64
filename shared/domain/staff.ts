/**
 * Staff sign-in: the office's roles, and the principal a handler reads from the claims the HTTP API's JWT
 * authorizer hands it (`requestContext.authorizer.jwt.claims`). On AWS the claims come from a Cognito token;
 * locally from a staff bearer token the local server checks (infra/local/staff.ts): the same shape either way.
 * Partners never sign in: their links are their credentials.
 */

export const ROLES = ["officer", "lead", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** The Cognito group of each role (and the claim value locally). */
export const GROUP_OF: Readonly<Record<Role, string>> = {
  officer: "officers",
  lead: "leads",
  auditor: "auditors",
};

/** The claim that carries a principal's groups. */
export const GROUPS_CLAIM = "cognito:groups";

export interface Principal {
  /** The subject: Cognito's user id, or locally the staff user's id. */
  readonly sub: string;
  readonly email: string;
  readonly roles: readonly Role[];
}

export type Claims = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/**
 * The groups as a claim carries them: an array, or the string API Gateway makes of one ("[officers leads]"),
 * or a single group.
 */
function groupsOf(value: Claims[string]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string") return [];
  const inner = value.trim().replace(/^\[/, "").replace(/\]$/, "");
  return inner.split(/[\s,]+/).filter((g) => g.length > 0);
}

/** The principal the claims name, or undefined when they name no one (no subject) or no role of ours. */
export function principalOf(claims: Claims | undefined): Principal | undefined {
  if (!claims) return undefined;
  const sub = typeof claims.sub === "string" ? claims.sub : undefined;
  if (!sub) return undefined;
  const groups = new Set(groupsOf(claims[GROUPS_CLAIM]));
  const roles = ROLES.filter((role) => groups.has(GROUP_OF[role]));
  const email = typeof claims.email === "string" ? claims.email : "";
  return { sub, email, roles };
}

/** Whether the principal holds any of `roles`. */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
