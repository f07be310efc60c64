/**
 * The ending's stopper on Step Functions: the ARN of a named execution of each workflow it was given, and a stop
 * of an execution that ended (answered with its stop date) or is no longer known is harmless.
 */
import { ExecutionDoesNotExist, SFNClient, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { StepFunctionsStopper } from "#shared/adapters/sfn-workflow.ts";

const sfn = mockClient(SFNClient);
const machine = (name: string) => `arn:aws:states:eu-west-1:000000000000:stateMachine:${name}`;
const stopper = new StepFunctionsStopper(new SFNClient({}), machine("Onboarding"), {
  review: machine("Review"),
  "vetting-renewal": undefined,
});

beforeEach(() => sfn.reset());

describe("StepFunctionsStopper", () => {
  it("names an execution of each workflow it was given; none of one it was not", () => {
    expect(stopper.executionOf("review", "P-review-2027-01-05")).toBe(
      "arn:aws:states:eu-west-1:000000000000:execution:Review:P-review-2027-01-05",
    );
    expect(stopper.executionOf("onboarding", "P-retry-1")).toBe(
      "arn:aws:states:eu-west-1:000000000000:execution:Onboarding:P-retry-1",
    );
    expect(stopper.executionOf("vetting-renewal", "P-2027-01-05-retry-1")).toBeUndefined();
    expect(stopper.executionOf("constructor", "x")).toBeUndefined();
  });

  it("stops one that ended, or that Step Functions no longer knows, harmlessly", async () => {
    sfn.on(StopExecutionCommand).resolvesOnce({ stopDate: new Date() });
    sfn
      .on(StopExecutionCommand)
      .rejects(new ExecutionDoesNotExist({ message: "Execution Does Not Exist", $metadata: {} }));
    const arn = stopper.executionOf("review", "P-review-2027-01-05") as string;
    await expect(stopper.stop(arn, "The office lead terminated the partnership")).resolves.toBeUndefined();
    await expect(stopper.stop(arn, "The office lead terminated the partnership")).resolves.toBeUndefined();
  });
});
