/** The office's needs register: what the office is looking for from partners, scored against each intake. */
import { AUDIENCES, CONTRIBUTION_TYPES } from "../schemas/vocabulary.ts";
import * as z from "../schemas/zod.ts";

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const uniqueValues = <T extends z.ZodMiniType>(item: T, what: string) =>
  z.array(item).check(
    z.minLength(1, `At least one ${what}`),
    z.refine((xs) => new Set(xs).size === xs.length, `Each ${what} only once`),
  );

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const needSchema = z.object({
  id: z.string().check(z.regex(KEBAB, "Use lowercase words joined by hyphens")),
  title: trimmed(3, 200),
  description: trimmed(10, 2000),
  contributionTypes: uniqueValues(z.enum(CONTRIBUTION_TYPES), "contribution type"),
  audiences: uniqueValues(z.enum(AUDIENCES), "audience"),
  // Lowercase because matching is case-insensitive and the register is compared as written.
  keywords: uniqueValues(
    z.string().check(
      z.trim(),
      z.minLength(2),
      z.maxLength(60),
      z.refine((k) => k === k.toLowerCase(), "Keywords are lowercase"),
    ),
    "keyword",
  ),
  priority: z.enum(["high", "medium", "low"]),
  source: trimmed(3, 200),
});

export const needsRegisterSchema = z.object({
  version: trimmed(1, 50),
  needs: z.array(needSchema).check(
    z.minLength(1, "A register needs at least one need"),
    z.refine((needs) => new Set(needs.map((n) => n.id)).size === needs.length, "Need ids must be unique"),
  ),
});

export type Need = z.infer<typeof needSchema>;
export type NeedPriority = Need["priority"];
export type NeedsRegister = z.infer<typeof needsRegisterSchema>;

