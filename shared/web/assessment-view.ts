/** The needs assessment as the officer reads it: scores with their reasons, needs, gaps, overlaps, duplicates. */
import type { Assessment, Overlap } from "../domain/assessment-types.ts";
import { label } from "../schemas/vocabulary.ts";
import { html, type SafeHtml } from "./html.ts";

/** Partners offering what the intake offers, each with what it shares; `id` names the list for the tests. */
function overlapList(id: string, overlaps: readonly Overlap[], none: string): SafeHtml {
  return overlaps.length === 0
    ? html`<p id="${id}">${none}</p>`
    : html`<ul id="${id}">${overlaps.map(
        (o) =>
          html`<li>${o.organisationName}: ${o.contributionTypes.map(label).join(", ")} for ${o.audiences.map(label).join(", ")}</li>`,
      )}</ul>`;
}

export function assessmentView(a: Assessment | undefined): SafeHtml {
  if (!a) return html`<p>The assessment has not run yet.</p>`;
  return html`<div class="card"><p>Alignment with the office's needs: <span class="score" id="alignment">${a.alignmentScore}</span>/100</p>
<ul>${a.alignmentReasons.map((r) => html`<li>${r}</li>`)}</ul>
<p>Readiness to partner: <span class="score" id="readiness">${a.readinessScore}</span>/100</p>
<ul>${a.readinessReasons.map((r) => html`<li>${r}</li>`)}</ul>
<p>Proposed partnership type: <strong id="proposed-type">${label(a.proposedType)}</strong></p>
<ul>${a.proposedTypeReasons.map((r) => html`<li>${r}</li>`)}</ul></div>
<h2>Needs it answers</h2>${
    a.needMatches.length === 0
      ? html`<p>None of the office's registered needs.</p>`
      : html`<table><thead><tr><th>Need</th><th>Score</th><th>Why</th></tr></thead><tbody>${a.needMatches.map(
          (m) => html`<tr><td>${m.title}</td><td>${m.score}</td><td>${m.reasons.join("; ")}</td></tr>`,
        )}</tbody></table>`
  }
<h2>Gaps it fills</h2>${
    a.gapsFilled.length === 0
      ? html`<p id="gaps">No gaps: active partners already cover what it offers.</p>`
      : html`<ul id="gaps">${a.gapsFilled.map((g) => html`<li>${g.title}: ${g.reason}</li>`)}</ul>`
  }
<h2>Overlaps with active partners</h2>${overlapList("overlaps", a.overlaps, "No overlaps.")}
<h2>Also in onboarding</h2>${overlapList("in-onboarding", a.inOnboarding ?? [], "No partner in onboarding offers the same.")}
<h2>Possible duplicates</h2>${
    a.duplicates.length === 0
      ? html`<p id="duplicates">None found.</p>`
      : html`<ul id="duplicates">${a.duplicates.map(
          (d) =>
            html`<li>${d.organisationName} (same ${d.matchedOn}: ${d.value}, partnership ${d.partnershipId})</li>`,
        )}</ul>`
  }`;
}
