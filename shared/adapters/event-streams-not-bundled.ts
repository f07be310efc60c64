/**
 * Stands in for @smithy/core/event-streams in the Lambda bundles (an esbuild alias, see
 * infra/lambda-bundling.ts). DynamoDB, SES and Step Functions import that module lazily, the first time an
 * operation sends or receives an event stream, which none of theirs does; S3's client imports two of its names
 * when it is built (its config resolver and the serde provider), for SelectObjectContent, which we never call.
 * A single-file bundle would inline the whole module (~19 KiB, and the smithy modules it shares wrapped for lazy
 * evaluation): this one resolves S3's config without an event-stream marshaller, and whatever asks for event
 * streams fails here with the reason.
 */

const REASON =
  "@smithy/core/event-streams is left out of the Lambda bundles (infra/lambda-bundling.ts); remove that alias to use event streams";

function leftOut(): never {
  throw new Error(REASON);
}

/** S3's client config: left as it is, with no event-stream marshaller (no operation of ours streams events). */
export const resolveEventStreamSerdeConfig = <T>(input: T): T => input;

/** What builds an event-stream marshaller: never called, since the resolver above does not call it. */
export const eventStreamSerdeProvider = leftOut;

/** Asked for by the SDK's protocols only for an operation that streams events. */
export class EventStreamSerde {
  constructor() {
    leftOut();
  }
}
