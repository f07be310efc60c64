/** The lead's retry of a failed workflow (functions/retry-workflow): the inbox's form, a deliberate confirmation. */
import * as z from "./zod.ts";

/** The inbox's form: its checkbox must be ticked (the API's POST, a script's, needs none). */
export const retryFormSchema = z.object({
  confirm: z.literal("yes", "Tick the box to confirm the retry"),
});
