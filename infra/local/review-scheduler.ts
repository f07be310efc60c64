/**
 * Stands in for EventBridge Scheduler's one-time review schedules: they are items of the table locally
 * (shared/adapters/table-review-schedules.ts), and this fires those due (the Clock port's today, in the office's
 * time zone, so PARTNERFLOW_CLOCK_OFFSET_DAYS moves it) once at start and then every minute, starting each
 * review in the local engine with the name EventBridge's would give it.
 */

import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";
import type { AppConfig } from "#shared/config/app-config.ts";
import { reviewExecutionName } from "#shared/domain/review.ts";
import { systemClock } from "#shared/ports/clock.ts";
import type { ReviewStarter } from "#shared/ports/workflow.ts";
import { type DueReviewsReport, startDueReviews } from "#shared/services/start-due-reviews.ts";
import { errorName, type Logger } from "./log.ts";
import type { StepFunctionsEngine } from "./step-functions.ts";

export interface LocalReviewSchedulerOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly engine: StepFunctionsEngine;
  readonly stateMachineArn: string;
  readonly config: Pick<AppConfig, "TIME_ZONE">;
  readonly log: Logger;
  /** How often it looks for due schedules (default a minute). */
  readonly everyMs?: number;
}

export class LocalReviewScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DueReviewsReport> | undefined;
  private stopped = false;
  private readonly deps;

  constructor(private readonly options: LocalReviewSchedulerOptions) {
    const reviews: ReviewStarter = {
      startReview: async (partnershipId, round) => {
        try {
          await options.engine.startExecution({
            stateMachineArn: options.stateMachineArn,
            name: reviewExecutionName(partnershipId, round),
            input: JSON.stringify({ partnershipId, round }),
          });
        } catch (error) {
          // Started before (a run cut short before it cleared the schedule): nothing to do.
          if ((error as { name?: string }).name !== "ExecutionAlreadyExists") throw error;
        }
      },
    };
    this.deps = {
      repository: new DynamoDbPartnershipRepository(createDocumentClient(options.client), options.tableName),
      clock: systemClock,
      config: options.config,
      reviews,
    };
  }

  /** Fires what is due now, then every minute. */
  start(): void {
    this.run().catch(() => undefined); // logged by run
    this.timer = setInterval(() => this.run().catch(() => undefined), this.options.everyMs ?? 60_000);
    this.timer.unref();
  }

  /** Fires the due schedules now (joins a run going); the tests call it. */
  run(): Promise<DueReviewsReport> {
    if (this.stopped) return Promise.reject(new Error("The review scheduler has stopped"));
    this.running ??= startDueReviews(this.deps)
      .catch((error: unknown) => {
        this.options.log("error", "review schedules not fired", { error: errorName(error) });
        throw error;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** No more runs on the timer (a measurement must not count one); `run()` still fires what is due. */
  stopTimer(): void {
    clearInterval(this.timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
