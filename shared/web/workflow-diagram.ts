/**
 * The workflow drawn as an SVG from its state machine's definition (shared/workflows/workflows.asl.json, by
 * shared/domain/workflow-layout.ts), with a state highlighted: the partnership's current one. Presentation
 * attributes only (the CSP allows no inline style), no script; readable without colour: the current state has a
 * thick border and a "current state" label, a Choice is a rounded box and each box names its type, a Catch's
 * arrow is dashed and says which errors. An `role="img"` with a title and a description saying where it stands.
 * The current state's group takes focus (tabindex -1), so that the page's "Show it in the diagram" link moves
 * focus to it as well as scrolling.
 */
import type { AslGraph } from "../domain/workflow-asl.ts";
import {
  BOX,
  LABEL,
  type Layout,
  type LayoutBox,
  type LayoutEdge,
  layoutOf,
} from "../domain/workflow-layout.ts";
import { html, type SafeHtml } from "./html.ts";

export interface DiagramOptions {
  /** Unique on the page: the prefix of the SVG's ids. */
  readonly id: string;
  readonly title: string;
  /** The state to highlight, if it is one of the graph's. */
  readonly current?: string | undefined;
}

/** A state's name in lines of at most 20 characters, broken between its words (CamelCase), at most three. */
export function nameLines(name: string): string[] {
  const words = name.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])|[^A-Za-z0-9]+|./g) ?? [name];
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] as string).length + word.length <= 20) lines[last] += word;
    else lines.push(word);
  }
  if (lines.length <= 3) return lines;
  return [...lines.slice(0, 2), `${lines.slice(2).join("").slice(0, 19)}…`];
}

const TYPE_WORDS: Record<string, string> = {
  Task: "task",
  Choice: "choice",
  Succeed: "end: succeeded",
  Fail: "end: failed",
  Pass: "pass",
  Wait: "wait",
  Parallel: "parallel",
  Map: "map",
};

/**
 * Where a box's text goes, from its top: the type's word (10 px) on the baseline at 12; the name's lines (13 px),
 * centred in the box but never starting above 25, so that their tops (a 13 px line rises 10 above its baseline)
 * stay below the type's word; three lines 14 apart, so that the last still ends inside the box.
 */
export function nameBaselines(lineCount: number): number[] {
  const spacing = lineCount >= 3 ? 14 : 15;
  const first = Math.max(TYPE_BASELINE + 13, BOX.height / 2 - (lineCount * spacing) / 2 + 12);
  return Array.from({ length: lineCount }, (_, i) => first + i * spacing);
}
export const TYPE_BASELINE = 12;

function box(b: LayoutBox, current: boolean, id: string): SafeHtml {
  const lines = nameLines(b.name);
  const cx = b.x + BOX.width / 2;
  const baselines = nameBaselines(lines.length);
  const ends = b.type === "Succeed" || b.type === "Fail";
  return html`<g data-state="${b.name}"${current ? html` data-current="true" id="${id}-current" tabindex="-1"` : ""}><title>${b.name} (${TYPE_WORDS[b.type] ?? b.type})${current ? ": the current state" : ""}</title>
<rect x="${b.x}" y="${b.y}" width="${BOX.width}" height="${BOX.height}" rx="${b.type === "Choice" ? 24 : ends ? 2 : 6}" fill="${current ? "#fef0c7" : ends ? "#f2f4f7" : "#ffffff"}" stroke="${current ? "#93370d" : "#475467"}" stroke-width="${current ? 4 : ends ? 2.5 : 1.2}"/>
<text x="${cx}" y="${b.y + TYPE_BASELINE}" text-anchor="middle" font-size="10" fill="#475467">${TYPE_WORDS[b.type] ?? b.type}</text>
${lines.map((line, i) => html`<text x="${cx}" y="${b.y + (baselines[i] ?? 0)}" text-anchor="middle" font-size="13" fill="#101828"${current ? html` font-weight="700"` : ""}>${line}</text>`)}
${current ? html`<text x="${cx}" y="${b.y - 6}" text-anchor="middle" font-size="12" font-weight="700" fill="#93370d">▶ current state</text>` : ""}</g>`;
}

function edge(e: LayoutEdge, marker: string): SafeHtml {
  const dash = e.kind === "catch" ? html` stroke-dasharray="6 4"` : "";
  const colour = e.kind === "catch" ? "#98a2b3" : "#344054";
  const d = e.points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x},${y}`).join(" ");
  const label = e.text;
  const [lx, ly] = e.labelAt;
  return html`<g data-from="${e.from}" data-to="${e.to}" data-kind="${e.kind}"><path d="${d}" fill="none" stroke="${colour}" stroke-width="1.2"${dash} marker-end="url(#${marker})"/>${
    label
      ? html`<text x="${lx}" y="${ly}" text-anchor="middle" font-size="${LABEL.fontSize}" fill="#101828" stroke="#ffffff" stroke-width="3" paint-order="stroke">${label}</text>`
      : ""
  }</g>`;
}

/** The diagram of a laid-out graph as an inline SVG. */
export function diagramSvg(layout: Layout, options: DiagramOptions): SafeHtml {
  const current = layout.boxes.find((b) => b.name === options.current);
  const marker = `${options.id}-arrow`;
  const where = current
    ? `The current state is ${current.name}, drawn with a thick border and labelled "current state".`
    : "No state is highlighted.";
  const desc = `${layout.boxes.length} states and ${layout.edges.length} transitions, from the top. ${where} Dashed arrows are taken on an error or a timeout; the arrows on the right lead back to an earlier state, those on the left skip ahead.`;
  return html`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="system-ui, sans-serif">
<title id="${options.id}-title">${options.title}</title><desc id="${options.id}-desc">${desc}</desc>
<defs><marker id="${marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#344054"/></marker></defs>
${layout.edges.map((e) => edge(e, marker))}
${layout.boxes.map((b) => box(b, b === current, options.id))}
</svg>`;
}

/** The workflow of `graph` drawn, with `current` highlighted. */
export function workflowDiagram(graph: AslGraph, options: DiagramOptions): SafeHtml {
  return diagramSvg(layoutOf(graph), options);
}
