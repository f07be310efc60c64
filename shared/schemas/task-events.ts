/** The inputs the state machine hands to each task (see workflows/onboarding/definition.ts). */
import * as z from "./zod.ts";

const partnershipId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "a partnership id"));

export const assessEventSchema = z.object({ partnershipId });

export const callbackEventSchema = z.object({
  partnershipId,
  taskToken: z.string().check(z.minLength(1), z.maxLength(8192)),
  timeoutSeconds: z.number().check(z.int(), z.positive()),
  kind: z.optional(z.string()),
  comment: z.optional(z.string().check(z.maxLength(2000))),
});

export const outcomeEventSchema = z.object({
  partnershipId,
  outcome: z.enum(["approved", "declined", "expired"]),
  comment: z.optional(z.string().check(z.maxLength(2000))),
});

export const failureEventSchema = z.object({
  partnershipId: z.string().check(z.minLength(1)),
  error: z.string().check(z.maxLength(256)),
  cause: z.string().check(z.maxLength(32_768)),
});

/** What EventBridge Scheduler hands a scheduled function: nothing it reads (the schedule's input is `{}`). */
export const scheduledEventSchema = z.object({});
