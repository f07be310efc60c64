/** The partner's intake answers as a table, for the officer's pages. */
import type { Partnership } from "../domain/partnership.ts";
import { label } from "../schemas/vocabulary.ts";
import { html, type SafeHtml } from "./html.ts";

export function intakeAnswers(p: Partnership): SafeHtml {
  const i = p.intake;
  const n = i.needsAssessment;
  const row = (k: string, v: string) => html`<tr><th>${k}</th><td>${v}</td></tr>`;
  return html`<table><tbody>
${row("Organisation", `${i.organisation.name} (${label(i.organisation.type)})`)}
${row("Website", i.organisation.website ?? "—")}
${row("Address", [i.organisation.address.line1, i.organisation.address.city, i.organisation.address.region, i.organisation.address.postalCode, i.organisation.address.country].filter(Boolean).join(", "))}
${row("Contact", `${i.contact.name} <${i.contact.email}>${i.contact.phone ? `, ${i.contact.phone}` : ""}`)}
${row("Proposed signatory", `${i.signatory.name}, ${i.signatory.title} <${i.signatory.email}>`)}
${row("Services", i.services.join("; "))}
${row("Contributions", i.contributionTypes.map(label).join(", "))}
${row("Audiences", i.audiences.map(label).join(", "))}
${row("Need to fill", n.needToFill)}
${row("Expected outcome", n.expectedOutcome)}
${row("Looking for from the office", n.soughtFromOffice)}
${row("Offers", n.offerToOffice)}
${row("Capacity", n.readiness.hasCapacity ? "Yes" : "Not yet")}
${row("Staff time", `${n.readiness.staffingHoursPerMonth} hours / month`)}
${row("Resources", n.readiness.resources)}
${row("Policies", n.readiness.policies.map(label).join(", ") || "none")}
</tbody></table>`;
}
