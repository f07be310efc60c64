import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "shared/steps/**/*.test.ts"],
    exclude: ["test/bench/**", "node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default (all cores but one) is one file at a time on CI's two cores: 513 s, where two at a time
    // took 341 s. The files share nothing (every port is 0, every data directory their own).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ["test/setup/quiet-log.ts"],
    env: {
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      TABLE_NAME: "partnerflow-test",
      STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:123456789012:stateMachine:onboarding",
      REVETTING_STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:123456789012:stateMachine:vetting-renewal",
      REVIEW_STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:123456789012:stateMachine:review",
      REVIEW_SCHEDULE_GROUP: "partnerflow-reviews-test",
      REVIEW_SCHEDULER_ROLE_ARN: "arn:aws:iam::123456789012:role/review-scheduler-test",
      CHECKPOINT_BUCKET: "partnerflow-checkpoints-test",
      CHECKPOINT_KEY_ID: "arn:aws:kms:eu-west-1:123456789012:key/checkpoint-test",
      PUBLIC_BASE_URL: "https://partners.example.org",
      SENDER_EMAIL: "partnerships@example.org",
      OFFICER_EMAILS: "officer@example.org",
      OFFICE_EMAIL: "office@example.org",
      OFFICE_NAME: "Test Partnerships Office",
      EVIDENCE_BUCKET: "partnerflow-evidence-test",
      // Handler tests see the repository as it is; the local runtime (e2e) and its tests seal personal data.
      PERSONAL_DATA_KEYS: "none",
    },
  },
});
