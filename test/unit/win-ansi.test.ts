import { describe, expect, it } from "vitest";
import { isWinAnsi, toWinAnsi } from "#shared/documents/win-ansi.ts";
import { wrapLine } from "#shared/documents/word-wrap.ts";

describe("text for the PDF's standard fonts (WinAnsi)", () => {
  it("keeps Latin-1 and WinAnsi's typographic marks", () => {
    const text = "Café Señor Zoë – “quoted” — 5 € • naïve Œuvre ™";
    expect(toWinAnsi(text)).toEqual({ text, replaced: false });
  });

  it("writes accented letters it lacks without their accents, and some marks in ASCII", () => {
    expect(toWinAnsi("Łukasz Şahin Dvořák Nguyễn")).toEqual({
      text: "Lukasz Sahin Dvorák Nguyen",
      replaced: false,
    });
    expect(toWinAnsi("a ≤ b → c\u2009d")).toEqual({ text: "a <= b -> c d", replaced: false });
    // A letter typed as letter + combining accent is the letter WinAnsi has.
    expect(toWinAnsi("Cafe\u0301").text).toBe("Café");
  });

  it("replaces what has no form, one ? per character, and says so", () => {
    expect(toWinAnsi("王小明 😀 Ltd.")).toEqual({ text: "??? ? Ltd.", replaced: true });
    expect(toWinAnsi("Why?")).toEqual({ text: "Why?", replaced: false });
    for (const c of toWinAnsi("王小明 😀 ∑ Ω").text) expect(isWinAnsi(c.codePointAt(0) ?? 0)).toBe(true);
  });
});

describe("word wrapping", () => {
  const measure = (t: string) => t.length;

  it("fills each line with whole words", () => {
    expect(wrapLine("the quick brown fox jumps", 10, measure)).toEqual(["the quick", "brown fox", "jumps"]);
    expect(wrapLine("", 10, measure)).toEqual([""]);
  });

  it("breaks a word longer than a line", () => {
    expect(wrapLine("hash 0123456789abcdef end", 8, measure)).toEqual([
      "hash",
      "01234567",
      "89abcdef",
      "end",
    ]);
  });
});
