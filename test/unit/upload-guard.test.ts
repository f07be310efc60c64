/**
 * The upload guard (shared/web/upload-guard.ts) as the checklist page sends it: the one inline script, allowed by
 * the hash the CSP names, computed here from the script text in the rendered page; the limits and messages it
 * reads come from document-limits.ts and are the server's own; README states the same numbers. What the script
 * does in a browser is test/browser/upload-guard.test.ts.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DOCUMENT_TOO_LARGE,
  EVENT_ROOM_BYTES,
  limitWords,
  MAX_DOCUMENT_BYTES,
  MAX_EVENT_BYTES,
  MAX_POST_FILES_BYTES,
  refusedUploadMessage,
} from "#shared/domain/document-limits.ts";
import { inspectUpload } from "#shared/domain/documents.ts";
import { intakeFormResponse } from "#shared/services/intake-form-page.ts";
import { inspectUploads } from "#shared/services/step-uploads.ts";
import { step as vettingEvidence } from "#shared/steps/vetting-evidence/index.ts";
import { html as markup } from "#shared/web/html.ts";
import { htmlResponse, page } from "#shared/web/layout.ts";
import { UPLOAD_GUARD_SCRIPT } from "#shared/web/upload-guard.ts";
import { tinyPdf } from "../fixtures/documents.ts";
import { formOf, NOW } from "../fixtures/step-ledger.ts";
import { stepView } from "../fixtures/step-view.ts";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

/** The checklist page as the partner's browser gets it: the page shell, and the headers it is sent with. */
function checklistResponse() {
  const view = {
    ...stepView({ decision: { kind: "vetting-evidence", assignee: "partner" } }),
    now: NOW,
  };
  const { title, body } = vettingEvidence.page({ ...view, form: formOf() });
  return htmlResponse(200, page(title, body));
}

/** Each inline script's text, as the browser hashes it: everything between <script> and </script>. */
function scriptsIn(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
}

function directive(csp: string, name: string): string[] {
  const found = csp
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found?.slice(1) ?? [];
}

/** A data- attribute of the checklist's form, unescaped. */
function formAttribute(html: string, name: string): string | undefined {
  const form = /<form\b[^>]*>/.exec(html)?.[0] ?? "";
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(form)?.[1];
  return value
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("the upload guard's script and its Content-Security-Policy", () => {
  it("is the one script on the checklist page, and the CSP allows exactly its hash, computed from the page", () => {
    const response = checklistResponse();
    const html = String(response.body);
    const scripts = scriptsIn(html);
    expect(scripts).toHaveLength(1);
    // No attribute handlers either: the CSP would refuse them, and the script needs none.
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const csp = response.headers?.["content-security-policy"] as string;
    expect(directive(csp, "script-src")).toEqual([`'sha256-${sha256(scripts[0] ?? "")}'`]);
    // The rest of the policy is as it was: nothing but the stylesheet's hash, and no default source.
    expect(directive(csp, "default-src")).toEqual(["'none'"]);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
    expect(directive(csp, "style-src")).toEqual(styles.map((s) => `'sha256-${sha256(s)}'`));
  });

  it("is only on pages with file inputs: not on the intake form, nor on a page without a form", () => {
    const intake = String(intakeFormResponse(200).body);
    expect(intake).not.toContain('type="file"');
    expect(scriptsIn(intake)).toEqual([]);
    expect(scriptsIn(page("Plain", markup`<h1>Plain</h1>`))).toEqual([]);
  });

  it("is valid JavaScript, and writes no limit of its own", () => {
    expect(() => new Function(UPLOAD_GUARD_SCRIPT)).not.toThrow();
    for (const literal of [String(MAX_DOCUMENT_BYTES), String(MAX_POST_FILES_BYTES), "4 MB", "4.4 MB"])
      expect(UPLOAD_GUARD_SCRIPT).not.toContain(literal);
  });
});

describe("the limits the guard reads", () => {
  it("are the domain's constants, on the checklist's form", () => {
    const html = String(checklistResponse().body);
    expect(formAttribute(html, "data-max-file-bytes")).toBe(String(MAX_DOCUMENT_BYTES));
    expect(formAttribute(html, "data-max-post-bytes")).toBe(String(MAX_POST_FILES_BYTES));
    expect(formAttribute(html, "data-problems")).toBe("upload-problems");
    expect(html).toContain('<div id="upload-problems" role="alert"></div>');
    expect(html).toMatch(
      /<input id="f-liability-insurance-document"[^>]* data-label="Liability insurance: document"/,
    );
    expect(html).toMatch(/<button type="submit" name="action" value="save"[^>]* data-save>/);
  });

  it("the message for a file over 4 MB is the one the server gives that input", async () => {
    const html = String(checklistResponse().body);
    const oversize = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    oversize.set(tinyPdf());
    const inspected = await inspectUploads(
      {
        files: { "liability-insurance.document": [{ name: "scan.pdf", bytes: oversize }] },
        inspect: inspectUpload,
        store: { put: async () => undefined },
      },
      ["liability-insurance.document"],
    );
    expect(inspected.errors).toEqual([
      { field: "liability-insurance.document", message: formAttribute(html, "data-file-too-large") },
    ]);
    expect(formAttribute(html, "data-file-too-large")).toBe(refusedUploadMessage(DOCUMENT_TOO_LARGE));
    expect(DOCUMENT_TOO_LARGE).toBe("The file is larger than 4 MB");
  });

  it("one POST's files fit Lambda's event, base64, with the room left for the rest of the request", () => {
    expect((MAX_POST_FILES_BYTES / 3) * 4 + EVENT_ROOM_BYTES).toBe(MAX_EVENT_BYTES);
    expect(Number.isInteger(MAX_POST_FILES_BYTES)).toBe(true);
    expect(MAX_POST_FILES_BYTES).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    expect(limitWords(MAX_DOCUMENT_BYTES)).toBe("4 MB");
    expect(limitWords(MAX_POST_FILES_BYTES)).toBe("4.4 MB");
    expect(limitWords(MAX_POST_FILES_BYTES + 100_000)).toBe("4.5 MB");
  });

  it("the page and README say the same numbers", () => {
    const html = String(checklistResponse().body);
    expect(html).toContain(
      `Each may be at most ${limitWords(MAX_DOCUMENT_BYTES)}. One save or send can carry at most ${limitWords(MAX_POST_FILES_BYTES)} of files in all.`,
    );
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(
      `One POST can carry at most ${limitWords(MAX_POST_FILES_BYTES)} of files (\`MAX_POST_FILES_BYTES\``,
    );
    expect(readme).toContain(`a file over ${limitWords(MAX_DOCUMENT_BYTES)} is cleared when chosen`);
    expect(readme).toContain(`whose files come to more than ${limitWords(MAX_POST_FILES_BYTES)} is held`);
  });
});
