/** The periodic review's notices as emails (workflows/review; domain/pending-effects.ts, ReviewNotice). */
import { calendarDateWords } from "../domain/calendar-dates.ts";
import type { Partnership } from "../domain/partnership.ts";
import type { ReviewNotice } from "../domain/pending-effects.ts";
import type { EmailMessage } from "../ports/mailer.ts";
import { compose, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";

const wrote = (comment: string | undefined) =>
  comment?.trim() ? [`The office wrote: “${comment.trim()}”`] : [];

export function reviewNoticeMails(
  deps: Needs<"config">,
  p: Partnership,
  notice: ReviewNotice,
): EmailMessage[] {
  const office = officeOf(deps.config);
  const org = p.organisationName;
  const partner = p.intake.contact.email;
  const officeMail = deps.config.OFFICE_EMAIL;
  const lead = deps.config.LEAD_EMAIL ?? officeMail;
  switch (notice.kind) {
    case "review-renewed":
      return [
        compose(office, {
          to: [partner],
          subject: `The ${org} partnership is renewed`,
          paragraphs: [
            "The office evaluated the periodic review of your partnership and renewed it.",
            ...wrote(notice.comment),
            `The next review is due ${calendarDateWords(notice.nextReviewOn)}.`,
          ],
        }),
      ];
    case "review-amend":
      return [
        compose(office, {
          to: [partner],
          subject: `The ${org} partnership agreement is to be amended`,
          paragraphs: [
            "The office evaluated the periodic review of your partnership: the agreement is to be amended. Your signatory will be emailed the new version to sign; the current version stays in force until then.",
            ...wrote(notice.comment),
          ],
        }),
      ];
    case "review-terminated":
      return [
        compose(office, {
          to: [partner],
          subject: `The ${org} partnership has ended`,
          paragraphs: [
            "The office evaluated the periodic review of your partnership and has ended it.",
            `The reason: “${notice.comment}”`,
          ],
        }),
      ];
    case "review-self-assessment-overdue":
      return [
        compose(office, {
          to: [lead],
          subject: `Review not answered: ${org}`,
          paragraphs: [
            `${org} (partnership ${p.id}) did not give its self-assessment for the periodic review in time. The partnership now expires; the partner and the office are told.`,
          ],
        }),
      ];
    case "review-expired":
      return [
        compose(office, {
          to: [partner],
          subject: `The ${org} partnership has expired`,
          paragraphs: [
            "The periodic review's self-assessment was not given in time, so the partnership has expired. Please contact the office to talk about a new one.",
          ],
        }),
        compose(office, {
          to: [officeMail],
          subject: `Partnership expired at its review: ${org}`,
          paragraphs: [
            `${org} (partnership ${p.id}) expired: its review's self-assessment was not given in time.`,
          ],
        }),
      ];
    case "amendment-declined": {
      const version = notice.versionInForce ? ` (version ${notice.versionInForce})` : "";
      return [
        // A lapse's lead was told by the timeout branch (tell-lead-of-timeout), with what happens now.
        ...(notice.lapsed
          ? []
          : [
              compose(office, {
                to: [lead],
                subject: `Amendment declined: ${org}`,
                paragraphs: [
                  `The amended agreement for ${org} (partnership ${p.id}) was declined, so the partnership is active again on the agreement in force${version}; no new version was made.`,
                  ...wrote(notice.comment),
                  "You can start another review from the console's reviews page, or terminate the partnership from its page in the console.",
                  `${deps.config.PUBLIC_BASE_URL}/console/reviews`,
                ],
              }),
            ]),
        compose(office, {
          to: [partner],
          subject: `The ${org} partnership agreement is not amended`,
          paragraphs: [
            `The amendment of your partnership agreement is not going ahead${notice.lapsed ? " (it was not signed in time)" : ""}: the agreement in force${version} stays as it is, and the partnership goes on under it.`,
            ...wrote(notice.comment),
          ],
        }),
      ];
    }
    case "review-evaluation-overdue":
      return [
        compose(office, {
          to: [...new Set([lead, officeMail])],
          subject: `Review not evaluated: ${org}`,
          paragraphs: [
            `No one evaluated the periodic review of ${org} (partnership ${p.id}) in time, even after it went to a second person. It stays open for the lead, who has been sent a new link; it is in the lead's inbox.`,
            "The partner gave their self-assessment and is not told: they did their part.",
          ],
        }),
      ];
  }
}
