import { describe, expect, it } from "vitest";
import { AGREEMENT_TEMPLATES, DEFAULT_AGREEMENT_TEMPLATE } from "#shared/config/agreement-template.ts";
import {
  type AgreementTemplate,
  AgreementTemplateError,
  renderAgreement,
  unknownPlaceholders,
} from "#shared/domain/agreement.ts";
import { agreementHtml } from "#shared/web/agreement-view.ts";
import { AGREEMENT_INPUT, TERMS } from "../fixtures/agreement.ts";

const text = (doc: ReturnType<typeof renderAgreement>) =>
  [doc.title, ...doc.sections.flatMap((s) => [s.heading, ...s.paragraphs])].join("\n");

describe("the agreement's template", () => {
  it("is version 2026-12-v1, listed, and names only placeholders that have values", () => {
    expect(DEFAULT_AGREEMENT_TEMPLATE.version).toBe("2026-12-v1");
    expect(AGREEMENT_TEMPLATES.map((t) => t.version)).toContain("2026-12-v1");
    for (const template of AGREEMENT_TEMPLATES) {
      const texts = [template.title, ...template.sections.flatMap((s) => [s.heading, ...s.paragraphs])];
      expect(texts.flatMap(unknownPlaceholders)).toEqual([]);
    }
    expect(unknownPlaceholders("{{office.name}} and {{partner.bankAccount}}")).toEqual([
      "partner.bankAccount",
    ]);
  });
});

describe("rendering an agreement", () => {
  const doc = renderAgreement(AGREEMENT_INPUT);

  it("fills in the parties, the type and every term, with no placeholder left", () => {
    const all = text(doc);
    expect(doc.title).toBe(
      "Partnership agreement between Community Partnerships Office and Harbourview Supplies Ltd.",
    );
    expect(all).not.toMatch(/\{\{|\}\}/);
    for (const expected of [
      "Dana Okafor, Director of Operations",
      "Type of partnership: Collaboration.",
      "organisation type is: Employer or business",
      TERMS.divisionOfServices.partner,
      TERMS.expectedOutcomes,
      TERMS.financialResponsibility,
      TERMS.referralProtocol,
      TERMS.communicationProtocol,
      "begins on January 31, 2027 and runs for 24 months, until January 30, 2029",
      "every 12 months, the first time by January 31, 2028",
      "30 days' written notice",
      "Partnership p_7Qm2xK9vLr4T, agreement version 1, issued on December 10, 2026 from template 2026-12-v1.",
    ])
      expect(all).toContain(expected);
    expect(doc.sections.map((s) => s.heading)).toContain("3. Division of services");
  });

  it("makes a paragraph of each of the officer's paragraphs", () => {
    const services = doc.sections.find((s) => s.heading === "3. Division of services");
    expect(services?.paragraphs.slice(0, 3)).toEqual([
      "The Office will:",
      "Match students in grades 11 and 12 with mentors, arrange the schedule with the schools, and brief each mentor on the school's policies.",
      "Provide a meeting room at the school for each session.",
    ]);
  });

  it("words a single month and a notice of no days", () => {
    const all = text(
      renderAgreement({
        ...AGREEMENT_INPUT,
        terms: { ...TERMS, termMonths: 1, reviewCadenceMonths: 1, terminationNoticeDays: 0 },
      }),
    );
    expect(all).toContain("runs for 1 month, until February 28, 2027");
    expect(all).toContain("review the partnership every month");
    expect(all).toContain("written notice, effective on the day the other party receives it");
  });

  it("is the same for the same input, and prints a value that looks like a placeholder as typed", () => {
    expect(renderAgreement(AGREEMENT_INPUT)).toEqual(doc);
    const odd = renderAgreement({
      ...AGREEMENT_INPUT,
      partner: { ...AGREEMENT_INPUT.partner, organisationName: "{{office.name}} Ltd." },
    });
    expect(odd.title).toBe(
      "Partnership agreement between Community Partnerships Office and {{office.name}} Ltd.",
    );
  });

  it("refuses an unknown template version, and a template with an unknown placeholder", () => {
    expect(() => renderAgreement({ ...AGREEMENT_INPUT, templateVersion: "1999-01-v9" })).toThrow(
      AgreementTemplateError,
    );
    const broken: AgreementTemplate = {
      version: "test",
      title: "Agreement",
      sections: [{ heading: "Money", paragraphs: ["Paid to {{partner.bankAccount}}."] }],
    };
    expect(() => renderAgreement({ ...AGREEMENT_INPUT, templateVersion: "test" }, [broken])).toThrow(
      /unknown placeholder \{\{partner\.bankAccount\}\}/,
    );
  });
});

describe("the agreement's HTML", () => {
  it("shows every heading and paragraph, escaped, with the officer's line breaks", () => {
    const doc = renderAgreement({
      ...AGREEMENT_INPUT,
      partner: { ...AGREEMENT_INPUT.partner, organisationName: "Tom & Jerry's <Shop>" },
      terms: { ...TERMS, referralProtocol: "Call the office first.\nThen send the form." },
    });
    const out = agreementHtml(doc).value;
    expect(out).toContain('<article class="card" id="agreement">');
    expect(out).toContain(
      "<h2>Partnership agreement between Community Partnerships Office and Tom &amp; Jerry&#39;s &lt;Shop&gt;</h2>",
    );
    expect(out).not.toContain("<Shop>");
    expect(out).toContain(
      "<h3>8. Referral protocol</h3><p>Call the office first.<br>Then send the form.</p>",
    );
    expect(out.match(/<h3>/g)).toHaveLength(doc.sections.length);
  });
});
