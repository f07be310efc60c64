/** Behaviour of the needs assessment: need matches, alignment, LSPC gaps and overlaps, duplicates, readiness, type. */
import { describe, expect, it } from "vitest";
import { DEFAULT_NEEDS_REGISTER, type Need, type NeedsRegister } from "#shared/config/needs-register.ts";
import { assessIntake, GAP_THRESHOLD, type PartnerSummary } from "#shared/domain/assessment.ts";
import { intakeSchema } from "#shared/schemas/intake.ts";
import { AUDIENCES, CONTRIBUTION_TYPES } from "#shared/schemas/vocabulary.ts";
import { type IntakeOverrides, makeIntake } from "../fixtures/intake.ts";

const partner = (overrides: Partial<PartnerSummary> = {}): PartnerSummary => ({
  partnershipId: "P-OTHER",
  organisationName: "Lakeside Logistics Inc.",
  website: "https://lakesidelogistics.example",
  stage: "ACTIVE",
  contributionTypes: ["work-experience-placement"],
  audiences: ["secondary"],
  ...overrides,
});

const need = (overrides: Partial<Need> = {}): Need => ({
  id: "test-need",
  title: "Test need",
  description: "A need used by one test only.",
  contributionTypes: ["work-experience-placement"],
  audiences: ["secondary"],
  keywords: ["work experience"],
  priority: "high",
  source: "test",
  ...overrides,
});

const register = (...needs: Need[]): NeedsRegister => ({ version: "test", needs });

const assessDefault = (intake = makeIntake(), others: PartnerSummary[] = []) =>
  assessIntake(intake, DEFAULT_NEEDS_REGISTER, others);

describe("test fixture", () => {
  it("builds an intake the intake schema accepts", () => {
    expect(() => intakeSchema.parse(makeIntake())).not.toThrow();
  });

  it("merges nested overrides without losing the other fields", () => {
    const intake = makeIntake({ needsAssessment: { readiness: { staffingHoursPerMonth: 0 } } });
    expect(intake.needsAssessment.readiness.staffingHoursPerMonth).toBe(0);
    expect(intake.needsAssessment.readiness.hasCapacity).toBe(true);
    expect(() => intakeSchema.parse(intake)).not.toThrow();
  });
});

