/** Synthesizes the CDK app of infra/build-app.ts (no bundling) and returns its stacks' templates. */
import type { StackTemplates } from "./template.ts";

export const STACK_NAMES = ["Partnerflow-Stateful", "Partnerflow-App"] as const;

interface Assembly {
  getStackByName(name: string): { template: unknown };
}
interface Built {
  app: { synth(): Assembly };
}

function isBuilt(value: unknown): value is Built {
  const app = (value as { app?: { synth?: unknown } } | null)?.app;
  return typeof app?.synth === "function";
}

export async function synthTemplates(): Promise<StackTemplates> {
  // Loaded by URL at run time: the runtime must not fail to type-check while build-app.ts is being written.
  const mod = (await import(new URL("../build-app.ts", import.meta.url).href)) as { buildApp?: unknown };
  if (typeof mod.buildApp !== "function") throw new Error("infra/build-app.ts does not export buildApp");
  const built: unknown = await mod.buildApp({ bundle: false });
  if (!isBuilt(built)) throw new Error("buildApp({ bundle: false }) did not return { app }");
  const assembly = built.app.synth();
  return Object.fromEntries(
    STACK_NAMES.map((name) => [name, assembly.getStackByName(name).template as StackTemplates[string]]),
  );
}
