/**
 * `npm run staff -- add <role> <email>` prints a new staff user's token (officer, lead or auditor); `npm run
 * staff -- revoke <email>` revokes one; `npm run staff -- list` lists them (never their tokens). Local only:
 * on AWS, staff are users of the Cognito user pool, in its groups. Works on the DATA_DIR `npm start` uses.
 */
import { LocalStaff } from "../local/staff.ts";

const dataDir = process.env.DATA_DIR ?? ".data";
const staff = new LocalStaff(dataDir);
const [command, ...rest] = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  console.error("Usage: npm run staff -- add <officer|lead|auditor> <email> | revoke <email> | list");
  process.exit(1);
}

try {
  if (command === "add" && rest.length === 2) {
    const issued = staff.add(rest[0] ?? "", rest[1] ?? "");
    console.log("The token is shown once: keep it. It is the user's password locally.");
    console.log(`${issued.role} ${issued.email} ${issued.token}`);
  } else if (command === "revoke" && rest.length === 1) {
    if (!staff.revoke(rest[0] ?? "")) fail(`No staff user ${rest[0]} to revoke`);
    console.log(`Revoked ${rest[0]}: their token no longer signs in.`);
  } else if (command === "list" && rest.length === 0) {
    for (const user of staff.list())
      console.log(
        `${user.role.padEnd(8)} ${user.email}${user.revokedAt ? ` (revoked ${user.revokedAt})` : ""}`,
      );
  } else {
    fail(command ? `Unknown command: ${[command, ...rest].join(" ")}` : "No command given");
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
