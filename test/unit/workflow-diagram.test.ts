/**
 * The workflow diagram drawn from the ASL: every state placed once, an arrow for every transition, no two boxes
 * overlapping, no arrow's horizontal run through a box, the current state highlighted in words as well as
 * colour, and a hostile state name escaped.
 */
import { describe, expect, it } from "vitest";
import { RESUME_STATE } from "#shared/domain/resume-points.ts";
import type { AslGraph } from "#shared/domain/workflow-asl.ts";
import {
  BOX,
  boxRects,
  labelRect,
  labelText,
  layoutOf,
  overlap,
  transitionsOf,
} from "#shared/domain/workflow-layout.ts";
import { nameLines, workflowDiagram } from "#shared/web/workflow-diagram.ts";
import graphs from "#shared/workflows/workflows.asl.json" with { type: "json" };

const ONBOARDING: AslGraph = graphs.onboarding;
const RENEWAL: AslGraph = graphs["vetting-renewal"];

/**
 * Every transition the ASL names: Next, each Choice branch, Default, each Catch; but the retry's entry
 * (RESUME_STATE), drawn as one arrow to the start: its branch to every task would hide the workflow.
 */
function countTransitions(graph: AslGraph): number {
  return Object.entries(graph.States).reduce(
    (n, [name, s]) =>
      name === RESUME_STATE
        ? n + 1
        : n + (s.Next ? 1 : 0) + (s.Choices?.length ?? 0) + (s.Default ? 1 : 0) + (s.Catch?.length ?? 0),
    0,
  );
}

describe("the workflow's layout", () => {
  for (const [name, graph] of [
    ["onboarding", ONBOARDING],
    ["vetting renewal", RENEWAL],
  ] as const) {
    it(`places every state of the ${name} once, the start on top, and no two boxes overlap`, () => {
      const { boxes, width, height } = layoutOf(graph);
      expect(boxes.map((b) => b.name).sort()).toEqual(Object.keys(graph.States).sort());
      expect(boxes.find((b) => b.name === graph.StartAt)?.layer).toBe(0);
      for (const a of boxes) {
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.x + BOX.width).toBeLessThanOrEqual(width);
        expect(a.y + BOX.height).toBeLessThanOrEqual(height);
        for (const b of boxes)
          if (a !== b)
            expect(
              a.x + BOX.width <= b.x ||
                b.x + BOX.width <= a.x ||
                a.y + BOX.height <= b.y ||
                b.y + BOX.height <= a.y,
              `${a.name} overlaps ${b.name}`,
            ).toBe(true);
      }
    });

    it(`places every label of the ${name} inside the drawing, overlapping no other label, no box and no caption`, () => {
      const { boxes, edges, width, height } = layoutOf(graph);
      const labelled = edges.filter((e) => labelText(e) !== undefined);
      expect(labelled.length).toBeGreaterThan(0);
      // Each label's extent estimated again here from its text and where it is drawn, not taken from the layout.
      const labels = labelled.map((e) => ({
        name: `"${labelText(e)}" (${e.from} → ${e.to})`,
        rect: labelRect(labelText(e) ?? "", e.labelAt),
      }));
      for (const [i, a] of labels.entries()) {
        expect(a.rect.x, `${a.name} starts left of the drawing`).toBeGreaterThanOrEqual(0);
        expect(a.rect.y, `${a.name} starts above the drawing`).toBeGreaterThanOrEqual(0);
        expect(a.rect.x + a.rect.width, `${a.name} ends right of the drawing`).toBeLessThanOrEqual(width);
        expect(a.rect.y + a.rect.height, `${a.name} ends below the drawing`).toBeLessThanOrEqual(height);
        for (const b of labels.slice(i + 1))
          expect(overlap(a.rect, b.rect), `${a.name} overlaps ${b.name}`).toBe(0);
        for (const box of boxes)
          for (const r of boxRects(box))
            expect(overlap(a.rect, r), `${a.name} overlaps ${box.name} or its caption`).toBe(0);
      }
    });

    it(`draws an arrow for every transition of the ${name}, from its state's box to its target's`, () => {
      const { boxes, edges } = layoutOf(graph);
      expect(edges).toHaveLength(countTransitions(graph));
      expect(transitionsOf(graph)).toHaveLength(countTransitions(graph));
      const at = new Map(boxes.map((b) => [b.name, b]));
      for (const e of edges) {
        const [first, last] = [e.points[0], e.points.at(-1)];
        const from = at.get(e.from);
        const to = at.get(e.to);
        expect(from && to && first && last).toBeTruthy();
        if (!from || !to || !first || !last) continue;
        // It leaves its source's box and arrives at its target's border.
        expect(first[0]).toBeGreaterThanOrEqual(from.x);
        expect(first[0]).toBeLessThanOrEqual(from.x + BOX.width);
        expect(last[0]).toBeGreaterThanOrEqual(to.x);
        expect(last[0]).toBeLessThanOrEqual(to.x + BOX.width);
        expect([to.y, to.y + 20, to.y + 44, to.y + BOX.height]).toContain(last[1]);
        // No horizontal run goes through a box.
        for (let i = 1; i < e.points.length; i++) {
          const [x1, y1] = e.points[i - 1] as readonly [number, number];
          const [x2, y2] = e.points[i] as readonly [number, number];
          if (y1 !== y2 || e.from === e.to) continue;
          for (const b of boxes)
            expect(
              y1 <= b.y ||
                y1 >= b.y + BOX.height ||
                Math.max(x1, x2) <= b.x ||
                Math.min(x1, x2) >= b.x + BOX.width,
              `${e.from} → ${e.to} crosses ${b.name}`,
            ).toBe(true);
        }
      }
    });
  }

  it("is the same every time, and sets the loops back aside", () => {
    expect(layoutOf(ONBOARDING)).toEqual(layoutOf(structuredClone(ONBOARDING)));
    const loop: AslGraph = {
      StartAt: "A",
      States: {
        A: { Type: "Task", Next: "B" },
        B: { Type: "Choice", Choices: [{ Next: "A", Condition: "outcome = again" }], Default: "C" },
        C: { Type: "Succeed" },
      },
    };
    const { boxes, edges } = layoutOf(loop);
    expect(boxes.map((b) => [b.name, b.layer])).toEqual([
      ["A", 0],
      ["B", 1],
      ["C", 2],
    ]);
    expect(edges.map((e) => [e.from, e.to, e.kind, e.back])).toEqual([
      ["A", "B", "next", false],
      ["B", "A", "choice", true],
      ["B", "C", "default", false],
    ]);
  });
});

