/** The workflows the console draws (shared/workflows/workflows.asl.json) are the state machines the app synthesises. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { synthesisedGraphs, WORKFLOW_ASL_FILE } from "#infra/tools/write-workflow-asl.ts";

describe("workflows.asl.json", () => {
  it("is the shape of each synthesised state machine (run `npm run workflow-asl` after changing a workflow)", async () => {
    const file: unknown = JSON.parse(readFileSync(WORKFLOW_ASL_FILE, "utf8"));
    expect(file).toEqual(await synthesisedGraphs());
  }, 120_000);
});
