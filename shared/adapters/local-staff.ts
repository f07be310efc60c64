/**
 * The local stand-in for the Cognito user pool: staff users with hashed bearer tokens, in `$DATA_DIR/staff.json`.
 * A token is 256 random bits (base64url), shown once when made; only its SHA-256 is kept. The local HTTP server
 * checks a route's bearer token here and hands the handler the claims API Gateway's JWT authorizer would
 * (`sub`, `email`, `cognito:groups`), so no handler knows which of the two it runs behind.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashToken, isWellFormedToken, mintToken } from "../domain/link-tokens.ts";
import { GROUP_OF, GROUPS_CLAIM, isRole, type Role } from "../domain/staff.ts";

export interface StaffUser {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly tokenHash: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

interface StaffFile {
  readonly users: StaffUser[];
}

/** A user made, with the token that signs them in: printed once, never stored. */
export interface IssuedToken {
  readonly role: Role;
  readonly email: string;
  readonly token: string;
}

/** The users a first start makes when it is given none: one of each role. */
export const FIRST_USERS: readonly { role: Role; email: string }[] = [
  { role: "officer", email: "officer@example.org" },
  { role: "lead", email: "lead@example.org" },
  { role: "auditor", email: "auditor@example.org" },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The users the first `npm start` makes: every officer the configuration names (steps are assigned to any of
 * them), the lead, and one auditor.
 */
export function configuredStaff(config: {
  readonly OFFICER_EMAILS: readonly string[];
  readonly LEAD_EMAIL?: string | undefined;
}): { role: Role; email: string }[] {
  const auditor = FIRST_USERS.find((u) => u.role === "auditor") as { role: Role; email: string };
  return [
    ...config.OFFICER_EMAILS.map((email) => ({ role: "officer" as const, email })),
    ...(config.LEAD_EMAIL ? [{ role: "lead" as const, email: config.LEAD_EMAIL }] : []),
    auditor,
  ];
}

export class LocalStaff {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, "staff.json");
  }

  /** Whether the staff file exists (a DATA_DIR that has started before). */
  exists(): boolean {
    return existsSync(this.file);
  }

  /**
   * On an empty DATA_DIR, makes `users` (FIRST_USERS, or the configured officers, lead and an auditor) and
   * returns their tokens; otherwise nothing.
   */
  seed(now = new Date(), users: readonly { role: Role; email: string }[] = FIRST_USERS): IssuedToken[] {
    if (this.exists()) return [];
    const issued = users.map(({ role, email }) => this.issue(role, email.trim().toLowerCase(), now));
    this.write({ users: issued.map((i) => i.user) });
    return issued.map((i) => i.token);
  }

  /** Adds a user, or gives an existing one a new token (the old one stops working). */
  add(role: string, email: string, now = new Date()): IssuedToken {
    if (!isRole(role)) throw new Error(`The role must be officer, lead or auditor, not "${role}"`);
    const address = email.trim().toLowerCase();
    if (!EMAIL.test(address)) throw new Error(`"${email}" is not an email address`);
    const { user, token } = this.issue(role, address, now);
    const others = this.read().users.filter((u) => u.email !== address);
    this.write({ users: [...others, user] });
    return token;
  }

  /** Revokes the user's token; false when there is no such user. */
  revoke(email: string, now = new Date()): boolean {
    const address = email.trim().toLowerCase();
    const { users } = this.read();
    const found = users.find((u) => u.email === address && !u.revokedAt);
    if (!found) return false;
    this.write({
      users: users.map((u) => (u === found ? { ...u, revokedAt: now.toISOString() } : u)),
    });
    return true;
  }

  list(): readonly StaffUser[] {
    return this.read().users;
  }

  /**
   * The claims of the user a bearer token signs in, as the JWT authorizer gives them; undefined for a token
   * that is malformed, unknown or revoked. Read from the file at each call, so that `npm run staff` takes
   * effect without a restart.
   */
  claimsFor(token: string): Record<string, string> | undefined {
    if (!isWellFormedToken(token)) return undefined;
    const hash = Buffer.from(hashToken(token), "hex");
    const user = this.read().users.find((u) => {
      const stored = Buffer.from(String(u.tokenHash), "hex");
      // A hash damaged in the file signs no one in (timingSafeEqual throws on unequal lengths).
      return !u.revokedAt && stored.length === hash.length && timingSafeEqual(stored, hash);
    });
    if (!user) return undefined;
    return { sub: user.id, email: user.email, [GROUPS_CLAIM]: `[${GROUP_OF[user.role]}]` };
  }

  private issue(role: Role, email: string, now: Date): { user: StaffUser; token: IssuedToken } {
    const minted = mintToken();
    return {
      user: { id: randomUUID(), email, role, tokenHash: minted.hash, createdAt: now.toISOString() },
      token: { role, email, token: minted.token },
    };
  }

  private read(): StaffFile {
    if (!this.exists()) return { users: [] };
    const parsed = JSON.parse(readFileSync(this.file, "utf8")) as Partial<StaffFile>;
    return { users: Array.isArray(parsed.users) ? parsed.users : [] };
  }

  private write(contents: StaffFile): void {
    mkdirSync(join(this.file, ".."), { recursive: true });
    const partial = `${this.file}.tmp`;
    writeFileSync(partial, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, this.file);
  }
}
