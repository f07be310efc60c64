/** The inputs the state machine hands to each task (see workflows/onboarding/definition.ts). */
import * as z from "zod";

const partnershipId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "a partnership id");

export const assessEventSchema = z.object({ partnershipId });

export const callbackEventSchema = z.object({
  partnershipId,
  taskToken: z.string().min(1).max(8192),
  timeoutSeconds: z.number().int().positive(),
  kind: z.string().optional(),
  comment: z.string().max(2000).optional(),
});

export const outcomeEventSchema = z.object({
  partnershipId,
  outcome: z.enum(["approved", "declined", "expired"]),
  comment: z.string().max(2000).optional(),
});

export const failureEventSchema = z.object({
  partnershipId: z.string().min(1),
  error: z.string().max(256),
  cause: z.string().max(32_768),
});
