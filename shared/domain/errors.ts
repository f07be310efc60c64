/** Named domain errors: part of the contract. Step Functions catches them by name, handlers map them to HTTP. */

export abstract class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class IllegalTransitionError extends DomainError {}
export class PartnershipNotFoundError extends DomainError {}
export class LinkNotFoundError extends DomainError {}
export class LinkExpiredError extends DomainError {}
export class LinkUsedError extends DomainError {}
/** A repeated step sent a newer link for the same decision; only the newest one works. */
export class LinkReplacedError extends DomainError {}
export class LedgerConflictError extends DomainError {}
export class ValidationError extends DomainError {}
