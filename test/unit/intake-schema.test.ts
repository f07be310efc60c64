/** What the intake schema accepts and refuses, and the messages it gives: the API's and the form's rules. */
import { describe, expect, it } from "vitest";
import { intakeSchema } from "#shared/schemas/intake.ts";
import { fieldErrors, UNKNOWN_FIELD } from "#shared/schemas/validation.ts";
import { makeIntake } from "../fixtures/intake.ts";

/** The field list a 400 response or the form would show for this value. */
const errorsFor = (value: unknown) => {
  const result = intakeSchema.safeParse(value);
  return result.success ? [] : fieldErrors(result.error);
};

describe("unknown fields", () => {
  it("refuses an unknown field at any depth, naming each by its path", () => {
    const intake = makeIntake();
    const errors = errorsFor({
      ...intake,
      admin: true,
      organisation: {
        ...intake.organisation,
        verified: true,
        address: { ...intake.organisation.address, gps: 1 },
      },
      contact: { ...intake.contact, role: "owner" },
      signatory: { ...intake.signatory, signed: true },
      needsAssessment: {
        ...intake.needsAssessment,
        score: 100,
        readiness: { ...intake.needsAssessment.readiness, approved: true },
      },
    });
    expect(errors).toEqual(
      expect.arrayContaining(
        [
          "admin",
          "organisation.verified",
          "organisation.address.gps",
          "contact.role",
          "signatory.signed",
          "needsAssessment.score",
          "needsAssessment.readiness.approved",
        ].map((field) => ({ field, message: UNKNOWN_FIELD })),
      ),
    );
    expect(errors).toHaveLength(7);
  });

  it("names two unknown fields of the same object separately", () => {
    const intake = makeIntake();
    expect(errorsFor({ ...intake, contact: { ...intake.contact, a: 1, b: 2 } })).toEqual([
      { field: "contact.a", message: UNKNOWN_FIELD },
      { field: "contact.b", message: UNKNOWN_FIELD },
    ]);
  });
});

describe("empty required fields", () => {
  it("say 'Required', and only that, whether empty, blank or missing", () => {
    const intake = makeIntake();
    const errors = errorsFor({
      ...intake,
      organisation: {
        ...intake.organisation,
        name: "",
        type: "",
        address: { ...intake.organisation.address, country: "  " },
      },
      contact: { name: intake.contact.name, email: "" },
      signatory: { name: intake.signatory.name, title: intake.signatory.title },
      services: [],
      contributionTypes: [],
      needsAssessment: {
        ...intake.needsAssessment,
        needToFill: "",
        readiness: { ...intake.needsAssessment.readiness, hasCapacity: "", staffingHoursPerMonth: undefined },
      },
    });
    expect(errors).toEqual(
      [
        "organisation.name",
        "organisation.type",
        "organisation.address.country",
        "contact.email",
        "signatory.email",
        "services",
        "contributionTypes",
        "needsAssessment.needToFill",
        "needsAssessment.readiness.hasCapacity",
        "needsAssessment.readiness.staffingHoursPerMonth",
      ].map((field) => ({ field, message: "Required" })),
    );
  });

  it("a field too short but not empty says how long it must be", () => {
    expect(errorsFor(makeIntake({ organisation: { name: "A" } }))).toEqual([
      { field: "organisation.name", message: "At least 2 characters" },
    ]);
  });
});

describe("staff hours", () => {
  const withHours = (hours: unknown) =>
    errorsFor(makeIntake({ needsAssessment: { readiness: { staffingHoursPerMonth: hours as number } } }));

  it("accept whole numbers only, and the message says so", () => {
    expect(withHours(8)).toEqual([]);
    for (const hours of [2.5, "8", "eight", Number.POSITIVE_INFINITY]) {
      expect(withHours(hours), String(hours)).toEqual([
        {
          field: "needsAssessment.readiness.staffingHoursPerMonth",
          message: "Enter a whole number of hours, such as 8",
        },
      ]);
    }
  });

  it("refuses a negative number or more hours than a month has", () => {
    expect(withHours(-1)[0]?.message).toBe("Enter 0 or more hours");
    expect(withHours(745)[0]?.message).toBe("A month has at most 744 hours");
  });
});

describe("website", () => {
  const website = (address: string) =>
    intakeSchema.safeParse(makeIntake({ organisation: { website: address } }));

  it("gets https:// added when it has no scheme", () => {
    expect(website("example.org").data?.organisation.website).toBe("https://example.org");
    expect(website("  www.example.org/about ").data?.organisation.website).toBe(
      "https://www.example.org/about",
    );
    expect(website("example.org:8080/partners").data?.organisation.website).toBe(
      "https://example.org:8080/partners",
    );
  });

  it("keeps an address with http or https as it is", () => {
    expect(website("http://example.org").data?.organisation.website).toBe("http://example.org");
    expect(website("https://example.org/a?b=1").data?.organisation.website).toBe("https://example.org/a?b=1");
  });

  it("refuses another scheme, a host without a domain, and what is not an address, in plain words", () => {
    for (const address of [
      "mailto:someone@example.org",
      "javascript:alert(1)",
      "ftp://example.org",
      "localhost:3000",
      "192.168.0.1",
      "not a web address",
      "example",
    ]) {
      expect(
        website(address).error?.issues.map((i) => i.message),
        address,
      ).toEqual(["Enter a web address such as https://example.org"]);
    }
  });

  it("accepts an internationalised domain name", () => {
    expect(website("bücher.ca").success).toBe(true);
    expect(website("https://пример.рф").success).toBe(true);
  });
});

describe("services", () => {
  it("is never told to choose: an empty list is 'Required', a repeated line is named as a service", () => {
    const messages = (services: string[]) => errorsFor(makeIntake({ services })).map((e) => e.message);
    expect(messages([])).toEqual(["Required"]);
    expect(messages(["Career talks", "Career talks"])).toEqual(["Each service only once"]);
    for (const message of [
      ...messages([]),
      ...messages(
        Array(21)
          .fill("x")
          .map((x, i) => `${x}${i}`),
      ),
    ]) {
      expect(message).not.toMatch(/choose/i);
    }
  });
});
