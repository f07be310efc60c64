/** The origin check of the forms that change state: they are only accepted when posted from this site. */
import type middy from "@middy/core";
import type { HttpEvent } from "./http-handler.ts";
import { ForbiddenError } from "./problems.ts";

/** Whether `claimed` (an Origin, or a Referer's URL) is the site at `base`: the same scheme, host and port. */
export function isSameOrigin(claimed: string, base: string): boolean {
  try {
    return new URL(claimed).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/**
 * The Origin a browser sends with a POST, or failing that the Referer, must be the public base URL's. Neither
 * sent (a client that is not a browser, or one that strips both) is let through: a browser posting a form
 * from another site sends its Origin. The request's own Host is not trusted: a DNS-rebound name matches it.
 */
export function sameOrigin(publicBaseUrl: () => string): middy.MiddlewareObj<HttpEvent> {
  return {
    before: ({ event }) => {
      const claimed = event.headers.origin ?? event.headers.referer;
      if (claimed === undefined) return;
      if (!isSameOrigin(claimed, publicBaseUrl())) {
        throw new ForbiddenError("This form was posted from another site");
      }
    },
  };
}
