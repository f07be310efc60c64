/**
 * The signed-in staff member a request comes from, as the HTTP API's JWT authorizer (or the local server, in
 * its place) hands the claims to the handler; and the check of their role. No claims: 401; a role the route
 * does not allow: 403. The authorizer refuses a missing or bad token before any handler runs; this is the
 * handler's own check of who may do what.
 */
import { type Claims, hasAnyRole, type Principal, principalOf, type Role } from "../domain/staff.ts";
import type { HttpEvent } from "./http-handler.ts";
import { ForbiddenError, UnauthorizedError } from "./problems.ts";

/** The claims of the request's token, if its route has an authorizer and it let the request through. */
export function claimsOf(event: HttpEvent): Claims | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } };
  return context.authorizer?.jwt?.claims;
}

/** The principal, who must hold one of `roles`. */
export function requireRole(event: HttpEvent, roles: readonly Role[]): Principal {
  const principal = principalOf(claimsOf(event));
  if (!principal) throw new UnauthorizedError();
  if (!hasAnyRole(principal, roles))
    throw new ForbiddenError(
      `This needs the role ${roles.join(" or ")}; you are signed in as ${principal.roles.join(", ") || "no role"}.`,
    );
  return principal;
}
