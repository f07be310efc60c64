/** How every adapter builds its AWS SDK client. */

interface HasMiddlewareStack {
  middlewareStack: { remove(toRemove: string): boolean };
}

/**
 * The client without the SDK's logger middleware. We never log SDK calls, since they carry personal data,
 * but the middleware would still run its sensitive-data filter over every input and output for a log line
 * that the SDK's default no-op logger then drops: about a tenth of the SDK's CPU per call.
 */
export function unlogged<T extends HasMiddlewareStack>(client: T): T {
  client.middlewareStack.remove("loggerMiddleware");
  return client;
}
