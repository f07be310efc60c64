/** The execution journal: each execution and each task outcome, on disk, so executions survive a restart. */
import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import type { LocalTable } from "./template.ts";

/**
 * A local-only table next to the app's: journal items never show up in the app's scans, exports or indexes,
 * and nothing like it exists on AWS, where Step Functions itself is durable.
 */
export const JOURNAL_TABLE: LocalTable = {
  stack: "local",
  logicalId: "Journal",
  tableName: "partnerflow-local-journal",
  KeySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "S" },
  ],
  GlobalSecondaryIndexes: [],
};

/** A task attempt's outcome, keyed by state name and occurrence: "AssessNeeds#2". */
export type JournalOutcome =
  | { kind: "result"; value: unknown }
  | { kind: "error"; error: string; cause: string };

/** A callback in flight: its task token, when it times out (epoch ms), whether its Lambda has run. */
export type JournalCallback = { kind: "callback"; token: string; deadline?: number; invoked: boolean };

export type JournalStep = JournalOutcome | JournalCallback;

export interface JournalExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  readonly status: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly stopDate?: Date;
  readonly outcomes: ReadonlyMap<string, JournalOutcome>;
  readonly callbacks: ReadonlyMap<string, JournalCallback>;
}

export interface Journal {
  load(): Promise<JournalExecution[]>;
  started(e: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    input: string;
    startDate: Date;
  }): Promise<void>;
  step(executionArn: string, key: string, step: JournalStep): Promise<void>;
  finished(
    executionArn: string,
    end: { status: string; output?: string; error?: string; cause?: string; stopDate: Date },
  ): Promise<void>;
}

const S = (value: string) => ({ S: value });
const pk = (executionArn: string) => `EXECUTION#${executionArn}`;

export class DynamoDbJournal implements Journal {
  private readonly meta = new Map<string, Record<string, { S: string }>>();

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName = JOURNAL_TABLE.tableName,
  ) {}

  async load(): Promise<JournalExecution[]> {
    const items: Record<string, { S?: string }>[] = [];
    let start: Record<string, { S: string }> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({ TableName: this.tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...((page.Items ?? []) as Record<string, { S?: string }>[]));
      start = page.LastEvaluatedKey as Record<string, { S: string }> | undefined;
    } while (start);
    const byExecution = new Map<string, Record<string, { S?: string }>[]>();
    for (const item of items) {
      const key = item.pk?.S ?? "";
      byExecution.set(key, [...(byExecution.get(key) ?? []), item]);
    }
    const executions: JournalExecution[] = [];
    for (const group of byExecution.values()) {
      const meta = group.find((i) => i.sk?.S === "META");
      if (!meta) continue;
      const text = (name: string) => meta[name]?.S;
      const outcomes = new Map<string, JournalOutcome>();
      const callbacks = new Map<string, JournalCallback>();
      for (const item of group) {
        const [kind, ...rest] = (item.sk?.S ?? "").split("#");
        const step = JSON.parse(item.step?.S ?? "{}") as JournalStep;
        if (kind === "STEP" && step.kind !== "callback") outcomes.set(rest.join("#"), step);
        if (kind === "CALLBACK" && step.kind === "callback") callbacks.set(rest.join("#"), step);
      }
      const optional = (name: "output" | "error" | "cause") =>
        text(name) === undefined ? {} : { [name]: text(name) };
      executions.push({
        executionArn: text("executionArn") ?? "",
        stateMachineArn: text("stateMachineArn") ?? "",
        name: text("name") ?? "",
        input: text("input") ?? "{}",
        startDate: new Date(text("startDate") ?? 0),
        status: text("status") ?? "RUNNING",
        ...optional("output"),
        ...optional("error"),
        ...optional("cause"),
        ...(text("stopDate") ? { stopDate: new Date(text("stopDate") ?? 0) } : {}),
        outcomes,
        callbacks,
      });
      this.meta.set(text("executionArn") ?? "", meta as Record<string, { S: string }>);
    }
    return executions;
  }

  async started(e: {
    executionArn: string;
    stateMachineArn: string;
    name: string;
    input: string;
    startDate: Date;
  }): Promise<void> {
    const item = {
      pk: S(pk(e.executionArn)),
      sk: S("META"),
      executionArn: S(e.executionArn),
      stateMachineArn: S(e.stateMachineArn),
      name: S(e.name),
      input: S(e.input),
      startDate: S(e.startDate.toISOString()),
      status: S("RUNNING"),
    };
    this.meta.set(e.executionArn, item);
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: item }));
  }

  /** Outcomes and callbacks are separate items: a late "Lambda has run" never overwrites an outcome. */
  async step(executionArn: string, key: string, step: JournalStep): Promise<void> {
    const sk = `${step.kind === "callback" ? "CALLBACK" : "STEP"}#${key}`;
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { pk: S(pk(executionArn)), sk: S(sk), step: S(JSON.stringify(step)) },
      }),
    );
  }

  /** Marks the execution ended and drops its steps and callbacks: only a running execution needs them. */
  async finished(
    executionArn: string,
    end: { status: string; output?: string; error?: string; cause?: string; stopDate: Date },
  ): Promise<void> {
    const base = this.meta.get(executionArn);
    if (!base) return;
    const item = {
      ...base,
      status: S(end.status),
      stopDate: S(end.stopDate.toISOString()),
      ...(end.output !== undefined ? { output: S(end.output) } : {}),
      ...(end.error !== undefined ? { error: S(end.error) } : {}),
      ...(end.cause !== undefined ? { cause: S(end.cause) } : {}),
    };
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: item }));
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": S(pk(executionArn)) },
        ProjectionExpression: "pk, sk",
      }),
    );
    const steps = Items.filter((key) => key.sk?.S !== "META");
    for (let i = 0; i < steps.length; i += 25) {
      const deletes = steps.slice(i, i + 25).map((key) => ({ DeleteRequest: { Key: key } }));
      await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: deletes } }));
    }
  }
}
