/** A genuine States.Timeout error of the local engine (its class is not exported), for callbacks we time out. */
import { StateMachine } from "aws-local-stepfunctions";

type ErrorClass = new () => Error;

let captured: Promise<ErrorClass> | undefined;

/**
 * The engine tells a timeout from other task failures by class (States.TaskFailed does not match a timeout),
 * so an error we raise ourselves must be an instance of that class: one tiny run that times out yields it.
 */
function capture(): Promise<ErrorClass> {
  captured ??= (async () => {
    const machine = new StateMachine(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: "arn:aws:lambda:eu-west-1:000000000000:function:t",
            TimeoutSeconds: 0.001,
            End: true,
          },
        },
      },
      { validationOptions: { noValidate: true } },
    );
    const run = machine.run(
      {},
      { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => undefined) } } },
    );
    try {
      await run.result;
    } catch (error) {
      const cause = (error as Error).cause;
      if (cause instanceof Error && cause.name === "States.Timeout") return cause.constructor as ErrorClass;
    }
    return class extends Error {
      override name = "States.Timeout";
    };
  })();
  return captured;
}

export async function statesTimeoutError(): Promise<Error> {
  const ErrorClass = await capture();
  return new ErrorClass();
}
