/** The offline verifier's command line: its usage, and a file that is not a packet. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "#infra/tools/partnerflow-cli.ts";

describe("npx partnerflow", () => {
  const out = (argv: string[]) => {
    const lines: string[] = [];
    return { code: run(argv, (l) => lines.push(l)), text: lines.join("\n") };
  };

  it("prints its usage, exit 2, for no or a wrong command or option", () => {
    for (const argv of [[], ["check", "p.json"], ["verify"], ["verify", "p.json", "--kee", "k.pem"]])
      expect(out(argv)).toEqual({
        code: 2,
        text: "Usage: npx partnerflow verify <packet.json> [--key <public-key.pem>]",
      });
  });

  it("fails, exit 1, on a file that is not JSON or not a packet", () => {
    const dir = mkdtempSync(join(tmpdir(), "partnerflow-cli-"));
    try {
      writeFileSync(join(dir, "a.json"), "{ not json");
      expect(out(["verify", join(dir, "a.json")]).code).toBe(1);
      writeFileSync(join(dir, "b.json"), JSON.stringify({ format: "other" }));
      expect(out(["verify", join(dir, "b.json")])).toEqual({
        code: 1,
        text: "FAILED: not an audit packet of format partnerflow-audit-packet/1",
      });
      writeFileSync(join(dir, "c.json"), JSON.stringify({ format: "partnerflow-audit-packet/1" }));
      expect(out(["verify", join(dir, "c.json")]).text).toMatch(/^FAILED: the packet is malformed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
