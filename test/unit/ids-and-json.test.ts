import { describe, expect, it } from "vitest";
import { canonicalJson } from "#shared/domain/canonical-json.ts";
import { ID_PATTERN, idFromSecret, newId } from "#shared/domain/ids.ts";

describe("ids", () => {
  it("are ULIDs that sort by creation time", () => {
    const a = newId(new Date("2026-01-01T00:00:00Z"));
    const b = newId(new Date("2026-01-01T00:00:01Z"));
    expect(a).toMatch(ID_PATTERN);
    expect(a < b).toBe(true);
  });

  it("derived from a secret are the same for the same secret, differ otherwise, and do not contain it", () => {
    const id = idFromSecret("task-token-A");
    expect(id).toMatch(ID_PATTERN);
    expect(idFromSecret("task-token-A")).toBe(id);
    expect(idFromSecret("task-token-B")).not.toBe(id);
    expect(id).not.toContain("TASK");
  });
});

describe("canonical JSON", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("has no form for non-finite numbers", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });

  it("has no form for objects that are not plain (a Date would come out as {})", () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow("no form for a Date");
    expect(() => canonicalJson([new Map([["a", 1]])])).toThrow("no form for a Map");
    expect(canonicalJson(Object.assign(Object.create(null), { b: 2, a: 1 }))).toBe('{"a":1,"b":2}');
  });
});
