/** The middy stack of a workflow task: the event is parsed with a zod schema; errors keep their names. */
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import { ValidationError } from "../domain/errors.ts";
import type * as z from "../schemas/zod.ts";
import { log, loggableMessage } from "./log.ts";
import { sourceMappedStack } from "./stack-trace.ts";

export function taskHandler<T extends z.ZodMiniType>(
  schema: T,
  base: (input: z.infer<T>, context: Context) => Promise<Record<string, unknown> | undefined>,
) {
  return middy<unknown, Record<string, unknown> | undefined>(async (event: unknown, context: Context) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new ValidationError(
        `Task input is not valid at ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`,
      );
    }
    return (await base(parsed.data, context)) ?? {};
  }).onError((request) => {
    // Step Functions routes on the error's name; the log line carries no input (it may hold a task token).
    const error = request.error;
    if (!error) return;
    // Rethrown by middy: the runtime logs the message and stack, and hands them to Step Functions as the
    // task's cause (which the failure step records and mails to the office); so they are made loggable first.
    const message = error.message;
    error.message = loggableMessage(message);
    log("error", "task failed", {
      function: request.context.functionName,
      error: error.name,
      reason: error.message.slice(0, 200),
    });
    if (error.stack) error.stack = sourceMappedStack(error.stack.split(message).join(error.message));
  });
}
