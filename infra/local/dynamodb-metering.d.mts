/** Types for dynamodb-metering.mjs, which runs in dynalite's worker thread as plain JavaScript. */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { DynamoDbRequestUsage } from "./meter.ts";

type AttributeValue = Readonly<Record<string, unknown>>;
type Item = Readonly<Record<string, AttributeValue>>;
interface KeySchemaElement {
  readonly AttributeName: string;
  readonly KeyType: string;
}
export interface IndexDescription {
  readonly KeySchema: readonly KeySchemaElement[];
  readonly Projection?: { readonly ProjectionType?: string; readonly NonKeyAttributes?: readonly string[] };
}

export function meteredListener(
  serve: (req: IncomingMessage, res: ServerResponse) => void,
  isOn: () => boolean,
  report: (usage: DynamoDbRequestUsage) => void,
): RequestListener;

export function meterIndexWrites(
  db: Record<string, unknown>,
  isOn: () => boolean,
  report: (indexWriteUnits: number) => void,
): void;

export function indexWriteUnits(
  index: IndexDescription,
  tableKeySchema: readonly KeySchemaElement[],
  before: Item | null | undefined,
  after: Item | null | undefined,
  itemSize: (item: Item) => number,
): number;
