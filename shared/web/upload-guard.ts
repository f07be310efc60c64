/**
 * A small inline script for forms with files, so that a browser never sends a POST the gateway would refuse with
 * its plain 413 (Lambda's 6 MB event: see shared/domain/document-limits.ts). A file over the per-file limit is
 * cleared when chosen, with the server's own message beside it; a save or send whose files come to more than one
 * POST carries is held, and the summary says which files to send in a separate save, so nothing typed is lost.
 * It is only a convenience: the server checks everything as before, and the page works without it.
 *
 * The script is one constant, allowed by its SHA-256 in the Content-Security-Policy (shared/web/layout.ts); the
 * limits and the words it shows come from the form's data- attributes (uploadGuardAttributes), so that neither
 * the numbers nor the messages are written twice.
 */
import {
  DOCUMENT_TOO_LARGE,
  limitWords,
  MAX_DOCUMENT_BYTES,
  MAX_POST_FILES_BYTES,
  refusedUploadMessage,
} from "../domain/document-limits.ts";
import { html, SafeHtml } from "./html.ts";

/** The id of the live region the script fills with its summary. */
export const UPLOAD_PROBLEMS_ID = "upload-problems";

/**
 * The script, as sent (its hash is computed from this very text). It is written for any browser of the last few
 * years, without a framework, and touches only forms that carry the data- attributes below.
 */
export const UPLOAD_GUARD_SCRIPT = `
(() => {
  "use strict";
  const MB = 1024 * 1024;
  const sizeOf = (bytes) => Math.max(0.1, Math.ceil((bytes / MB) * 10) / 10).toFixed(1) + " MB";
  const make = (tag, attributes, ...children) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  };
  for (const form of document.querySelectorAll("form[data-max-post-bytes]")) {
    const data = form.dataset;
    const maxFile = Number(data.maxFileBytes);
    const maxPost = Number(data.maxPostBytes);
    const region = document.getElementById(data.problems);
    if (!region) continue;
    const saveButton = form.querySelector("button[data-save]");
    const inputs = () => Array.from(form.querySelectorAll("input[type=file]"));
    const filesOf = (input) => Array.from(input.files || []);
    const bytesOf = (input) => filesOf(input).reduce((sum, file) => sum + file.size, 0);
    const labelOf = (input) => input.dataset.label || input.name;
    const tooLarge = new Set();
    let held = null;
    let shown = "";

    const mark = (input, on) => {
      const id = input.id + "-too-large";
      const old = document.getElementById(id);
      if (old) old.remove();
      const ids = (input.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
      if (on) {
        input.before(make("p", { class: "error", id }, data.fileTooLarge));
        ids.push(id);
      }
      if (ids.length > 0) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
      const invalid = on || document.getElementById(input.id + "-error") !== null;
      input.classList.toggle("invalid", invalid);
      if (invalid) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    };

    const clearTooLarge = (input) => {
      const over = filesOf(input).some((file) => file.size > maxFile);
      if (over) {
        input.value = "";
        tooLarge.add(input);
      }
      return over;
    };

    const weigh = () => {
      let kept = 0;
      let total = 0;
      const later = [];
      for (const input of inputs()) {
        const bytes = bytesOf(input);
        total += bytes;
        if (kept + bytes <= maxPost) kept += bytes;
        else later.push(input);
      }
      return later.length > 0 ? { total, later } : null;
    };

    const link = (input) => make("a", { href: "#" + input.id }, labelOf(input));

    const render = (focus) => {
      const key = JSON.stringify([
        inputs().map((input) => tooLarge.has(input)),
        held && [held.total, held.later.map((input) => input.id + bytesOf(input))],
      ]);
      if (key === shown && !focus) return;
      shown = key;
      const items = inputs()
        .filter((input) => tooLarge.has(input))
        .map((input) => make("li", {}, link(input), ": " + data.fileTooLarge));
      if (held) {
        const later = held.later.map((input) =>
          make("li", {}, link(input), " (" + filesOf(input).map((file) => file.name).join(", ") + ", " + sizeOf(bytesOf(input)) + ")"),
        );
        items.push(
          make(
            "li",
            {},
            data.postTooLarge + " The files chosen come to " + sizeOf(held.total) +
              ", so nothing has been sent. Send these in a separate save, after this one:",
            make("ul", {}, ...later),
          ),
        );
      }
      region.replaceChildren();
      if (items.length === 0) return;
      const summary = make(
        "div",
        { class: "summary", tabindex: "-1", id: "upload-summary" },
        make("h2", {}, "There is a problem"),
        make("ul", {}, ...items),
      );
      if (held && saveButton) {
        const without = make("button", { type: "button", class: "secondary", id: "save-without" }, data.saveWithout);
        without.addEventListener("click", () => {
          for (const input of held.later) input.value = "";
          held = null;
          render(false);
          saveButton.click();
        });
        summary.append(make("div", { class: "actions" }, without));
      }
      region.append(summary);
      if (focus) summary.focus();
    };

    form.addEventListener("change", (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
      tooLarge.delete(input);
      mark(input, clearTooLarge(input));
      if (held) held = weigh();
      render(false);
    });

    form.addEventListener("submit", (event) => {
      let refused = false;
      for (const input of inputs())
        if (clearTooLarge(input)) {
          mark(input, true);
          refused = true;
        }
      held = weigh();
      if (refused || held) {
        event.preventDefault();
        render(true);
      }
    });
  }
})();
`;

/**
 * The form's attributes the script reads: the limits in bytes, and the server's words for them. `problems` is the
 * live region the summary goes in (uploadProblems()).
 */
export function uploadGuardAttributes(): SafeHtml {
  return html` data-max-file-bytes="${MAX_DOCUMENT_BYTES}" data-max-post-bytes="${MAX_POST_FILES_BYTES}" data-file-too-large="${refusedUploadMessage(
    DOCUMENT_TOO_LARGE,
  )}" data-post-too-large="${postTooLargeWords()}" data-save-without="Save now without these files" data-problems="${UPLOAD_PROBLEMS_ID}"`;
}

/** What one POST can carry, as the page's hint and the script's summary say it. */
export function postTooLargeWords(): string {
  return `One save or send can carry at most ${limitWords(MAX_POST_FILES_BYTES)} of files in all.`;
}

/**
 * Where the script's summary goes, at the top of the page beside the server's: a live region, empty until the
 * script has something to say, so that what it says is announced.
 */
export function uploadProblems(): SafeHtml {
  return html`<div id="${UPLOAD_PROBLEMS_ID}" role="alert"></div>`;
}

/** The script element, after the form it guards. */
export function uploadGuardScript(): SafeHtml {
  return new SafeHtml(`<script>${UPLOAD_GUARD_SCRIPT}</script>`);
}
