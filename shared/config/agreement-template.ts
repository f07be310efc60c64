/**
 * The office's partnership agreement templates, by version. A partnership pins the version its agreement was
 * first drafted from; a new wording is a new version added here, never an edit of one in use. The clauses
 * follow the office's sources: a relationship "through an agreed-upon division of services, outcomes, and
 * financial responsibility", with clear agreements and protocols (referrals, communication), and regular review.
 * Placeholders are listed in shared/domain/agreement.ts (AGREEMENT_PLACEHOLDERS).
 */
import type { AgreementTemplate } from "../domain/agreement.ts";

export const DEFAULT_AGREEMENT_TEMPLATE: AgreementTemplate = {
  version: "2026-12-v1",
  title: "Partnership agreement between {{office.name}} and {{partner.organisationName}}",
  sections: [
    {
      heading: "1. Parties",
      paragraphs: [
        "This agreement is made between {{office.name}} (“the Office”) and {{partner.organisationName}} (“the Partner”), whose organisation type is: {{partner.organisationType}}.",
        "The Partner is represented by {{partner.signatoryName}}, {{partner.signatoryTitle}}, who confirms by signing that they have the authority to commit the Partner to this agreement.",
      ],
    },
    {
      heading: "2. Purpose and type of partnership",
      paragraphs: [
        "Type of partnership: {{partnershipType}}.",
        "The partnership is a collaborative relationship between the parties that is mutually beneficial and works towards shared goals and purpose through an agreed-upon division of services, outcomes and financial responsibility, for the benefit of students.",
      ],
    },
    {
      heading: "3. Division of services",
      paragraphs: [
        "The Office will:",
        "{{terms.divisionOfServices.office}}",
        "The Partner will:",
        "{{terms.divisionOfServices.partner}}",
        "Neither party takes on a service that this section gives to the other without the other's written agreement.",
      ],
    },
    {
      heading: "4. Expected outcomes",
      paragraphs: [
        "The parties expect the partnership to achieve the following outcomes, against which it is reviewed:",
        "{{terms.expectedOutcomes}}",
      ],
    },
    {
      heading: "5. Financial responsibility",
      paragraphs: [
        "{{terms.financialResponsibility}}",
        "Neither party commits funds or incurs costs on behalf of the other beyond what this section states.",
      ],
    },
    {
      heading: "6. Term",
      paragraphs: [
        "This agreement begins on {{terms.startDate}} and runs for {{terms.term}}, until {{terms.endDate}}, unless it is renewed, amended or ended earlier as this agreement provides.",
      ],
    },
    {
      heading: "7. Review",
      paragraphs: [
        "The parties review the partnership every {{terms.reviewCadence}}, the first time by {{terms.firstReviewDate}}. At each review the Partner completes a self-assessment and the Office evaluates the outcomes achieved against those in section 4. A review ends in renewal, in an amendment (a new version of this agreement, signed again by both parties) or in termination.",
      ],
    },
    {
      heading: "8. Referral protocol",
      paragraphs: ["{{terms.referralProtocol}}"],
    },
    {
      heading: "9. Communication protocol",
      paragraphs: [
        "{{terms.communicationProtocol}}",
        "Each party names a contact person for the partnership and tells the other party promptly of any change.",
      ],
    },
    {
      heading: "10. Students' safety and privacy",
      paragraphs: [
        "The Partner keeps the items of the Office's partnership checklist that apply to it (such as liability insurance, background and vulnerable-sector checks, and safeguarding training) current for the whole term, and tells the Office at once if any of them lapses.",
        "The Partner uses personal information about students only for this partnership, keeps it private and secure, and returns or destroys it when the partnership ends.",
      ],
    },
    {
      heading: "11. Termination",
      paragraphs: [
        "Either party may end this agreement by giving the other party {{terms.terminationNotice}}.",
        "The Office may suspend any activity with students at once where the students' safety requires it, and tells the Partner why.",
      ],
    },
    {
      heading: "12. Changes and signatures",
      paragraphs: [
        "Any change to this agreement is made as a new version of it, signed again by both parties. A change made after a party has signed voids that signature.",
        "The parties sign this agreement electronically. Each signature records the signatory's typed name, the time, and the SHA-256 hash of this document; a completion certificate binds that hash to both signatures.",
      ],
    },
    {
      heading: "About this document",
      paragraphs: [
        "Partnership {{partnershipId}}, agreement version {{agreementVersion}}, issued on {{issuedDate}} from template {{templateVersion}}.",
      ],
    },
  ],
};

/** Every template version a partnership may have pinned, the current one first. */
export const AGREEMENT_TEMPLATES: readonly AgreementTemplate[] = [DEFAULT_AGREEMENT_TEMPLATE];
