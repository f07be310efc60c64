/**
 * A document of headed sections (an agreement, a completion certificate) as HTML for the pages: the title as an
 * h2 under the page's own h1, each section as an h3, each paragraph a <p>, and a line break inside a
 * paragraph (the officer's terms may have them) a <br>. Every text is escaped.
 */
import type { AgreementDocument } from "../domain/agreement.ts";
import { html, type SafeHtml } from "./html.ts";

function paragraph(text: string): SafeHtml {
  const lines = text.split("\n");
  return html`<p>${lines.map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}</p>`;
}

export function documentHtml(doc: AgreementDocument, id: string): SafeHtml {
  return html`<article class="card" id="${id}"><h2>${doc.title}</h2>${doc.sections.map(
    (s) => html`<section><h3>${s.heading}</h3>${s.paragraphs.map(paragraph)}</section>`,
  )}</article>`;
}
