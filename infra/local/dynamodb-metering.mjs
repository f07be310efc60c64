// Meters dynalite's requests while asked to: each request's operation and the capacity units dynalite reports.
import { PassThrough } from "node:stream";

const OPERATION = /^DynamoDB_\d+\.(\w+)$/;

/**
 * The request listener `serve` (dynalite's), metered while `isOn()`: the body asks for ReturnConsumedCapacity
 * TOTAL when the caller did not (so the answer then carries ConsumedCapacity, which callers ignore), and
 * `report` gets { operation, capacityUnits, failed } once the answer is sent. Off, requests go straight through.
 */
export function meteredListener(serve, isOn, report) {
  return (req, res) => {
    if (!isOn()) return serve(req, res);
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const operation = OPERATION.exec(String(req.headers["x-amz-target"] ?? ""))?.[1] ?? "unknown";
      const body = withCapacityAsked(Buffer.concat(chunks));
      // dynalite reads the request as a stream: hand it one that yields the (possibly rewritten) body.
      const replay = Object.assign(new PassThrough(), {
        headers: { ...req.headers, "content-length": String(body.length) },
        method: req.method,
        url: req.url,
      });
      const end = res.end.bind(res);
      res.end = (chunk, ...rest) => {
        report({ operation, capacityUnits: consumedUnits(chunk), failed: res.statusCode >= 400 });
        return end(chunk, ...rest);
      };
      serve(replay, res);
      replay.end(body);
    });
  };
}

function withCapacityAsked(body) {
  try {
    const data = JSON.parse(body.toString("utf8"));
    if (data === null || typeof data !== "object" || Array.isArray(data)) return body;
    if (data.ReturnConsumedCapacity === "TOTAL" || data.ReturnConsumedCapacity === "INDEXES") return body;
    return Buffer.from(JSON.stringify({ ...data, ReturnConsumedCapacity: "TOTAL" }));
  } catch {
    return body; // dynalite answers a bad body itself
  }
}

/** ConsumedCapacity is one object (single-item operations, Query) or one per table (batch operations). */
function consumedUnits(chunk) {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return 0;
  try {
    const { ConsumedCapacity } = JSON.parse(Buffer.from(chunk).toString("utf8"));
    const all = Array.isArray(ConsumedCapacity) ? ConsumedCapacity : [ConsumedCapacity];
    return all.reduce((sum, c) => sum + (typeof c?.CapacityUnits === "number" ? c.CapacityUnits : 0), 0);
  } catch {
    return 0;
  }
}

/**
 * Reports the write units each write costs the table's global secondary indexes, which dynalite's
 * ConsumedCapacity leaves out (as AWS's does), by wrapping dynalite's db.updateIndexes, which every put, update
 * and delete calls with the item before and after it once its condition has held. That is dynalite's internal
 * module: if it is not there, this throws at start rather than count nothing.
 */
export function meterIndexWrites(db, isOn, report) {
  const { updateIndexes, itemSize } = db;
  if (typeof updateIndexes !== "function" || typeof itemSize !== "function")
    throw new Error("dynalite's db module has no updateIndexes or itemSize: index writes cannot be metered");
  db.updateIndexes = (store, table, before, after, cb) => {
    if (isOn()) {
      const units = (table.GlobalSecondaryIndexes ?? []).reduce(
        (sum, index) => sum + indexWriteUnits(index, table.KeySchema, before, after, itemSize),
        0,
      );
      if (units > 0) report(units);
    }
    return updateIndexes(store, table, before, after, cb);
  };
}

/**
 * AWS's rules for a write's cost to one index: an item entering or leaving the index is one write, a changed
 * index key two (a delete and a put), a changed projected attribute one, anything else none; each write one
 * unit per KB of the index entry.
 */
export function indexWriteUnits(index, tableKeySchema, before, after, itemSize) {
  const keys = index.KeySchema.map((k) => k.AttributeName);
  const inIndex = (item) => item != null && keys.every((k) => item[k] != null);
  const projected = (item) => {
    if (index.Projection?.ProjectionType === "ALL") return item;
    const names = [
      ...keys,
      ...tableKeySchema.map((k) => k.AttributeName),
      ...(index.Projection?.NonKeyAttributes ?? []),
    ];
    return Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
  };
  const units = (item) => Math.max(1, Math.ceil(itemSize(projected(item)) / 1024));
  const wasIn = inIndex(before);
  const isIn = inIndex(after);
  if (!wasIn && !isIn) return 0;
  if (!wasIn) return units(after);
  if (!isIn) return units(before);
  if (!keys.every((k) => same(before[k], after[k]))) return units(before) + units(after);
  return same(projected(before), projected(after)) ? 0 : units(after);
}

/** Attribute values (or items) alike, whatever the order of their keys. */
function same(a, b) {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted(value[k])]),
  );
}
