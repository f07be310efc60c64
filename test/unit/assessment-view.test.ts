/** The needs assessment as the officer's page shows it: overlaps with active partners and those in onboarding apart. */
import { describe, expect, it } from "vitest";
import { DEFAULT_NEEDS_REGISTER } from "#shared/config/needs-register.ts";
import { assessIntake, type PartnerSummary } from "#shared/domain/assessment.ts";
import { assessmentView } from "#shared/web/assessment-view.ts";
import { makeIntake } from "../fixtures/intake.ts";

const partner = (id: string, name: string, stage: PartnerSummary["stage"]): PartnerSummary => ({
  partnershipId: id,
  organisationName: name,
  stage,
  contributionTypes: ["work-experience-placement"],
  audiences: ["secondary"],
});

const list = (page: string, id: string) => new RegExp(`<ul id="${id}">([\\s\\S]*?)</ul>`).exec(page)?.[1];

describe("assessment view", () => {
  it("shows active partners under overlaps and those in onboarding in a list of their own", () => {
    const assessment = assessIntake(makeIntake(), DEFAULT_NEEDS_REGISTER, [
      partner("P-1", "Active Haulage", "ACTIVE"),
      partner("P-2", "Vetting Freight", "VETTING"),
      partner("P-3", "Declined Movers", "DECLINED"),
    ]);
    const page = assessmentView(assessment).toString();
    expect(page).toContain("<h2>Overlaps with active partners</h2>");
    expect(page).toContain("<h2>Also in onboarding</h2>");
    expect(list(page, "overlaps")).toBe("<li>Active Haulage: Work experience placement for Secondary</li>");
    expect(list(page, "in-onboarding")).toBe(
      "<li>Vetting Freight: Work experience placement for Secondary</li>",
    );
    expect(page).not.toContain("Declined Movers:");
  });

  it("says so when no partner, active or in onboarding, offers the same", () => {
    const page = assessmentView(assessIntake(makeIntake(), DEFAULT_NEEDS_REGISTER, [])).toString();
    expect(page).toContain('<p id="overlaps">No overlaps.</p>');
    expect(page).toContain('<p id="in-onboarding">No partner in onboarding offers the same.</p>');
  });

  it("still shows an assessment recorded before partners in onboarding were listed apart", () => {
    const { inOnboarding: _, ...recorded } = assessIntake(makeIntake(), DEFAULT_NEEDS_REGISTER, []);
    expect(assessmentView(recorded).toString()).toContain('<p id="in-onboarding">');
  });
});
