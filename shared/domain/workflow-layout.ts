/**
 * A state machine's diagram laid out, deterministically and without any external service: each state a box,
 * each transition (Next, a Choice's branches and Default, each Catch) an arrow. Layers by the longest path from
 * StartAt (after setting aside the edges that lead back, found by a depth-first walk in the order the ASL lists
 * them), states ordered within a layer by where their predecessors sit, on a grid, so no two boxes overlap. Each
 * drawn label (a Choice's branch) is placed along its arrow where its estimated extent overlaps no box and no
 * other label, and the drawing is sized (and shifted right if need be) to hold every box, arrow and label.
 */
import { RESUME_STATE } from "./resume-points.ts";
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
  /** Where its label goes: the middle of its text's baseline. */
  readonly labelAt: readonly [number, number];
  /** The label drawn on it (a Choice branch's outcome, "otherwise"), if any, and the box its text takes. */
  readonly text?: string;
  readonly labelBox?: Rect;
}

/** A rectangle: its top-left corner and its size. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
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
/**
 * An arrow's label: its font size, and the estimate of its text's extent (no font metrics here): a character is
 * at most 0.62 of the font size wide in a sans-serif, and the white halo drawn behind it is 1.5 wide each side.
 */
export const LABEL = { fontSize: 11, charWidth: 0.62 * 11, ascent: 10, descent: 4, halo: 1.5 } as const;
/** The "▶ current state" caption above a box (font size 12, bold), which any box may carry. */
export const CAPTION = { width: 112, height: 16, baselineAbove: 6 } as const;

/** The label drawn on a transition: a Choice branch's value ("outcome = approve" → "approve"), "otherwise". */
export function labelText(e: Pick<LayoutEdge, "kind" | "label">): string | undefined {
  return e.kind === "choice" || e.kind === "default" ? e.label?.replace(/^outcome = /, "") : undefined;
}

/** The box a label's text takes when centred on (x, baseline). */
export function labelRect(text: string, [x, baseline]: readonly [number, number]): Rect {
  const width = text.length * LABEL.charWidth + 2 * LABEL.halo;
  return {
    x: x - width / 2,
    y: baseline - LABEL.ascent - LABEL.halo,
    width,
    height: LABEL.ascent + LABEL.descent + 2 * LABEL.halo,
  };
}

/** A box with the caption above it, as an obstacle to labels. */
export function boxRects(b: Pick<LayoutBox, "x" | "y">): Rect[] {
  return [
    { x: b.x, y: b.y, width: BOX.width, height: BOX.height },
    {
      x: b.x + (BOX.width - CAPTION.width) / 2,
      y: b.y - CAPTION.baselineAbove - CAPTION.height + 4,
      width: CAPTION.width,
      height: CAPTION.height,
    },
  ];
}

/** How much two rectangles overlap (their common area; 0 when they only touch or are apart). */
export function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

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
    // The retry's entry: drawn as the way in; its branch to every task (a retry's) would hide the workflow.
    if (from === RESUME_STATE && state.Default) {
      edges.push({ from, to: state.Default, kind: "next" });
      continue;
    }
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
  return fitted(
    boxes,
    placeLabels(boxes, edges),
    left + rowsWidth + right,
    BOX.margin * 2 + layers.length * (BOX.height + BOX.gapY) - BOX.gapY,
  );
}

/** Where a label may go along its arrow, best first: its usual place, then along each run of the route. */
function labelSpots(e: LayoutEdge, text: string): (readonly [number, number])[] {
  const spots: (readonly [number, number])[] = [e.labelAt];
  const half = (text.length * LABEL.charWidth) / 2 + 6;
  for (const t of [0.5, 0.3, 0.7, 0.15, 0.85])
    for (let i = 1; i < e.points.length; i++) {
      const [x1, y1] = e.points[i - 1] as readonly [number, number];
      const [x2, y2] = e.points[i] as readonly [number, number];
      const [x, y] = [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t];
      // Above or below a horizontal run; on, beside (right, then left) a vertical one.
      if (y1 === y2) spots.push([x, y - 4], [x, y + LABEL.ascent + 4]);
      else spots.push([x + half, y + 4], [x - half, y + 4], [x, y + 4]);
    }
  return spots;
}

/**
 * Each drawn label at the first spot along its arrow where it overlaps no box (nor the caption above one) and no
 * label placed before it; where every spot overlaps something, the spot that overlaps least.
 */
function placeLabels(boxes: readonly LayoutBox[], edges: readonly LayoutEdge[]): LayoutEdge[] {
  const taken: Rect[] = boxes.flatMap(boxRects);
  return edges.map((e) => {
    const text = labelText(e);
    if (!text) return e;
    let best: { at: readonly [number, number]; rect: Rect; cost: number } | undefined;
    for (const at of labelSpots(e, text)) {
      const rect = labelRect(text, at);
      const cost = taken.reduce((sum, r) => sum + overlap(rect, r), 0);
      if (!best || cost < best.cost) best = { at, rect, cost };
      if (cost === 0) break;
    }
    if (!best) return e;
    taken.push(best.rect);
    return { ...e, text, labelAt: best.at, labelBox: best.rect };
  });
}

/** The space kept around the drawing's outermost label. */
const PAD = 4;

/** The layout moved right (and down) so that nothing lies left of (above) it, and sized to hold every label. */
function fitted(boxes: LayoutBox[], edges: LayoutEdge[], width: number, height: number): Layout {
  const rects = edges.flatMap((e) => (e.labelBox ? [e.labelBox] : []));
  const dx = Math.max(0, PAD - Math.min(PAD, ...rects.map((r) => r.x)));
  const dy = Math.max(0, PAD - Math.min(PAD, ...rects.map((r) => r.y)));
  const move = ([x, y]: readonly [number, number]) => [x + dx, y + dy] as const;
  return {
    boxes: boxes.map((b) => ({ ...b, x: b.x + dx, y: b.y + dy })),
    edges: edges.map((e) => ({
      ...e,
      points: e.points.map(move),
      labelAt: move(e.labelAt),
      ...(e.labelBox ? { labelBox: { ...e.labelBox, x: e.labelBox.x + dx, y: e.labelBox.y + dy } } : {}),
    })),
    width: Math.ceil(Math.max(width + dx, ...rects.map((r) => r.x + r.width + dx + PAD))),
    height: Math.ceil(Math.max(height + dy, ...rects.map((r) => r.y + r.height + dy + PAD))),
  };
}
