/**
 * Writes shared/workflows/workflows.asl.json: the shape (states and transitions) of each state machine as the
 * CDK app synthesises it, which the console draws (shared/web/workflow-diagram.ts). Run `npm run workflow-asl`
 * after changing a workflow; a test (test/infra/workflow-asl.test.ts) fails until then. A file rather than the
 * CDK constructs in the bundle: a page function carries neither aws-cdk-lib nor the definitions' code.
 */
import { writeFileSync } from "node:fs";
import { type AslGraph, graphOf, type WorkflowName } from "#shared/domain/workflow-asl.ts";
import { synthTemplates } from "../local/synth.ts";
import { buildLocalModel } from "../local/template.ts";

export const WORKFLOW_ASL_FILE = new URL("../../shared/workflows/workflows.asl.json", import.meta.url);

/**
 * The graphs kept: those the console draws, and the periodic review's, which only the retry reads (its resume
 * points): the console does not draw it yet.
 */
export type KeptGraphs = Record<WorkflowName, AslGraph> & { review: AslGraph };

/** Each state machine's logical id starts with its construct id. */
const CONSTRUCT_IDS: Record<keyof KeptGraphs, string> = {
  onboarding: "Onboarding",
  "vetting-renewal": "VettingRenewal",
  review: "Review",
};

/** The graphs of the synthesised state machines, by name. */
export async function synthesisedGraphs(): Promise<KeptGraphs> {
  const { stateMachines } = buildLocalModel(await synthTemplates());
  const graph = (name: keyof KeptGraphs) => {
    const machine = stateMachines.find((m) => m.logicalId.startsWith(CONSTRUCT_IDS[name]));
    if (!machine) throw new Error(`No state machine ${CONSTRUCT_IDS[name]} in the template`);
    return graphOf(machine.definition);
  };
  return {
    onboarding: graph("onboarding"),
    "vetting-renewal": graph("vetting-renewal"),
    review: graph("review"),
  };
}

if (import.meta.main) {
  writeFileSync(WORKFLOW_ASL_FILE, `${JSON.stringify(await synthesisedGraphs(), null, 2)}\n`);
  console.log(`wrote ${WORKFLOW_ASL_FILE.pathname}`);
}
