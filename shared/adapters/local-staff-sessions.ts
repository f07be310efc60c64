/**
 * The local stand-in for Cognito's sessions: a staff token (infra/local/staff.ts, `$STAFF_DIR/staff.json`) is
 * exchanged for an ID token with the claims Cognito's would hold, signed with an Ed25519 key kept beside it
 * (`$STAFF_DIR/session-key.pem`, made on first use, readable by its owner only). A session of a user revoked
 * since stops at once: each check reads the staff file.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SESSION_HOURS } from "../auth/cookies.ts";
import { signIdToken, verifyIdToken } from "../auth/id-token.ts";
import type { Claims } from "../domain/staff.ts";
import type { StaffSessions } from "../ports/staff-sessions.ts";
import { LocalStaff } from "./local-staff.ts";

/** The issuer and audience of the local ID tokens (Cognito's are its pool's URL and the app client's id). */
export const LOCAL_ISSUER = "partnerflow-local-staff";
export const LOCAL_AUDIENCE = "partnerflow-console";

interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly kid: string;
}

/** The key under `dir`, made if there is none (a second maker loses the race and reads the winner's). */
function signingKey(dir: string): SigningKey {
  const file = join(dir, "session-key.pem");
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch {
    mkdirSync(dir, { recursive: true });
    const made = generateKeyPairSync("ed25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    try {
      writeFileSync(file, made, { mode: 0o600, flag: "wx" });
    } catch {
      // Made by another process meanwhile: its key is the one.
    }
    pem = readFileSync(file, "utf8");
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: "spki", format: "der" });
  return { privateKey, publicKey, kid: createHash("sha256").update(der).digest("hex").slice(0, 16) };
}

export function localStaffSessions(dir: string, now: () => Date = () => new Date()): StaffSessions {
  const staff = new LocalStaff(dir);
  let key: SigningKey | undefined;
  const keyOf = () => {
    key ??= signingKey(dir);
    return key;
  };
  return {
    async verify(idToken: string): Promise<Claims | undefined> {
      const { publicKey, kid } = keyOf();
      const verdict = await verifyIdToken(idToken, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        key: (wanted) => (wanted === kid ? publicKey : undefined),
        now: now(),
      });
      if (!verdict.ok) return undefined;
      const sub = verdict.claims.sub;
      const active = staff.list().some((user) => user.id === sub && !user.revokedAt);
      return active ? verdict.claims : undefined;
    },
    signIn: {
      kind: "local",
      exchange(staffToken: string): string | undefined {
        const claims = staff.claimsFor(staffToken.trim());
        if (!claims) return undefined;
        const issuedAt = Math.floor(now().getTime() / 1000);
        const groups = (claims["cognito:groups"] ?? "")
          .replace(/^\[|\]$/g, "")
          .split(/[\s,]+/)
          .filter(Boolean);
        const { privateKey, kid } = keyOf();
        return signIdToken(
          {
            sub: claims.sub,
            email: claims.email,
            "cognito:groups": groups,
            iss: LOCAL_ISSUER,
            aud: LOCAL_AUDIENCE,
            token_use: "id",
            iat: issuedAt,
            exp: issuedAt + SESSION_HOURS * 3600,
          },
          privateKey,
          kid,
        );
      },
    },
  };
}
