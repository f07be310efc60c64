/**
 * Stands in for @smithy/core/event-streams in the Lambda bundles (an esbuild alias, see
 * infra/lambda-bundling.ts). The SDK loads that module the first time an operation sends or receives an event
 * stream, which none of our operations does; but a single-file bundle inlines whatever a dynamic import names:
 * ~19 KiB, and the smithy modules it shares wrapped for lazy evaluation. The S3 client names two of its exports
 * at construction (its config resolver and the provider it calls): they are here, and build a marshaller that
 * refuses to work. Any streaming call fails with the reason.
 */
const REASON =
  "@smithy/core/event-streams is left out of the Lambda bundles (infra/lambda-bundling.ts); remove that alias to use event streams";

function unavailable(): never {
  throw new Error(REASON);
}

/** What the S3 client's runtime config takes as its event stream provider: a marshaller that refuses. */
export const eventStreamSerdeProvider = () => ({ serialize: unavailable, deserialize: unavailable });

/** The S3 client's config resolver: as the real one, with the refusing marshaller. */
export function resolveEventStreamSerdeConfig<T extends { eventStreamSerdeProvider: (input: T) => unknown }>(
  input: T,
): T & { eventStreamMarshaller: unknown } {
  return Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });
}

/** The serde a protocol asks for lazily before it streams: refuses as soon as it is made. */
export class EventStreamSerde {
  constructor() {
    unavailable();
  }
}
