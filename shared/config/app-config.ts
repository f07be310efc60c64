/** Runtime configuration of the handlers, read once from the environment and validated. */
import * as z from "zod";

const emailList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()).min(1));

export const appConfigSchema = z.object({
  TABLE_NAME: z.string().min(1),
  STATE_MACHINE_ARN: z.string().min(1).optional(),
  PUBLIC_BASE_URL: z
    .string()
    .url()
    .transform((u) => u.replace(/\/+$/, "")),
  SENDER_EMAIL: z.email(),
  OFFICER_EMAILS: emailList,
  OFFICE_EMAIL: z.email(),
  STATUS_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  OFFICE_NAME: z.string().min(1).default("Community Partnerships Office"),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = appConfigSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new Error(`Partnerflow is misconfigured; check these environment variables: ${fields}`);
  }
  return parsed.data;
}
