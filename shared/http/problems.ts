/** HTTP-facing errors: a status, a message a person can act on, and the fields that failed. */
import { PartnershipNotFoundError } from "../domain/errors.ts";
import type { FieldError } from "../schemas/validation.ts";

export class BadRequestError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** `title`: the page's heading, when "Already used" (a link, a key, a decision) is not what happened. */
export class ConflictError extends Error {
  readonly statusCode = 409;
  constructor(
    message: string,
    readonly title?: string,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/** No one signed in (the route's authorizer should have refused first: this is the handler's own check). */
export class UnauthorizedError extends Error {
  readonly statusCode = 401;
  constructor(message = "Sign in first") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

/** What the request names does not exist (an API's resource; a step page's missing partnership stays a 500). */
export class NotFoundError extends Error {
  readonly statusCode = 404;
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** A partnership the path names and the table has not is the caller's 404, not our 500. */
export async function foundOr404<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof PartnershipNotFoundError) throw new NotFoundError("There is no such partnership.");
    throw error;
  }
}

export class ForbiddenError extends Error {
  readonly statusCode = 403;
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** A request too large to take: said plainly, with the limit a person can act on. */
export class PayloadTooLargeError extends Error {
  readonly statusCode = 413;
  constructor(message: string) {
    super(message);
    this.name = "PayloadTooLargeError";
  }
}
