import { describe, expect, it } from "vitest";
import { intakeAttributes } from "#shared/adapters/dynamodb-items.ts";
import { makeIntake } from "../fixtures/intake.ts";

describe("the attributes the registry index is keyed and projected on", () => {
  it("compare names by their letters and digits, and the domain without www", () => {
    const attributes = intakeAttributes(
      makeIntake({
        organisation: { name: "The Lakeside Robotics Ltd.", website: "https://www.lakeside.example" },
      }),
      "P1",
    );
    expect(attributes).toMatchObject({ normalisedName: "lakeside robotics", webDomain: "lakeside.example" });
  });

  it("never give the index an empty key: DynamoDB would refuse the whole write", () => {
    const attributes = intakeAttributes(makeIntake({ organisation: { name: "🙂🙂" } }), "P1");
    expect(attributes.normalisedName).toBe("#P1");
  });
});
