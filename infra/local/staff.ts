/**
 * The local user pool's staff (`$DATA_DIR/staff.json`): kept in shared/adapters/local-staff.ts, since the
 * local sign-in (shared/adapters/local-staff-sessions.ts) reads it too; the runtime and `npm run staff` use it here.
 */
export * from "../../shared/adapters/local-staff.ts";