/** The register an office starts from, taken from the partnership-office sources (000–004). */
export const DEFAULT_NEEDS_REGISTER: NeedsRegister = {
  version: "2026-01",
  needs: [
    {
      id: "secondary-career-speakers",
      title: "Career speakers on labour market topics for secondary students",
      description:
        "Local business, industry, community organisations and municipalities speak to secondary students and careers staff on labour market forecasts and opportunities, careers, employability skills and community change.",
      contributionTypes: ["speaker"],
      audiences: ["secondary"],
      keywords: [
        "speaker",
        "labour market",
        "labor market",
        "career talk",
        "employability skills",
        "presentation",
        "panel",
        "workshop",
      ],
      priority: "medium",
      source: "003: Secondary School Learning Partnerships",
    },
    {
      id: "secondary-work-experience",
      title: "Work-experience placements and job shadowing for secondary students",
      description:
        "Workplace learning opportunities for secondary students: job shadowing and work-experience placements with local employers.",
      contributionTypes: ["work-experience-placement"],
      audiences: ["secondary"],
      keywords: ["work experience", "job shadowing", "job shadow", "workplace learning", "work placement"],
      priority: "high",
      source: "003: Secondary School Learning Partnerships",
    },
    {
      id: "specialised-placements",
      title: "Specialised placements for at-risk youth and students with special needs",
      description:
        "Supported placements for youth at risk, students with special needs and youth in care, so that students from under-represented groups get the same workplace learning as their peers.",
      contributionTypes: ["specialised-placement"],
      audiences: ["secondary", "middle"],
      keywords: [
        "at-risk",
        "special needs",
        "disability",
        "disabilities",
        "accessible",
        "supported employment",
        "youth in care",
        "crown ward",
      ],
      priority: "high",
      source: "003: Secondary School Learning Partnerships; 000: Advocacy and Policy Change",
    },
    {
      id: "training-berths",
      title: "Training berths for apprenticeships, internships and co-op placements",
      description:
        "Employers and industry associations hold training berths so that students can start an apprenticeship, an internship or a co-op placement.",
      contributionTypes: ["apprenticeship-internship-coop-berth"],
      audiences: ["secondary", "adult"],
      keywords: [
        "apprenticeship",
        "apprentice",
        "internship",
        "intern",
        "co-op",
        "coop",
        "training berth",
        "trades",
      ],
      priority: "high",
      source: "003: Secondary School Learning Partnerships",
    },
    {
      id: "career-mentors",
      title: "Career mentors and job coaches",
      description:
        "Local professionals, Elders and community leaders mentor students or coach them on the job, in the classroom and in after-school programmes.",
      contributionTypes: ["mentor-or-job-coach"],
      audiences: ["middle", "secondary", "adult"],
      keywords: ["mentor", "mentoring", "mentorship", "job coach", "coaching", "elders", "role model"],
      priority: "medium",
      source: "003: Secondary School Learning Partnerships; 001: Mentorship and Volunteering",
    },
    {
      id: "middle-school-project-learning",
      title: "Community project-based learning with mentors for middle-school students",
      description:
        "Project-based learning that uses community mentors and resources: community gardens, building projects, environmental stewardship, applied skills and tool safety.",
      contributionTypes: ["project-based-learning"],
      audiences: ["middle"],
      keywords: [
        "project-based",
        "community garden",
        "building project",
        "environmental stewardship",
        "environment",
        "hands-on",
        "applied skills",
        "tool safety",
        "skills canada",
      ],
      priority: "medium",
      source: "003: Middle School Learning Partnerships",
    },
    {
      id: "elementary-career-awareness",
      title: "Career awareness speakers and field trips for elementary students",
      description:
        "Community speakers for career talks, learning circles and curriculum topics, and community field trips and tours for elementary classes.",
      contributionTypes: ["speaker", "career-event"],
      audiences: ["elementary"],
      keywords: [
        "field trip",
        "career awareness",
        "career talk",
        "learning circle",
        "classroom visit",
        "tour",
      ],
      priority: "medium",
      source: "003: Elementary School Learning Partnerships",
    },
    {
      id: "career-events",
      title: "Career fairs, trades forums, career tours and spotlights",
      description:
        "Career events where students learn about careers and the education and training that lead to them: career fairs, trades forums, career tours to businesses and industries, and career spotlights.",
      contributionTypes: ["career-event"],
      audiences: ["middle", "secondary"],
      keywords: [
        "career fair",
        "job fair",
        "trades forum",
        "career tour",
        "career spotlight",
        "demonstration",
        "take our kids to work",
      ],
      priority: "medium",
      source: "003: Secondary and Middle School Learning Partnerships",
    },
    {
      id: "open-houses",
      title: "Community and school open houses",
      description:
        "Workplaces, campuses and community spaces opened to students, families and the community; schools open their spaces for community meetings, cultural nights and adult education.",
      contributionTypes: ["open-house"],
      audiences: ["elementary", "middle", "secondary", "adult"],
      keywords: ["open house", "open day", "site visit", "shared space", "community event"],
      priority: "low",
      source: "003: Secondary School Learning Partnerships; 001: Shared Spaces and Events",
    },
    {
      id: "dual-credit-pathways",
      title: "Dual-credit courses and post-secondary pathways",
      description:
        "Post-secondary partnerships that let secondary students take college courses for credit towards an apprenticeship, college or university, and that support students who are the first in their family to attend.",
      contributionTypes: ["apprenticeship-internship-coop-berth", "career-event", "open-house"],
      audiences: ["secondary"],
      keywords: [
        "dual credit",
        "college course",
        "post-secondary",
        "postsecondary",
        "trades training",
        "campus",
        "pathway",
        "first in family",
        "first generation",
      ],
      priority: "high",
      source: "003: post-secondary learning partnerships; 000: Education",
    },
    {
      id: "adult-literacy-basic-skills",
      title: "Literacy and basic skills for adult learners, with referral",
      description:
        "Support for adult learners returning to learning (literacy, numeracy, language and basic skills) from organisations that agree how they refer learners to each other, as in literacy services planning and coordination.",
      contributionTypes: ["mentor-or-job-coach", "speaker"],
      audiences: ["adult"],
      keywords: [
        "literacy",
        "basic skills",
        "numeracy",
        "tutor",
        "tutoring",
        "esl",
        "language training",
        "referral",
        "upgrading",
        "retrain",
        "wrap-around",
      ],
      priority: "medium",
      source: "004: Literacy Services Planning and Coordination; 000: Education",
    },
    {
      id: "out-of-school-time",
      title: "Out-of-school-time programmes with measurable outcomes",
      description:
        "Non-profit partners that run after-school, weekend or summer programmes connected to rigorous outcomes that can demonstrate effectiveness over time.",
      contributionTypes: ["project-based-learning", "mentor-or-job-coach"],
      audiences: ["elementary", "middle", "secondary"],
      keywords: [
        "after-school",
        "out-of-school",
        "summer program",
        "summer programme",
        "weekend program",
        "measurable outcomes",
        "evaluation",
        "homework club",
      ],
      priority: "high",
      source: "002: Goals (out-of-school-time connected to rigorous outcomes)",
    },
    {
      id: "family-engagement",
      title: "Culturally responsive, multilingual family engagement",
      description:
        "Welcoming, inclusive and multilingual engagement of newcomer and culturally diverse families, with flexible options for families with limited time or resources.",
      contributionTypes: ["open-house", "career-event", "speaker"],
      audiences: ["elementary", "middle", "secondary"],
      keywords: [
        "family",
        "families",
        "parents",
        "caregivers",
        "multilingual",
        "newcomer",
        "culturally responsive",
        "cultural",
        "interpretation",
        "translation",
      ],
      priority: "medium",
      source: "001: Who's Most at Risk; Culturally Responsive Engagement",
    },
    {
      id: "business-sponsors",
      title: "Business and industry sponsors",
      description:
        "Sponsorship in money or in kind (equipment, materials, bursaries) for career programmes, events and student projects.",
      contributionTypes: ["sponsor"],
      audiences: ["elementary", "middle", "secondary", "adult"],
      keywords: [
        "sponsor",
        "sponsorship",
        "funding",
        "donation",
        "bursary",
        "scholarship",
        "in-kind",
        "equipment",
      ],
      priority: "low",
      source: "003: Secondary School Learning Partnerships",
    },
  ],
};
