/** HTTP-facing errors: a status, a message a person can act on, and the fields that failed. */
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

export class ConflictError extends Error {
  readonly statusCode = 409;
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
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
