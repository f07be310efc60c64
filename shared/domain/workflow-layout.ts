/**
 * A state machine's diagram laid out, deterministically and without any external service: each state a box,
 * each transition (Next, a Choice's branches and Default, each Catch) an arrow. Layers by the longest path from
 * StartAt (after setting aside the edges that lead back, found by a depth-first walk in the order the ASL lists
 * them), states ordered within a layer by where their predecessors sit, on a grid, so no two boxes overlap.
 */
import type { AslGraph } from "./workflow-asl.ts";

export type EdgeKind = "next" | "choice" | "default" | "catch";

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** The condition in words: a Choice branch's ("outcome = approve"), a Catch's errors ("timeout"). */
  readonly label?: string;
  /** It leads to a state in the same or an earlier layer (a loop back). */
  readonly back: boolean;
  /**
   * Its route, from the source's edge to the target's: straight down to the next layer; otherwise out of the
   * source's bottom, along the gap below it to a lane beside the boxes (on the left going down, on the right going
   * back up; one lane per target), along the gap above the target, and into its top. A loop on itself goes out
   * of the right side and back. Horizontal runs are in the gaps between layers, so an arrow crosses no box.
   */
  readonly points: readonly (readonly [number, number])[];
  /** Where its label goes. */
  readonly labelAt: readonly [number, number];
}

export interface LayoutBox {
  readonly name: string;
  readonly type: string;
  readonly layer: number;
  readonly x: number;
  readonly y: number;
}

export interface Layout {
  readonly boxes: readonly LayoutBox[];
  readonly edges: readonly LayoutEdge[];
  readonly width: number;
  readonly height: number;
}

export const BOX = { width: 168, height: 64, gapX: 36, gapY: 64, margin: 24 } as const;
/** The space between two lanes beside the boxes. */
export const LANE = 8;

/** A Catch's errors in words: States.Timeout is "timeout", States.ALL "error". */
function catchLabel(errors: readonly string[]): string {
  return errors
    .map((e) =>
      e === "States.Timeout" ? "timeout" : e === "States.ALL" ? "error" : e.replace(/^States\./, ""),
    )
    .join(", ");
}

/** Every transition of the graph, in the order the ASL lists them (edges to unknown states left out). */
type Transition = Pick<LayoutEdge, "from" | "to" | "kind" | "label">;

export function transitionsOf(graph: AslGraph): Transition[] {
  const edges: Transition[] = [];
  for (const [from, state] of Object.entries(graph.States)) {
    for (const choice of state.Choices ?? [])
      edges.push({
        from,
        to: choice.Next,
        kind: "choice",
        ...(choice.Condition ? { label: choice.Condition } : {}),
      });
    if (state.Default) edges.push({ from, to: state.Default, kind: "default", label: "otherwise" });
    if (state.Next) edges.push({ from, to: state.Next, kind: "next" });
    for (const c of state.Catch ?? [])
      edges.push({ from, to: c.Next, kind: "catch", label: catchLabel(c.ErrorEquals) });
  }
  return edges.filter((e) => Object.hasOwn(graph.States, e.to));
}