describe("need matches", () => {
  it("scores a need the partner answers with its contribution type, audience and words, with reasons", () => {
    const match = assessDefault().needMatches.find((m) => m.needId === "secondary-work-experience");
    expect(match?.score).toBe(90);
    expect(match?.reasons).toEqual([
      "Offers work-experience placements for secondary students",
      'Mentions "work experience" in services',
    ]);
  });

  it("lists only matching needs, best first", () => {
    const { needMatches } = assessDefault(
      makeIntake({
        contributionTypes: ["work-experience-placement", "speaker"],
        services: ["Talks on the labour market", "Work experience placements"],
      }),
    );
    expect(needMatches.length).toBeGreaterThan(1);
    expect(needMatches.length).toBeLessThan(DEFAULT_NEEDS_REGISTER.needs.length);
    for (const m of needMatches) expect(m.score).toBeGreaterThan(0);
    const scores = needMatches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("scores a contribution type offered to the wrong audience lower, and says so", () => {
    const secondary = assessDefault().needMatches.find((m) => m.needId === "secondary-work-experience");
    const adults = assessDefault(makeIntake({ audiences: ["adult"] })).needMatches.find(
      (m) => m.needId === "secondary-work-experience",
    );
    expect(adults?.score).toBeLessThan(secondary?.score ?? 0);
    expect(adults?.reasons[0]).toBe(
      "Offers work-experience placements, but not for secondary students, whom this need serves",
    );
  });

  it("finds a need from a keyword in the needs-assessment text alone", () => {
    const intake = makeIntake({
      contributionTypes: ["open-house"],
      audiences: ["adult"],
      services: ["Building materials distribution"],
      needsAssessment: { needToFill: "We want to take on a co-op student from the college every term." },
    });
    const match = assessDefault(intake).needMatches.find((m) => m.needId === "training-berths");
    expect(match?.reasons).toContain('Mentions "co-op" in the need to fill');
    expect(match?.reasons).toContain(
      "Serves adult learners, without offering apprenticeship, internship or co-op berths",
    );
    expect(match?.score).toBe(40);
  });

  it("reads no keyword in what the partner seeks from the office: seeking mentors is not offering them", () => {
    const intake = makeIntake({
      contributionTypes: ["sponsor"],
      audiences: ["secondary"],
      services: ["Scholarship fund for graduating students"],
      needsAssessment: {
        needToFill: "We want to support students who finish secondary school.",
        expectedOutcome: "Two bursaries awarded each spring.",
        offerToOffice: "Funding for two bursaries a year.",
        soughtFromOffice: "We are looking for mentors, job coaches and co-op students for our own office.",
      },
    });
    const matched = assessDefault(intake).needMatches.map((m) => m.needId);
    expect(matched).not.toContain("career-mentors");
    expect(matched).not.toContain("training-berths");
  });

  it("matches keywords as whole words, plurals included", () => {
    const mentors = makeIntake({
      contributionTypes: ["sponsor"],
      needsAssessment: { offerToOffice: "Our engineers volunteer as mentors for students." },
    });
    expect(assessDefault(mentors).needMatches.map((m) => m.needId)).toContain("career-mentors");
    const internal = makeIntake({
      contributionTypes: ["sponsor"],
      needsAssessment: { offerToOffice: "An internal committee decides our sponsorships each year." },
    });
    const berths = assessDefault(internal).needMatches.find((m) => m.needId === "training-berths");
    expect(berths).toBeUndefined();
  });

  it("caps keyword points so words cannot outweigh a declared contribution type", () => {
    const wordy = makeIntake({
      contributionTypes: ["sponsor"],
      audiences: ["adult"],
      services: ["Apprenticeship and internship berths, co-op terms, trades training berths"],
    });
    const match = assessDefault(wordy).needMatches.find((m) => m.needId === "training-berths");
    expect(match?.reasons.filter((r) => r.startsWith("Mentions")).length).toBeGreaterThan(2);
    expect(match?.score).toBe(50);
  });
});

describe("alignment", () => {
  it("scores 0 and says so when the intake matches no need", () => {
    const result = assessIntake(
      makeIntake(),
      register(need({ contributionTypes: ["sponsor"], audiences: ["adult"], keywords: ["bursary"] })),
      [],
    );
    expect(result.needMatches).toEqual([]);
    expect(result.alignmentScore).toBe(0);
    expect(result.alignmentReasons).toEqual(["Matches none of the 1 need in the office's needs register"]);
  });

  it("counts a high-priority need more than a low-priority one", () => {
    const high = assessIntake(makeIntake(), register(need({ priority: "high" })), []);
    const low = assessIntake(makeIntake(), register(need({ priority: "low" })), []);
    expect(high.alignmentScore).toBe(90);
    expect(low.alignmentScore).toBeLessThan(high.alignmentScore);
    expect(low.alignmentReasons[0]).toContain("(low priority) scores 90");
  });

  it("lets the best match dominate: further weaker matches only add", () => {
    const best = need({ id: "best" });
    const weak = need({
      id: "weak",
      title: "Weak need",
      contributionTypes: ["sponsor"],
      keywords: ["warehouse"],
      priority: "low",
    });
    const alone = assessIntake(makeIntake(), register(best), []);
    const withWeak = assessIntake(makeIntake(), register(best, weak), []);
    expect(withWeak.needMatches.map((m) => m.needId)).toEqual(["best", "weak"]);
    expect(withWeak.alignmentScore).toBeGreaterThan(alone.alignmentScore);
    expect(withWeak.alignmentScore - alone.alignmentScore).toBeLessThan(5);
    expect(withWeak.alignmentReasons[1]).toMatch(/^Also answers "Weak need", which adds \d+$/);
  });

  it("stays within 0..100 however many needs match", () => {
    const everything = makeIntake({
      contributionTypes: [...CONTRIBUTION_TYPES],
      audiences: [...AUDIENCES],
      services: [
        "Work experience, co-op, mentoring, career fair, dual credit, literacy tutoring, sponsorship",
      ],
    });
    const result = assessDefault(everything);
    expect(result.alignmentScore).toBeLessThanOrEqual(100);
    expect(result.alignmentScore).toBeGreaterThanOrEqual(90);
    for (const m of result.needMatches) expect(m.score).toBeLessThanOrEqual(100);
  });
});

const ONBOARDING = ["SUBMITTED", "ASSESSING", "VETTING", "CONFIRMING_AUTHORITY", "SIGNING"] as const;
const ENDED = ["DECLINED", "WITHDRAWN", "EXPIRED", "TERMINATED"] as const;

describe("LSPC gaps", () => {
  it(`fills a gap when it answers a need (score ≥ ${GAP_THRESHOLD}) that no active partner covers`, () => {
    const { gapsFilled } = assessDefault();
    expect(gapsFilled.map((g) => g.needId)).toEqual(["secondary-work-experience"]);
    expect(gapsFilled[0]?.reason).toBe(
      "No partner that is active or in review offers work-experience placements for secondary students",
    );
  });

  it("fills no gap an active or in-review partner already covers with the same type for the same audience", () => {
    expect(assessDefault(makeIntake(), [partner({ stage: "ACTIVE" })]).gapsFilled).toEqual([]);
    expect(assessDefault(makeIntake(), [partner({ stage: "IN_REVIEW" })]).gapsFilled).toEqual([]);
  });

  it("still fills a gap that only partners in onboarding would cover, and names them", () => {
    for (const stage of ONBOARDING) {
      const { gapsFilled } = assessDefault(makeIntake(), [
        partner({ stage, partnershipId: "P-1", organisationName: "Zeta Haulage" }),
        partner({ stage: "SIGNING", partnershipId: "P-2", organisationName: "Lakeside Logistics Inc." }),
      ]);
      expect(
        gapsFilled.map((g) => g.needId),
        stage,
      ).toEqual(["secondary-work-experience"]);
      expect(gapsFilled[0]?.reason, stage).toBe(
        "No partner that is active or in review offers work-experience placements for secondary students; Lakeside Logistics Inc. and Zeta Haulage, in onboarding, do",
      );
    }
  });

  it("counts ended partnerships neither as covering a gap nor as in onboarding", () => {
    for (const stage of ENDED) {
      const { gapsFilled } = assessDefault(makeIntake(), [partner({ stage })]);
      expect(
        gapsFilled.map((g) => g.needId),
        stage,
      ).toEqual(["secondary-work-experience"]);
      expect(gapsFilled[0]?.reason, stage).not.toContain("onboarding");
    }
  });

  it("still sees a gap when the active partner serves a different audience", () => {
    const { gapsFilled } = assessDefault(makeIntake(), [partner({ audiences: ["adult"] })]);
    expect(gapsFilled.map((g) => g.needId)).toEqual(["secondary-work-experience"]);
  });

  it("fills no gap with a weak match: the right type for the wrong audience", () => {
    expect(assessDefault(makeIntake({ audiences: ["adult"] })).gapsFilled).toEqual([]);
  });
});

describe("overlaps", () => {
  it("lists an active partner that offers the same type to the same audience, with what they share", () => {
    const other = partner({
      partnershipId: "P-7",
      stage: "ACTIVE",
      contributionTypes: ["work-experience-placement", "speaker"],
      audiences: ["secondary", "adult"],
    });
    const shared = {
      partnershipId: "P-7",
      organisationName: "Lakeside Logistics Inc.",
      contributionTypes: ["work-experience-placement"],
      audiences: ["secondary"],
    };
    expect(assessDefault(makeIntake(), [other]).overlaps).toEqual([shared]);
    expect(assessDefault(makeIntake(), [{ ...other, stage: "IN_REVIEW" }]).overlaps).toEqual([shared]);
  });

  it("lists partners still being onboarded apart, as in onboarding, not as overlaps", () => {
    const others = ONBOARDING.map((stage) => partner({ partnershipId: stage, stage }));
    const assessment = assessDefault(makeIntake(), others);
    expect(assessment.overlaps).toEqual([]);
    expect(assessment.inOnboarding.map((o) => o.partnershipId)).toEqual([
      "ASSESSING",
      "CONFIRMING_AUTHORITY",
      "SIGNING",
      "SUBMITTED",
      "VETTING",
    ]);
  });

  it("lists ended partnerships in neither list", () => {
    const others = ENDED.map((stage) => partner({ partnershipId: stage, stage }));
    const assessment = assessDefault(makeIntake(), others);
    expect(assessment.overlaps).toEqual([]);
    expect(assessment.inOnboarding).toEqual([]);
  });

  it("orders overlaps sharing as much by name, code unit by code unit, then id: the same on every machine", () => {
    const others = [
      partner({ partnershipId: "P-3", organisationName: "alpha works" }),
      partner({ partnershipId: "P-2", organisationName: "Zeta Works" }),
      partner({ partnershipId: "P-1", organisationName: "Zeta Works" }),
    ];
    // localeCompare would put "alpha works" first; a ledger-recorded order must not depend on locale data.
    expect(assessDefault(makeIntake(), others).overlaps.map((o) => o.partnershipId)).toEqual([
      "P-1",
      "P-2",
      "P-3",
    ]);
  });

  it("is no overlap when the same type goes to another audience, or another type to the same audience", () => {
    const others = [
      partner({ partnershipId: "A", audiences: ["adult"] }),
      partner({ partnershipId: "B", contributionTypes: ["speaker"] }),
      partner({ partnershipId: "C", stage: "VETTING", audiences: ["adult"] }),
    ];
    expect(assessDefault(makeIntake(), others).overlaps).toEqual([]);
    expect(assessDefault(makeIntake(), others).inOnboarding).toEqual([]);
  });
});

describe("duplicates", () => {
  it("flags an organisation already on file under the same normalised name", () => {
    const other = partner({
      partnershipId: "P-1",
      organisationName: "The Harbourview Building Supplies Limited",
    });
    expect(assessDefault(makeIntake(), [other]).duplicates).toEqual([
      {
        partnershipId: "P-1",
        organisationName: "The Harbourview Building Supplies Limited",
        matchedOn: "name",
        value: "harbourview building supplies",
      },
    ]);
  });

  it("flags an organisation already on file under the same web domain, even a declined one", () => {
    const other = partner({
      partnershipId: "P-2",
      organisationName: "HBS Toronto",
      website: "http://harbourviewsupplies.ca/careers",
      stage: "DECLINED",
    });
    expect(assessDefault(makeIntake(), [other]).duplicates).toEqual([
      {
        partnershipId: "P-2",
        organisationName: "HBS Toronto",
        matchedOn: "domain",
        value: "harbourviewsupplies.ca",
      },
    ]);
  });

  it("gives one flag per fact when both name and domain match", () => {
    const other = partner({
      partnershipId: "P-3",
      organisationName: "Harbourview Building Supplies",
      website: "https://harbourviewsupplies.ca",
    });
    const flags = assessDefault(makeIntake(), [other]).duplicates;
    expect(flags.map((f) => [f.partnershipId, f.matchedOn])).toEqual([
      ["P-3", "name"],
      ["P-3", "domain"],
    ]);
  });

  it("flags a name that differs only by zero-width characters", () => {
    const intake = makeIntake({ organisation: { name: "Ze\u200Bta Uni\u200Dque Wid\u200Cgets Co" } });
    const other = partner({ partnershipId: "P-Z", organisationName: "Zeta Unique Widgets Co" });
    expect(assessDefault(intake, [other]).duplicates).toEqual([
      {
        partnershipId: "P-Z",
        organisationName: "Zeta Unique Widgets Co",
        matchedOn: "name",
        value: "zeta unique widgets",
      },
    ]);
  });

  it("compares registrable domains: a subdomain of an organisation's site is the same organisation", () => {
    const intake = makeIntake({ organisation: { website: "https://kitchen.abc.org/menu" } });
    const other = partner({ partnershipId: "P-4", website: "http://www.abc.org" });
    expect(assessDefault(intake, [other]).duplicates).toEqual([
      {
        partnershipId: "P-4",
        organisationName: "Lakeside Logistics Inc.",
        matchedOn: "domain",
        value: "abc.org",
      },
    ]);
  });

  it("finds the registrable domain under a two-level public suffix such as on.ca or co.uk", () => {
    const intake = makeIntake({ organisation: { website: "https://events.harbourview.on.ca" } });
    const same = partner({ partnershipId: "SAME", website: "https://harbourview.on.ca" });
    const other = partner({ partnershipId: "OTHER", website: "https://lakeside.on.ca" });
    expect(assessDefault(intake, [same, other]).duplicates.map((d) => [d.partnershipId, d.value])).toEqual([
      ["SAME", "harbourview.on.ca"],
    ]);
  });

  it("tells apart two sites on a hosting service listed as a public suffix (a.github.io, b.github.io)", () => {
    const intake = makeIntake({ organisation: { website: "https://a.github.io" } });
    const others = [
      partner({ partnershipId: "B", website: "https://b.github.io" }),
      partner({ partnershipId: "A", website: "https://a.github.io/about" }),
    ];
    expect(assessDefault(intake, others).duplicates.map((d) => [d.partnershipId, d.value])).toEqual([
      ["A", "a.github.io"],
    ]);
  });

  it("does not treat two pages on a shared host, or its subdomains, as the same organisation", () => {
    const intake = makeIntake({ organisation: { website: "https://m.facebook.com/harbourview" } });
    const other = partner({ website: "https://m.facebook.com/lakeside" });
    expect(assessDefault(intake, [other]).duplicates).toEqual([]);
    const site = makeIntake({ organisation: { website: "https://sites.google.com/view/harbourview" } });
    const otherSite = partner({ website: "https://sites.google.com/view/lakeside" });
    expect(assessDefault(site, [otherSite]).duplicates).toEqual([]);
  });

  it("does not treat a shared host such as a social-media page as the same organisation", () => {
    const intake = makeIntake({ organisation: { website: "https://www.facebook.com/harbourview" } });
    const other = partner({ website: "https://facebook.com/lakeside" });
    expect(assessDefault(intake, [other]).duplicates).toEqual([]);
  });

  it("flags nothing for an unrelated organisation or one without a website", () => {
    const intake = makeIntake({ organisation: { website: undefined } });
    expect(assessDefault(intake, [partner(), partner({ website: undefined })]).duplicates).toEqual([]);
  });
});

describe("readiness", () => {
  const withReadiness = (overrides: IntakeOverrides) => assessDefault(makeIntake(overrides));

  it("scores capacity, staffing time, resources and policies, with a reason for each", () => {
    const result = assessDefault();
    expect(result.readinessScore).toBe(80);
    expect(result.readinessReasons).toEqual([
      "Has the capacity to partner now (+25)",
      "12 staff hours a month: good (+20)",
      "Names the resources it brings (+15)",
      "Holds 4 policies: health and safety, liability insurance, safeguarding / child protection, code of conduct (+20)",
    ]);
  });

  it("grades staffing time: 0 hours weak, 8 good, 20 strong", () => {
    const score = (hours: number) =>
      withReadiness({ needsAssessment: { readiness: { staffingHoursPerMonth: hours } } }).readinessScore;
    expect(score(0)).toBeLessThan(score(4));
    expect(score(4)).toBeLessThan(score(8));
    expect(score(8)).toBe(score(19));
    expect(score(19)).toBeLessThan(score(20));
    expect(score(20)).toBe(score(160));
    expect(
      withReadiness({ needsAssessment: { readiness: { staffingHoursPerMonth: 0 } } }).readinessReasons,
    ).toContain("No staff time set aside (0 hours a month): weak (+0)");
    expect(
      withReadiness({ needsAssessment: { readiness: { staffingHoursPerMonth: 20 } } }).readinessReasons,
    ).toContain("20 staff hours a month: strong (+30)");
  });

  it("counts lack of capacity against readiness", () => {
    const result = withReadiness({ needsAssessment: { readiness: { hasCapacity: false } } });
    expect(result.readinessScore).toBe(55);
    expect(result.readinessReasons).toContain("Does not have the capacity to partner now (+0)");
  });

  it("gives nothing for resources answered with a placeholder such as 'n/a'", () => {
    for (const resources of ["N/A", "none", "-"]) {
      const result = withReadiness({ needsAssessment: { readiness: { resources } } });
      expect(result.readinessScore, resources).toBe(65);
      expect(result.readinessReasons).toContain("Names no resources for the partnership (+0)");
    }
  });

  it("flags contact with students without a safeguarding policy, and it costs readiness", () => {
    const result = withReadiness({
      needsAssessment: {
        readiness: { policies: ["health-and-safety", "liability-insurance", "code-of-conduct"] },
      },
    });
    expect(result.readinessReasons).toContain(
      "Offers contact with students (work-experience placements) but holds no safeguarding policy (-15)",
    );
    expect(result.readinessScore).toBe(80 - 5 - 15);
  });

  it("does not raise the safeguarding flag for a sponsor, who has no contact with students", () => {
    const result = assessDefault(
      makeIntake({ contributionTypes: ["sponsor"], needsAssessment: { readiness: { policies: [] } } }),
    );
    expect(result.readinessReasons.some((r) => r.includes("safeguarding"))).toBe(false);
    expect(result.readinessReasons).toContain("Holds none of the policies asked about (+0)");
  });

  it("never goes below 0", () => {
    const result = withReadiness({
      needsAssessment: {
        readiness: { hasCapacity: false, staffingHoursPerMonth: 0, resources: "none", policies: [] },
      },
    });
    expect(result.readinessScore).toBe(0);
  });
});

describe("proposed partnership type", () => {
  it("proposes a partnership for a community agency with one contribution for one audience", () => {
    const result = assessDefault(
      makeIntake({
        organisation: { type: "community-agency" },
        contributionTypes: ["mentor-or-job-coach"],
        audiences: ["middle"],
      }),
    );
    expect(result.proposedType).toBe("partnership");
    expect(result.proposedTypeReasons[0]).toContain(
      "offers mentors or job coaches for middle-school students",
    );
    expect(result.proposedTypeReasons).toContain(
      "Not a cross-sector collaboration: the organisation is not an employer or industry association (community-agency); brings no workplace contribution (placements or berths)",
    );
  });

  it("proposes cross-sector for an employer bringing work-experience placements", () => {
    const result = assessDefault();
    expect(result.proposedType).toBe("cross-sector");
    expect(result.proposedTypeReasons[0]).toContain("the organisation is an employer");
    expect(result.proposedTypeReasons[0]).toContain(
      "brings workplace contributions: work-experience placements",
    );
    expect(result.proposedTypeReasons).toContain(
      "Not a strategic collaboration: serves 1 audience, fewer than 2",
    );
  });

  it("does not call an employer cross-sector when it brings no workplace contribution", () => {
    const result = assessDefault(makeIntake({ contributionTypes: ["speaker"] }));
    expect(result.proposedType).toBe("partnership");
  });

  it("proposes a collaboration for three or more contribution types", () => {
    const result = assessDefault(
      makeIntake({
        organisation: { type: "community-agency" },
        contributionTypes: ["mentor-or-job-coach", "project-based-learning", "open-house"],
        audiences: ["middle"],
      }),
    );
    expect(result.proposedType).toBe("collaboration");
    expect(result.proposedTypeReasons[0]).toContain("offers 3 contribution types");
  });

  it("proposes a collaboration for a sponsor that also delivers", () => {
    const result = assessDefault(
      makeIntake({
        organisation: { type: "post-secondary" },
        contributionTypes: ["sponsor", "career-event"],
      }),
    );
    expect(result.proposedType).toBe("collaboration");
    expect(result.proposedTypeReasons[0]).toContain("both sponsors and delivers (career events)");
  });

  const strategic = () =>
    makeIntake({
      contributionTypes: ["apprenticeship-internship-coop-berth", "work-experience-placement"],
      audiences: ["secondary", "adult"],
      services: ["Apprenticeship berths in the skilled trades", "Work experience placements"],
      needsAssessment: { readiness: { staffingHoursPerMonth: 24 } },
    });

  it("proposes a strategic collaboration for a well-aligned, ready partner with long-term commitments to several audiences", () => {
    const result = assessDefault(strategic());
    expect(result.alignmentScore).toBeGreaterThanOrEqual(60);
    expect(result.readinessScore).toBeGreaterThanOrEqual(60);
    expect(result.proposedType).toBe("strategic-collaboration");
    expect(result.proposedTypeReasons[0]).toMatch(
      /alignment \d+ is at least 60; readiness \d+ is at least 60/,
    );
    expect(result.proposedTypeReasons[0]).toContain(
      "long-term commitment: apprenticeship, internship or co-op berths and work-experience placements",
    );
    expect(result.proposedTypeReasons[0]).toContain("serves 2 audiences");
  });

  it("does not propose a strategic collaboration when readiness is below 60", () => {
    const intake = strategic();
    intake.needsAssessment.readiness = {
      ...intake.needsAssessment.readiness,
      hasCapacity: false,
      policies: [],
    };
    const result = assessDefault(intake);
    expect(result.readinessScore).toBeLessThan(60);
    expect(result.proposedType).toBe("cross-sector");
    expect(result.proposedTypeReasons[1]).toMatch(
      /^Not a strategic collaboration: readiness \d+ is below 60$/,
    );
  });

  it("does not propose a strategic collaboration when alignment is below 60", () => {
    const result = assessIntake(
      strategic(),
      register(need({ priority: "low", audiences: ["elementary"] })),
      [],
    );
    expect(result.alignmentScore).toBeLessThan(60);
    expect(result.proposedType).toBe("cross-sector");
  });
});

describe("assessIntake", () => {
  it("is pure: it changes neither the intake, the register nor the partners on file", () => {
    const intake = makeIntake();
    const others = [partner({ stage: "VETTING" })];
    const before = JSON.stringify([intake, DEFAULT_NEEDS_REGISTER, others]);
    const first = assessDefault(intake, others);
    expect(JSON.stringify([intake, DEFAULT_NEEDS_REGISTER, others])).toBe(before);
    expect(assessDefault(intake, others)).toEqual(first);
  });
});