describe("the workflow's SVG", () => {
  it("is an image with a title and a description, and says in words which state is current", () => {
    const svg = workflowDiagram(ONBOARDING, {
      id: "w",
      title: "The onboarding",
      current: "AwaitVettingReview",
    }).value;
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="w-title w-desc"/);
    expect(svg).toContain('<title id="w-title">The onboarding</title>');
    expect(svg).toMatch(/<desc id="w-desc">[^<]*The current state is AwaitVettingReview/);
    expect(svg.match(/data-current="true"/g)).toHaveLength(1);
    expect(svg).toMatch(
      /<g data-state="AwaitVettingReview" data-current="true" id="w-current" tabindex="-1"><title>AwaitVettingReview \(task\): the current state<\/title>/,
    );
    expect(svg).toContain("▶ current state");
    // Focusable by the page's in-page link to it, not by Tab.
    expect(svg).toContain(
      '<g data-state="AwaitVettingReview" data-current="true" id="w-current" tabindex="-1">',
    );
    expect(svg.match(/<path d="M/g)).toHaveLength(countTransitions(ONBOARDING) + 1);
    expect(svg).not.toMatch(/style=|<script/);
  });

  it("writes each box's name below its type's word and inside the box, three lines of a long name included", () => {
    for (const graph of [ONBOARDING, RENEWAL]) {
      const svg = workflowDiagram(graph, { id: "w", title: "T" }).value;
      const groups = svg.split('<g data-state="').slice(1);
      expect(groups).toHaveLength(Object.keys(graph.States).length);
      for (const g of groups) {
        const name = g.slice(0, g.indexOf('"'));
        const top = Number(/<rect x="[^"]*" y="([^"]*)"/.exec(g)?.[1]);
        const texts = [
          ...g.matchAll(/<text x="[^"]*" y="([^"]*)" text-anchor="middle" font-size="(\d+)"/g),
        ].map((m) => ({ baseline: Number(m[1]) - top, size: Number(m[2]) }));
        const [type, ...lines] = texts;
        expect(type?.size, name).toBe(10);
        expect(lines.length, name).toBeGreaterThan(0);
        // A line rises about 0.77 of its size above its baseline and falls about 0.23 below it.
        for (const [i, line] of lines.entries()) {
          const above =
            i === 0 ? (type?.baseline ?? 0) + 0.23 * 10 : (lines[i - 1]?.baseline ?? 0) + 0.23 * 13;
          expect(line.baseline - 0.77 * line.size, `${name}, line ${i + 1}`).toBeGreaterThanOrEqual(above);
          expect(line.baseline + 0.23 * line.size, `${name}, line ${i + 1}`).toBeLessThanOrEqual(BOX.height);
        }
      }
    }
  });

  it("highlights nothing when the current state is not one of the workflow's", () => {
    const svg = workflowDiagram(ONBOARDING, { id: "w", title: "t", current: "Elsewhere" }).value;
    expect(svg).not.toContain("data-current");
    expect(svg).toContain("No state is highlighted.");
  });

  it("escapes a hostile state name", () => {
    const hostile = `<script>alert("x")</script>&'`;
    const graph: AslGraph = {
      StartAt: hostile,
      States: { [hostile]: { Type: "Task", Next: "End" }, End: { Type: "Succeed" } },
    };
    const svg = workflowDiagram(graph, { id: "h", title: "<b>t</b>", current: hostile }).value;
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain('data-state="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"');
  });

  it("breaks a long name between its words", () => {
    expect(nameLines("RejectUnknownSignatoryConfirmation")).toEqual([
      "RejectUnknown",
      "Signatory",
      "Confirmation",
    ]);
    expect(nameLines("Active")).toEqual(["Active"]);
  });
});

describe("the retry's entry (issue 13)", () => {
  it("is drawn as one arrow from ResumeAt to each workflow's start, none to the tasks it may resume at", () => {
    for (const graph of [ONBOARDING, RENEWAL]) {
      const from = transitionsOf(graph).filter((e) => e.from === RESUME_STATE);
      expect(from).toEqual([{ from: RESUME_STATE, to: graph.States[RESUME_STATE]?.Default, kind: "next" }]);
    }
  });
});