export function layoutOf(graph: AslGraph): Layout {
  const names = Object.keys(graph.States);
  const transitions = transitionsOf(graph);
  const out = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const e of transitions) out.get(e.from)?.push(e.to);

  // Depth-first from StartAt (then from any state it does not reach, in the ASL's order): the discovery order,
  // the finishing order, and the edges that lead back to a state still on the walk's path.
  const discovered = new Map<string, number>();
  const finished: string[] = [];
  const onPath = new Set<string>();
  const backEdges = new Set<string>();
  const walk = (start: string) => {
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    discovered.set(start, discovered.size);
    onPath.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { name: string; next: number };
      const targets = out.get(top.name) ?? [];
      if (top.next < targets.length) {
        const to = targets[top.next++] as string;
        if (onPath.has(to)) backEdges.add(`${top.name}\n${to}`);
        else if (!discovered.has(to)) {
          discovered.set(to, discovered.size);
          onPath.add(to);
          stack.push({ name: to, next: 0 });
        }
      } else {
        stack.pop();
        onPath.delete(top.name);
        finished.push(top.name);
      }
    }
  };
  for (const start of [graph.StartAt, ...names])
    if (Object.hasOwn(graph.States, start) && !discovered.has(start)) walk(start);

  // Longest path from the start over the edges that go forward, in topological order (reverse finishing order).
  const layer = new Map<string, number>(names.map((n) => [n, 0]));
  const forward = transitions.filter((e) => !backEdges.has(`${e.from}\n${e.to}`));
  for (const name of [...finished].reverse())
    for (const e of forward)
      if (e.from === name) layer.set(e.to, Math.max(layer.get(e.to) ?? 0, (layer.get(name) ?? 0) + 1));

  // Within a layer: by the mean place of the predecessors already placed, then by discovery.
  const layers: string[][] = Array.from({ length: Math.max(0, ...layer.values()) + 1 }, () => []);
  for (const name of [...names].sort((a, b) => (discovered.get(a) ?? 0) - (discovered.get(b) ?? 0)))
    layers[layer.get(name) ?? 0]?.push(name);
  const place = new Map<string, number>();
  for (const row of layers) {
    const centre = (name: string) => {
      const before = forward
        .filter((e) => e.to === name && place.has(e.from))
        .map((e) => place.get(e.from) ?? 0);
      return before.length === 0
        ? Number.POSITIVE_INFINITY
        : before.reduce((a, b) => a + b, 0) / before.length;
    };
    const keyed = row.map((name) => ({ name, key: centre(name), found: discovered.get(name) ?? 0 }));
    keyed.sort((a, b) => (a.key === b.key ? a.found - b.found : a.key < b.key ? -1 : 1));
    keyed.forEach((k, i) => {
      place.set(k.name, i - (keyed.length - 1) / 2);
    });
  }

  const widest = Math.max(1, ...layers.map((row) => row.length));
  const layerOf = (name: string) => layer.get(name) ?? 0;
  // A lane per target: one on the left for each state reached from two or more layers up, one on the right for
  // each reached from below (or beside).
  const kindOf = (e: Transition) =>
    e.from === e.to
      ? "self"
      : layerOf(e.to) <= layerOf(e.from)
        ? "back"
        : layerOf(e.to) - layerOf(e.from) > 1
          ? "long"
          : "down";
  const lanes = { long: new Map<string, number>(), back: new Map<string, number>() };
  for (const e of transitions) {
    const k = kindOf(e);
    if ((k === "long" || k === "back") && !lanes[k].has(e.to)) lanes[k].set(e.to, lanes[k].size);
  }
  const left = BOX.margin + lanes.long.size * LANE;
  const right = BOX.margin + Math.max(lanes.back.size * LANE, 40);
  const step = BOX.width + BOX.gapX;
  const boxes: LayoutBox[] = names.map((name) => ({
    name,
    type: graph.States[name]?.Type ?? "Task",
    layer: layerOf(name),
    x: left + ((widest - 1) / 2 + (place.get(name) ?? 0)) * step,
    y: BOX.margin + layerOf(name) * (BOX.height + BOX.gapY),
  }));
  const byName = new Map(boxes.map((b) => [b.name, b]));
  const rowsWidth = widest * step - BOX.gapX;
  const edges: LayoutEdge[] = transitions.map((e) => {
    const a = byName.get(e.from) as LayoutBox;
    const b = byName.get(e.to) as LayoutBox;
    const k = kindOf(e);
    const back = k === "back" || k === "self";
    const ax = a.x + BOX.width / 2;
    const bx = b.x + BOX.width / 2;
    if (k === "self") {
      const x = a.x + BOX.width;
      return {
        ...e,
        back,
        points: [
          [x, a.y + 20],
          [x + 24, a.y + 20],
          [x + 24, a.y + 44],
          [x, a.y + 44],
        ],
        labelAt: [x + 24, a.y + 16],
      };
    }
    if (k === "down") {
      const mid = a.y + BOX.height + BOX.gapY / 2;
      return {
        ...e,
        back,
        points: [
          [ax, a.y + BOX.height],
          [ax, mid],
          [bx, mid],
          [bx, b.y],
        ],
        labelAt: [(ax + bx) / 2, mid - 4],
      };
    }
    const lane = lanes[k].get(e.to) ?? 0;
    const x =
      k === "long" ? left - BOX.gapX / 2 - lane * LANE : left + rowsWidth + BOX.gapX / 2 + lane * LANE;
    const below = a.y + BOX.height + 8 + (lane % 6) * 6;
    const above = b.y - 8 - (lane % 6) * 6;
    return {
      ...e,
      back,
      points: [
        [ax, a.y + BOX.height],
        [ax, below],
        [x, below],
        [x, above],
        [bx, above],
        [bx, b.y],
      ],
      labelAt: [x, (below + above) / 2],
    };
  });
  return {
    boxes,
    edges,
    width: left + rowsWidth + right,
    height: BOX.margin * 2 + layers.length * (BOX.height + BOX.gapY) - BOX.gapY,
  };
}
