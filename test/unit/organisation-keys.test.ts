/** How an organisation's name and website are reduced to what the duplicate check compares. */
import { describe, expect, it } from "vitest";
import { normaliseOrganisationName, webDomain } from "#shared/domain/organisation-keys.ts";

describe("normaliseOrganisationName", () => {
  it("treats 'The Daniels Corporation, Inc.' and 'daniels corporation' as the same organisation", () => {
    expect(normaliseOrganisationName("The Daniels Corporation, Inc.")).toBe(
      normaliseOrganisationName("daniels corporation"),
    );
    expect(normaliseOrganisationName("The Daniels Corporation, Inc.")).toBe("daniels");
  });

  it("ignores case, accents, punctuation and extra spaces", () => {
    expect(normaliseOrganisationName("  Société   Économique de l’Ontario ")).toBe(
      normaliseOrganisationName("SOCIETE ECONOMIQUE DE L'ONTARIO"),
    );
    expect(normaliseOrganisationName("Boys & Girls Club")).toBe(
      normaliseOrganisationName("Boys and Girls Club"),
    );
  });

  it("drops each legal suffix at the end", () => {
    for (const suffix of [
      "Ltd.",
      "Limited",
      "LLC",
      "Corp.",
      "Co.",
      "Company",
      "PLC",
      "Incorporated",
      "Society",
    ]) {
      expect(normaliseOrganisationName(`Harbourview ${suffix}`)).toBe("harbourview");
    }
  });

  it("keeps 'association', which tells an industry association from an employer of the same name", () => {
    expect(normaliseOrganisationName("Ontario Home Builders' Association")).toBe(
      "ontario home builders association",
    );
  });

  it("drops 'the' only as a whole leading word and never empties a name", () => {
    expect(normaliseOrganisationName("The Theatre Company")).toBe("theatre");
    expect(normaliseOrganisationName("Theory of Change Inc")).toBe("theory of change");
    expect(normaliseOrganisationName("The Company")).toBe("company");
  });

  it("keeps legal words that are not at the end", () => {
    expect(normaliseOrganisationName("Co-operative Housing Society of Toronto")).toBe(
      "co operative housing society of toronto",
    );
  });
});

describe("webDomain", () => {
  it("gives the host lowercased without a leading www", () => {
    expect(webDomain("https://WWW.Example.ORG/about?x=1")).toBe("example.org");
    expect(webDomain("http://careers.example.org")).toBe("careers.example.org");
  });

  it("reads an address without a scheme as https", () => {
    expect(webDomain("www.example.org/partners")).toBe("example.org");
  });

  it("is undefined for a missing or invalid address", () => {
    expect(webDomain(undefined)).toBeUndefined();
    expect(webDomain("")).toBeUndefined();
    expect(webDomain("not a web address")).toBeUndefined();
    expect(webDomain("ftp://files.example.org")).toBeUndefined();
    expect(webDomain("mailto:someone@example.org")).toBeUndefined();
  });
});

describe("normaliseOrganisationName with invisible and compatibility characters", () => {
  it("ignores zero-width characters, so 'Ze\\u200Bta Uni\\u200Dque Wid\\u200Cgets Co' is 'Zeta Unique Widgets Co'", () => {
    expect(normaliseOrganisationName("Ze\u200Bta Uni\u200Dque Wid\u200Cgets Co")).toBe("zeta unique widgets");
  });

  it("ignores direction marks, soft hyphens, word joiners and byte-order marks", () => {
    expect(normaliseOrganisationName("\u200EZeta\u00AD Uni\u2060que\uFEFF Widgets\u200F")).toBe(
      "zeta unique widgets",
    );
  });

  it("reads compatibility forms as the letters they show: full-width letters, ligatures", () => {
    expect(normaliseOrganisationName("Ｚｅｔａ Unique Widgets")).toBe("zeta unique widgets");
    expect(normaliseOrganisationName("Oﬃce Supplies")).toBe("office supplies");
  });
});
