/** What free-text and one-line fields accept and refuse, and the messages a person gets. */
import { describe, expect, it } from "vitest";
import { freeText, textLine } from "#shared/schemas/free-text.ts";

const messages = (result: { error?: { issues: { message: string }[] } | undefined }) =>
  result.error?.issues.map((i) => i.message) ?? [];

const INVISIBLE_MESSAGE =
  "Contains invisible characters (such as zero-width spaces or direction marks): please type it again";

describe("one-line fields", () => {
  const line = textLine(1, 200);

  it.each([
    ["a zero-width space", "Ze\u200Bta Widgets"],
    ["a zero-width non-joiner", "Wid\u200Cgets"],
    ["a zero-width joiner", "Uni\u200Dque"],
    ["a left-to-right mark", "Zeta\u200E Widgets"],
    ["a right-to-left mark", "Zeta\u200F Widgets"],
    ["an Arabic letter mark", "Zeta\u061C Widgets"],
    ["a word joiner", "Zeta\u2060Widgets"],
    ["an invisible separator", "Zeta\u2063Widgets"],
    ["a zero-width no-break space (byte-order mark) inside the text", "Zeta\uFEFFWidgets"],
    ["a soft hyphen", "Wid\u00ADgets"],
  ])("refuses %s, with a message a person can act on", (_what, value) => {
    expect(messages(line.safeParse(value))).toEqual([INVISIBLE_MESSAGE]);
  });

  it("accepts accents, typographic apostrophes and scripts other than Latin", () => {
    for (const value of ["Société Économique de l’Ontario", "Ōtautahi Trust", "Школа № 5", "مدرسة النور"]) {
      expect(line.safeParse(value).success, value).toBe(true);
    }
  });

  it("still refuses a bidirectional override with its own message, and only that one", () => {
    expect(messages(line.safeParse("Safe \u202Egro.live"))).toEqual([
      "Control characters are not allowed here",
    ]);
  });
});

describe("multi-line free text", () => {
  it("keeps joiners, which emoji sequences and some scripts' words need", () => {
    const text = freeText(1, 2000);
    expect(text.safeParse("Our team 👩\u200D🔧 welcomes students.").success).toBe(true);
    expect(text.safeParse("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u06CC\u0645").success).toBe(true);
  });
});

describe("required and optional free text", () => {
  it("says only 'Required' when a required answer is empty or blank, and how long it must be when too short", () => {
    const answer = freeText(10, 2000);
    expect(messages(answer.safeParse(""))).toEqual(["Required"]);
    expect(messages(answer.safeParse("   "))).toEqual(["Required"]);
    expect(messages(answer.safeParse(undefined))).toEqual(["Required"]);
    expect(messages(answer.safeParse("Too short"))).toEqual(["At least 10 characters"]);
  });

  it("accepts an empty answer where none is required (an officer's optional comment)", () => {
    expect(freeText(0, 2000).safeParse("").success).toBe(true);
  });
});
