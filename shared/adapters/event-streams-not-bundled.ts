/**
 * Stands in for @smithy/core/event-streams in the Lambda bundles (an esbuild alias, see
 * infra/lambda-bundling.ts). The SDK imports that module lazily, the first time an operation sends or receives
 * an event stream; DynamoDB, SES and Step Functions have no such operation, but a single-file bundle inlines
 * whatever a dynamic import names: ~19 KiB, and the smithy modules it shares wrapped for lazy evaluation.
 * Should a client with event streams ever be bundled, its first streaming call fails here with the reason.
 */
throw new Error(
  "@smithy/core/event-streams is left out of the Lambda bundles (infra/lambda-bundling.ts); remove that alias to use event streams",
);
