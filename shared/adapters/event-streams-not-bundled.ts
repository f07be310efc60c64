/**
 * Stands in for @smithy/core/event-streams in the Lambda bundles (an esbuild alias, see
 * infra/lambda-bundling.ts). DynamoDB, SES and Step Functions import that module lazily, the first time an
 * operation sends or receives an event stream, which none of theirs does; but a single-file bundle inlines
 * whatever a dynamic import names: ~19 KiB, and the smithy modules it shares wrapped for lazy evaluation.
 * The S3 client imports two of its names when it loads and builds an event-stream marshaller when it is
 * constructed (for SelectObjectContent, which we never call): so this module gives those names, and whatever
 * would stream events fails here, with the reason.
 */

const NOT_BUNDLED =
  "@smithy/core/event-streams is left out of the Lambda bundles (infra/lambda-bundling.ts); remove that alias to use event streams";

function notBundled(): never {
  throw new Error(NOT_BUNDLED);
}

/** As the SDK's own: the client's configuration, given the marshaller its provider makes. */
export function resolveEventStreamSerdeConfig<T extends { eventStreamSerdeProvider: (config: T) => unknown }>(
  input: T,
): T & { eventStreamMarshaller: unknown } {
  return Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });
}

/** A marshaller that refuses to serialize or deserialize any event stream. */
export function eventStreamSerdeProvider(): { serialize: () => never; deserialize: () => never } {
  return { serialize: notBundled, deserialize: notBundled };
}

/** What a protocol loads to stream events: refused. */
export class EventStreamSerde {
  constructor() {
    notBundled();
  }
}
