/** Everything that can be torn down and redeployed freely: functions, the HTTP API and the state machine. */
import {
  ArnFormat,
  type CfnElement,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Alarm, ComparisonOperator, type Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import {
  ClientAttributes,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
} from "aws-cdk-lib/aws-cognito";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey, Key } from "aws-cdk-lib/aws-kms";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { FilterPattern, LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { STEPS, type StepRegistry } from "../../shared/steps/index.ts";
import { buildOnboardingDefinition } from "../../workflows/onboarding/definition.ts";
import { buildRevettingDefinition, REVETTING_STEPS } from "../../workflows/revetting/definition.ts";
import { AMENDMENT_STEPS, buildReviewDefinition, REVIEW_STEPS } from "../../workflows/review/definition.ts";
import { type PartnerflowConfig, stepTiming } from "../config.ts";
import { PartnerflowFunction } from "../constructs/partnerflow-function.ts";
import type { StaffPool } from "../constructs/staff-pool.ts";
import {
  apiRouteKeys,
  catalogFor,
  DEFAULT_ROUTE,
  type DocumentFolder,
  ENV,
  type FunctionSpec,
  type Grant,
  isApiRoute,
} from "../function-catalog.ts";

export interface ApplicationStackProps extends StackProps {
  /** The table of the stateful stack (the class: exactOptionalPropertyTypes will not take a Table as an ITable). */
  readonly table: Table;
  /** The stateful stack's key: it encrypts the table and the evidence bucket, and here the log groups. */
  readonly key: IKey;
  /** The stateful stack's bucket of evidence documents and agreements (the class, as for the table). */
  readonly evidenceBucket: Bucket;
  /** The checkpoints' Object Lock bucket, and their asymmetric signing key. */
  readonly checkpointBucket: Bucket;
  readonly checkpointKey: Key;
  /** The key that wraps each partnership's personal data key (the "personal-data" grant). */
  readonly personalDataKey: Key;
  /** The staff's user pool: its tokens sign in to the routes of the functions marked `signedIn`. */
  readonly staff: StaffPool;
  readonly config: PartnerflowConfig;
  /** Requests per second across the API, and the burst above it. @default 25/s, burst 50 */
  readonly throttle?: ThrottleSettings;
  /** The human steps: their link routes and timeouts. @default the app's registry (shared/steps/index.ts) */
  readonly steps?: StepRegistry;
  /** The state machine's definition. @default the onboarding (workflows/onboarding/definition.ts) */
  readonly definition?: typeof buildOnboardingDefinition;
  /** The function catalog. @default the app's (infra/function-catalog.ts), with the steps' routes */
  readonly functions?: readonly FunctionSpec[];
}

/** Every handler shares this budget; a small office's traffic sits far below it, a flood does not. */
const DEFAULT_THROTTLE: ThrottleSettings = { rateLimit: 25, burstLimit: 50 };

export class ApplicationStack extends Stack {
  /** Each function of the catalog by its folder name, e.g. functions["submit-intake"]. */
  readonly functions: Readonly<Record<string, NodejsFunction>>;
  readonly httpApi: HttpApi;
  /** Where the checkpoints go, and what signs them. */
  private readonly checkpoints: { bucket: Bucket; key: Key };
  /** What wraps each partnership's personal data key. */
  private readonly personalDataKey: Key;
  /** The staff's sign-in on the signed-in routes: their user pool's tokens (FunctionSpec.signedIn). */
  private readonly staffAuthorizer: HttpJwtAuthorizer;
  readonly stateMachine: StateMachine;
  /** The vetting renewal's (workflows/revetting); absent when the steps registry lacks its steps (a test's). */
  readonly revettingStateMachine: StateMachine | undefined;
  /** The periodic review's (workflows/review), its schedules' group and their role; absent as the renewal's. */
  readonly reviewStateMachine: StateMachine | undefined;
  private readonly reviewSchedules:
    | { readonly group: ScheduleGroup; readonly role: Role; readonly stateMachineArn: string }
    | undefined;

  constructor(scope: Construct, id: string, props: ApplicationStackProps) {
    super(scope, id, props);
    const { table, key, config, evidenceBucket } = props;
    const steps = props.steps ?? STEPS;
    const catalog = props.functions ?? catalogFor(steps);
    const logRetention = config.logRetentionDays as RetentionDays;

    this.checkpoints = { bucket: props.checkpointBucket, key: props.checkpointKey };
    this.personalDataKey = props.personalDataKey;
    this.staffAuthorizer = new HttpJwtAuthorizer("StaffAuthorizer", props.staff.issuerUrl, {
      jwtAudience: [props.staff.client.userPoolClientId],
      identitySource: ["$request.header.Authorization"],
    });
    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "Partnerflow: intake form, status pages, decision and resubmission links",
      // Our own $default stage below: the generated one has neither access logs nor throttling.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, "ApiAccessLogs", {
      retention: logRetention,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The route key, never the path: paths carry the link tokens. No source IP or user agent either.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            routeKey: "$context.routeKey",
            status: "$context.status",
            responseLength: "$context.responseLength",
            integrationStatus: "$context.integrationStatus",
            integrationLatency: "$context.integrationLatency",
            integrationError: "$context.integrationErrorMessage",
          }),
        ),
      },
    });
    // A configured public URL (a custom domain) wins; otherwise links point at the API itself. Functions
    // depend on the API, and the API's routes on the functions: no cycle, since the API resource itself
    // references nothing.
    const publicBaseUrl = config.publicBaseUrl || this.httpApi.apiEndpoint;

    const common: Record<string, string> = {
      [ENV.TABLE_NAME]: table.tableName,
      [ENV.PUBLIC_BASE_URL]: publicBaseUrl,
      [ENV.SENDER_EMAIL]: config.senderEmail,
      [ENV.OFFICER_EMAILS]: config.officerEmails.join(","),
      ...(config.leadEmail ? { [ENV.LEAD_EMAIL]: config.leadEmail } : {}),
      [ENV.OFFICE_EMAIL]: config.officeEmail,
      [ENV.STATUS_LINK_TTL_DAYS]: String(config.statusLinkTtlDays),
      [ENV.EVIDENCE_RENEWAL_NOTICE_DAYS]: String(config.evidenceRenewalNoticeDays),
      [ENV.REVIEW_CADENCE_MONTHS]: String(config.reviewCadenceMonths),
      [ENV.OFFICE_NAME]: config.officeName,
      [ENV.OFFICE_CONTACT]: config.officeContact,
      [ENV.TIME_ZONE]: config.timeZone,
      ...(config.replyToEmail ? { [ENV.REPLY_TO_EMAIL]: config.replyToEmail } : {}),
    };
    // The staff's pages sign in through Cognito's hosted sign-in: this app client, here because its callback URL
    // is this stack's (the pool is the stateful stack's). Authorization code with PKCE, a public client; its ID
    // token, valid 8 hours, is the session cookie (shared/auth/cookies.ts).
    const signInDomain = props.staff.signInDomain;
    const staffSignIn: Record<string, string> = {};
    if (signInDomain) {
      const client = new UserPoolClient(this, "StaffSignInClient", {
        userPool: props.staff.userPool,
        generateSecret: false,
        authFlows: {},
        oAuth: {
          flows: { authorizationCodeGrant: true },
          scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
          callbackUrls: [`${publicBaseUrl}/auth/callback`],
          logoutUrls: [`${publicBaseUrl}/sign-in`],
        },
        supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
        writeAttributes: new ClientAttributes(),
        preventUserExistenceErrors: true,
        // The session cookie holds the ID token, which nothing can revoke: an hour bounds how long a disabled
        // user, or one taken out of a group, keeps access. Cognito's own session then signs them in again at once.
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.hours(12),
      });
      Object.assign(staffSignIn, {
        [ENV.STAFF_USER_POOL_ID]: props.staff.userPool.userPoolId,
        [ENV.STAFF_CLIENT_ID]: client.userPoolClientId,
        [ENV.STAFF_SIGN_IN_URL]: signInDomain.baseUrl(),
      });
    }
    // The periodic review's one-time schedules (EventBridge Scheduler): a group of their own, and the role they
    // start the review state machine with. The machine's ARN is built from its name: record-outcome, one of its
    // tasks, schedules reviews, and a reference to the machine itself would be a cycle.
    const hasReview = [...REVIEW_STEPS, ...AMENDMENT_STEPS].every((kind) => Object.hasOwn(steps, kind));
    const reviewMachineName = `${this.stackName}-Review`;
    if (hasReview) {
      const stateMachineArn = this.formatArn({
        service: "states",
        resource: "stateMachine",
        resourceName: reviewMachineName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      const group = new ScheduleGroup(this, "ReviewScheduleGroup", {
        scheduleGroupName: `${this.stackName}-reviews`,
      });
      // Only this account's schedules in this group may assume it; it may only start the review state machine.
      const role = new Role(this, "ReviewSchedulerRole", {
        description:
          "EventBridge Scheduler's role for the partnerships' review schedules: StartExecution on the review state machine",
        assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
          conditions: {
            StringEquals: { "aws:SourceAccount": this.account, "aws:SourceArn": group.scheduleGroupArn },
          },
        }),
      });
      role.addToPolicy(
        new PolicyStatement({ actions: ["states:StartExecution"], resources: [stateMachineArn] }),
      );
      this.reviewSchedules = { group, role, stateMachineArn };
    } else this.reviewSchedules = undefined;
    const reviewEnvironment = (spec: FunctionSpec): Record<string, string> => {
      const review = this.reviewSchedules;
      if (!review) return {};
      return {
        // The role's ARN is configuration, not a permission: only `review-schedule` may pass it.
        ...(spec.grants.includes("review-schedule") || spec.grants.includes("review-schedule-cancel")
          ? {
              [ENV.REVIEW_SCHEDULE_GROUP]: `${this.stackName}-reviews`,
              [ENV.REVIEW_SCHEDULER_ROLE_ARN]: review.role.roleArn,
            }
          : {}),
        ...(spec.grants.includes("review-schedule") ||
        spec.grants.includes("review-schedule-cancel") ||
        spec.grants.includes("start-review")
          ? { [ENV.REVIEW_STATE_MACHINE_ARN]: review.stateMachineArn }
          : {}),
      };
    };
    // The bucket's name only for the functions that may use it.
    const create = (spec: FunctionSpec, environment: Record<string, string>) =>
      new PartnerflowFunction(this, pascalCase(spec.name), {
        name: spec.name,
        description: spec.description,
        environment: {
          ...environment,
          ...reviewEnvironment(spec),
          // Every HTTP function reads the staff's session, if a request has one (shared/http/staff-session.ts).
          ...(spec.routes.length > 0 ? staffSignIn : {}),
          ...(usesEvidence(spec) ? { [ENV.EVIDENCE_BUCKET]: evidenceBucket.bucketName } : {}),
          ...(usesCheckpoints(spec)
            ? {
                [ENV.CHECKPOINT_BUCKET]: props.checkpointBucket.bucketName,
                [ENV.CHECKPOINT_KEY_ID]: props.checkpointKey.keyArn,
              }
            : {}),
          ...(spec.grants.includes("personal-data")
            ? { [ENV.PERSONAL_DATA_KEY_ID]: props.personalDataKey.keyArn }
            : {}),
          ...(spec.reminders
            ? {
                [ENV.HOLIDAYS]: config.holidays.join(","),
                [ENV.REMINDERS_BEFORE_ESCALATION]: String(config.remindersBeforeEscalation),
              }
            : {}),
        },
        logRetention,
        logEncryptionKey: key,
        ...(spec.timeoutSeconds ? { timeout: Duration.seconds(spec.timeoutSeconds) } : {}),
      }).function;

    // The state machine's tasks first: the state machine needs them, and the HTTP functions need it.
    const needsStateMachine = (spec: FunctionSpec) =>
      spec.grants.includes("start-execution") ||
      spec.grants.includes("start-renewal") ||
      spec.grants.includes("start-review") ||
      spec.grants.includes("task-response") ||
      spec.grants.includes("stop-execution");
    const functions: Record<string, NodejsFunction> = {};
    for (const spec of catalog.filter((s) => !needsStateMachine(s))) {
      functions[spec.name] = create(spec, common);
    }
    const task = (name: string) => {
      const fn = functions[name];
      if (!fn) throw new Error(`The function catalog has no task function "${name}"`);
      return fn;
    };

    // Each step is due after its days, and times out after its reminders and escalation had their chance.
    const timeouts = Object.fromEntries(
      Object.values(steps).map((step) => {
        const { dueDays, timeoutDays } = stepTiming(config, step);
        return [step.kind, { due: Duration.days(dueDays), timeout: Duration.days(timeoutDays) }];
      }),
    );
    // Execution data holds partner details and task tokens; the ledger, not these logs, is the record.
    const machineLogs = (id: string) => ({
      destination: new LogGroup(this, id, {
        retention: logRetention,
        encryptionKey: key,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      level: LogLevel.ALL,
      includeExecutionData: false,
    });
    // The tasks the onboarding and the review share (the review's amendment runs the onboarding's signing tasks).
    const machineTasks = {
      openStep: task("open-step"),
      recordOutcome: task("record-outcome"),
      issueAgreement: task("issue-agreement"),
      completeAgreement: task("complete-agreement"),
      recordFailure: task("record-failure"),
      tellLeadOfTimeout: task("tell-lead-of-timeout"),
    };
    this.stateMachine = new StateMachine(this, "Onboarding", {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(
        (props.definition ?? buildOnboardingDefinition)(
          this,
          { ...machineTasks, assessIntake: task("assess-intake") },
          timeouts,
          steps,
        ),
      ),
      logs: machineLogs("OnboardingLogs"),
      tracingEnabled: true,
    });
    this.revettingStateMachine = REVETTING_STEPS.every((kind) => Object.hasOwn(steps, kind))
      ? new StateMachine(this, "VettingRenewal", {
          stateMachineType: StateMachineType.STANDARD,
          definitionBody: DefinitionBody.fromChainable(
            // Its states in a scope of their own: both machines have a RecordWorkflowFailure.
            buildRevettingDefinition(
              new Construct(this, "VettingRenewalStates"),
              {
                openStep: task("open-step"),
                recordOutcome: task("record-outcome"),
                recordFailure: task("record-failure"),
                tellLeadOfTimeout: task("tell-lead-of-timeout"),
              },
              timeouts,
              steps,
            ),
          ),
          logs: machineLogs("VettingRenewalLogs"),
          tracingEnabled: true,
        })
      : undefined;

    this.reviewStateMachine = hasReview
      ? new StateMachine(this, "Review", {
          stateMachineName: reviewMachineName,
          stateMachineType: StateMachineType.STANDARD,
          definitionBody: DefinitionBody.fromChainable(
            buildReviewDefinition(new Construct(this, "ReviewStates"), machineTasks, timeouts, steps),
          ),
          logs: machineLogs("ReviewLogs"),
          tracingEnabled: true,
        })
      : undefined;

    const renewals = this.revettingStateMachine;
    for (const spec of catalog.filter(needsStateMachine)) {
      functions[spec.name] = create(spec, {
        ...common,
        // An ending stops the onboarding by its name (the partnership's id) under this ARN.
        ...(spec.grants.includes("start-execution") || spec.grants.includes("stop-execution")
          ? { [ENV.STATE_MACHINE_ARN]: this.stateMachine.stateMachineArn }
          : {}),
        ...((spec.grants.includes("start-renewal") || spec.grants.includes("stop-execution")) && renewals
          ? { [ENV.REVETTING_STATE_MACHINE_ARN]: renewals.stateMachineArn }
          : {}),
      });
    }
    this.functions = functions;

    for (const spec of catalog) {
      const fn = functions[spec.name];
      if (!fn) continue;
      for (const grant of spec.grants)
        this.grant(fn, grant, { table, key, evidenceBucket }, config.senderEmail, spec);
      this.addRoutes(spec, fn);
      this.addSchedule(spec, fn);
      this.acknowledgeGrantFindings(fn, spec, table, evidenceBucket);
    }
    this.acknowledgeStateMachineFindings(
      this.stateMachine,
      TASK_FUNCTION_NAMES.map((name) => task(name)),
    );
    if (renewals)
      this.acknowledgeStateMachineFindings(
        renewals,
        RENEWAL_TASK_FUNCTION_NAMES.map((name) => task(name)),
      );

    new CfnOutput(this, "ApiUrl", { value: this.httpApi.apiEndpoint, description: "The HTTP API's own URL" });
    new CfnOutput(this, "StateMachineArn", { value: this.stateMachine.stateMachineArn });
    if (renewals) new CfnOutput(this, "VettingRenewalStateMachineArn", { value: renewals.stateMachineArn });
    if (this.reviewStateMachine) {
      this.acknowledgeStateMachineFindings(
        this.reviewStateMachine,
        TASK_FUNCTION_NAMES.filter((name) => name !== "assess-intake").map((name) => task(name)),
      );
      new CfnOutput(this, "ReviewStateMachineArn", { value: this.reviewStateMachine.stateMachineArn });
    }
    new CfnOutput(this, "TableName", { value: table.tableName });
  }

  private grant(
    fn: NodejsFunction,
    grant: Grant,
    { table, key, evidenceBucket }: { table: Table; key: IKey; evidenceBucket: Bucket },
    senderEmail: string,
    spec: FunctionSpec,
  ): void {
    switch (grant) {
      case "table-read":
        table.grantReadData(fn);
        return;
      case "table-write":
        table.grantReadWriteData(fn);
        return;
      case "start-execution":
        this.stateMachine.grantStartExecution(fn);
        return;
      case "start-renewal":
        this.revettingStateMachine?.grantStartExecution(fn);
        return;
      case "start-review":
        this.reviewStateMachine?.grantStartExecution(fn);
        return;
      // The review's one-time schedules, one per partnership and due day: made and deleted in their group only
      // (never updated: a new day is a new schedule), with its role passed to EventBridge Scheduler alone.
      case "review-schedule": {
        const review = this.reviewSchedules;
        if (!review) return;
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["scheduler:CreateSchedule", "scheduler:DeleteSchedule"],
            resources: [
              this.formatArn({
                service: "scheduler",
                resource: "schedule",
                resourceName: `${review.group.scheduleGroupName}/review-*`,
              }),
            ],
          }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["iam:PassRole"],
            resources: [review.role.roleArn],
            conditions: { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } },
          }),
        );
        const owner = fn.node.scope ?? fn;
        Validations.of(owner).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${review.group.scheduleGroupName}/review-*]`,
          reason:
            "One one-time schedule per partnership and due day, named review-<partnership id>-<day>, in the review schedules' own group: the grant names that group and that prefix (create, delete), nothing else",
        });
        return;
      }
      // An ending, or a review started now, only removes the partnership's pending schedule.
      case "review-schedule-cancel": {
        const review = this.reviewSchedules;
        if (!review) return;
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["scheduler:DeleteSchedule"],
            resources: [
              this.formatArn({
                service: "scheduler",
                resource: "schedule",
                resourceName: `${review.group.scheduleGroupName}/review-*`,
              }),
            ],
          }),
        );
        Validations.of(fn.node.scope ?? fn).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${review.group.scheduleGroupName}/review-*]`,
          reason:
            "One one-time schedule per partnership and due day, named review-<partnership id>-<day>, in the review schedules' own group: delete only, that group and that prefix",
        });
        return;
      }
      // A decision's POST answers whichever state machine's task opened it.
      case "task-response":
        this.stateMachine.grantTaskResponse(fn);
        this.revettingStateMachine?.grantTaskResponse(fn);
        this.reviewStateMachine?.grantTaskResponse(fn);
        return;
      // An ended partnership's executions, of whichever state machine (a decision names the one it waits in).
      case "stop-execution":
        this.stateMachine.grantExecution(fn, "states:StopExecution");
        this.revettingStateMachine?.grantExecution(fn, "states:StopExecution");
        this.reviewStateMachine?.grantExecution(fn, "states:StopExecution");
        return;
      case "send-email":
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["ses:SendEmail", "ses:SendRawEmail"],
            resources: sesIdentityArns(this, senderEmail),
          }),
        );
        return;
      // Named actions on the bucket's objects and the one key, rather than CDK's bucket grants (s3:GetObject*,
      // s3:List*, s3:Abort*, kms:GenerateDataKey*...): reading is GetObject, which a presigned link is too;
      // writing is PutObject, for which S3 asks KMS for a data key on the writer's behalf.
      case "evidence-read":
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["s3:GetObject"],
            resources: documentArns(evidenceBucket, spec.documents?.read),
          }),
        );
        fn.addToRolePolicy(new PolicyStatement({ actions: ["kms:Decrypt"], resources: [key.keyArn] }));
        return;
      case "evidence-write":
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["s3:PutObject"],
            resources: documentArns(evidenceBucket, spec.documents?.write),
          }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ["kms:GenerateDataKey"], resources: [key.keyArn] }),
        );
        return;
      // Each partnership's data key: made (GenerateDataKey) and unwrapped (Decrypt), with the partnership's id as
      // encryption context, under the personal data key alone.
      case "personal-data":
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["kms:GenerateDataKey", "kms:Decrypt"],
            resources: [this.personalDataKey.keyArn],
            // ForAllValues holds for a request with no context at all: Null requires one.
            conditions: {
              "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["partnershipId"] },
              Null: { "kms:EncryptionContextKeys": "false" },
            },
          }),
        );
        return;
      // The checkpoints: listed and read, their signing key's public half read; or a new one put and signed.
      // Object Lock (compliance) keeps every one as it was written, whatever a role may do.
      case "checkpoint-read":
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ["s3:ListBucket"], resources: [this.checkpoints.bucket.bucketArn] }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["s3:GetObject"],
            resources: [this.checkpoints.bucket.arnForObjects("checkpoints/*")],
          }),
        );
        fn.addToRolePolicy(new PolicyStatement({ actions: ["kms:Decrypt"], resources: [key.keyArn] }));
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ["kms:GetPublicKey"], resources: [this.checkpoints.key.keyArn] }),
        );
        return;
      case "checkpoint-write":
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ["s3:PutObject"],
            resources: [this.checkpoints.bucket.arnForObjects("checkpoints/*")],
          }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ["kms:GenerateDataKey"], resources: [key.keyArn] }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ["kms:Sign"], resources: [this.checkpoints.key.keyArn] }),
        );
        return;
    }
  }

  private addRoutes(spec: FunctionSpec, fn: NodejsFunction): void {
    if (spec.routes.length === 0) return;
    const integration = new HttpLambdaIntegration(`${pascalCase(spec.name)}Integration`, fn);
    if (spec.signedIn) {
      // A page's session cookie is checked by the handler (an HTTP API's authorizer reads no cookie): the ID
      // token's signature by the pool's keys, its issuer, audience and expiry (shared/http/staff-session.ts).
      for (const routeKey of apiRouteKeys(spec).filter((key) => !isApiRoute(key)))
        for (const route of this.httpApi.addRoutes({ ...methodAndPath(routeKey, spec), integration }))
          Validations.of(route).acknowledge(
            {
              id: "AwsSolutions-APIG4",
              reason: `${routeKey} is a staff page: its handler checks the session cookie's Cognito ID token (signature, issuer, audience, expiry) and the role, as an HTTP API authorizer cannot read a cookie`,
            },
            {
              id: "AwsSolutions-COG4",
              reason: `${routeKey} is a staff page whose handler verifies the staff user pool's ID token from the session cookie`,
            },
          );
      // The staff's token, checked by API Gateway before the handler runs; the handler checks the role.
      for (const routeKey of apiRouteKeys(spec).filter(isApiRoute))
        for (const route of this.httpApi.addRoutes({
          ...methodAndPath(routeKey, spec),
          integration,
          authorizer: this.staffAuthorizer,
        }))
          Validations.of(route).acknowledge({
            id: "AwsSolutions-COG4",
            reason: `${routeKey} has a JWT authorizer that trusts only the staff user pool's tokens (an HTTP API has no Cognito authorizer type)`,
          });
      return;
    }
    for (const routeKey of apiRouteKeys(spec)) {
      const routes =
        routeKey === DEFAULT_ROUTE
          ? [
              new HttpRoute(this, `${pascalCase(spec.name)}DefaultRoute`, {
                httpApi: this.httpApi,
                routeKey: HttpRouteKey.DEFAULT,
                integration,
              }),
            ]
          : this.httpApi.addRoutes({ ...methodAndPath(routeKey, spec), integration });
      const why = publicBecause(routeKey, spec);
      for (const route of routes) {
        Validations.of(route).acknowledge(
          {
            id: "AwsSolutions-APIG4",
            reason: `${routeKey} needs no authorizer: ${why}`,
          },
          { id: "AwsSolutions-COG4", reason: `${routeKey} has no Cognito authorizer: ${why}` },
        );
      }
    }
  }

  /**
   * Runs the function every `everyMinutes`. No retries by the scheduler: the next run is the retry, and the
   * function logs an error line for what it could not do.
   */
  private addSchedule(spec: FunctionSpec, fn: NodejsFunction): void {
    if (spec.everyMinutes === undefined) return;
    const id = `${pascalCase(spec.name)}Schedule`;
    // The scheduler's own role, for this one function; only this account's schedules may assume it.
    const role = new Role(this, `${id}Role`, {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": this.account } },
      }),
    });
    new Schedule(this, id, {
      description: spec.description,
      schedule: ScheduleExpression.rate(Duration.minutes(spec.everyMinutes)),
      target: new LambdaInvoke(fn, { input: ScheduleTargetInput.fromObject({}), retryAttempts: 0, role }),
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: `lambda:InvokeFunction on ${fn.node.path} and its versions and aliases (":*"), nothing else`,
    });
    this.alarmOnFailures(id, spec, fn);
  }

  /**
   * A scheduled function has no caller to see it fail: an alarm when it logs an error line (work it could not
   * do, tried again at its next run) or fails outright (a crash or a timeout). The alarms have no action: the
   * operator attaches one (README, "Deploying to AWS").
   */
  private alarmOnFailures(id: string, spec: FunctionSpec, fn: NodejsFunction): void {
    const period = Duration.minutes(Math.max(15, 3 * (spec.everyMinutes ?? 5)));
    const logged = fn.logGroup.addMetricFilter(`${id}ErrorLines`, {
      // The functions log in Lambda's text format: the runtime writes each console.error line (our "error"
      // lines, see shared/http/log.ts) and its own invoke errors as "<time>\t<request id>\tERROR\t<message>".
      // A JSON pattern would never match those events, which are not JSON as a whole.
      filterPattern: FilterPattern.allTerms("ERROR"),
      metricNamespace: "Partnerflow",
      metricName: `${spec.name}-error-lines`,
      metricValue: "1",
    });
    const alarms: [string, Metric, string][] = [
      [`${id}ErrorLinesAlarm`, logged.metric({ statistic: "Sum", period }), "logged work it could not do"],
      [`${id}FailedAlarm`, fn.metricErrors({ statistic: "Sum", period }), "failed (crashed or timed out)"],
    ];
    for (const [alarmId, metric, what] of alarms) {
      new Alarm(this, alarmId, {
        alarmDescription: `${spec.name} ${what}; its log names the partnership (and decision) concerned`,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
  }

  /** The wildcards of CDK's own table grants, named one by one (X-Ray's are PartnerflowFunction's). */
  private acknowledgeGrantFindings(
    fn: NodejsFunction,
    spec: FunctionSpec,
    table: Table,
    evidenceBucket: Bucket,
  ): void {
    // The role is the function's sibling inside PartnerflowFunction: acknowledge on their common parent.
    const owner = fn.node.scope ?? fn;
    if (spec.grants.includes("stop-execution")) {
      for (const machine of [this.stateMachine, this.revettingStateMachine, this.reviewStateMachine]) {
        if (!machine) continue;
        const ref = this.getLogicalId(machine.node.defaultChild as CfnElement);
        Validations.of(owner).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${ref}"}]}]}:*]`,
          reason:
            "An ended partnership's executions are named by its id (and round) only when it ends: StopExecution on " +
            "the executions of this one state machine, none other",
        });
      }
    }
    if (usesEvidence(spec)) {
      const bucket = crossStackArnFinding(this, evidenceBucket, evidenceBucket.bucketArn);
      const folders = new Set([...(spec.documents?.read ?? ["*"]), ...(spec.documents?.write ?? ["*"])]);
      for (const folder of folders)
        Validations.of(owner).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${bucket}/${folder === "*" ? "*" : `${folder}/*`}]`,
          reason:
            "Documents are objects of the evidence bucket, each under its own SHA-256 key: the grant names that " +
            "one bucket's folder of documents this function handles (s3:GetObject and/or s3:PutObject), and no " +
            "other bucket, folder or action",
        });
    }
    if (usesCheckpoints(spec)) {
      const bucket = crossStackArnFinding(this, this.checkpoints.bucket, this.checkpoints.bucket.bucketArn);
      Validations.of(owner).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucket}/checkpoints/*]`,
        reason:
          "Checkpoints are objects of the checkpoint bucket, one per checkpoint number: the grant names that one " +
          "bucket's checkpoints/ folder (s3:GetObject, or s3:PutObject of a new one, which Object Lock keeps)",
      });
    }
    if (spec.grants.includes("table-read") || spec.grants.includes("table-write")) {
      Validations.of(owner).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${tableIndexesFinding(this, table)}]`,
        reason:
          "Table grants cover the table's own secondary indexes (byStage, openDecisionsByDue), nothing else",
      });
    }
    if (spec.grants.includes("table-write")) {
      const reason =
        "Writing to the table encrypted with the customer-managed key needs its data keys: CDK grants " +
        "kms:GenerateDataKey* and kms:ReEncrypt* on that one key ARN only";
      Validations.of(owner).acknowledge(
        { id: "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]", reason },
        { id: "AwsSolutions-IAM5[Action::kms:ReEncrypt*]", reason },
      );
    }
  }

  private acknowledgeStateMachineFindings(machine: StateMachine, tasks: readonly NodejsFunction[]): void {
    Validations.of(machine).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "Tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and " +
        "log delivery (logs:CreateLogDelivery and related) have no resource-level permissions",
    });
    for (const fn of tasks) {
      const logicalId = this.getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(machine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: `LambdaInvoke grants ${fn.node.path} and its versions and aliases (":*"); the state machine invokes only that function`,
      });
    }
  }
}

/** The functions the onboarding state machine invokes (workflows/onboarding/definition.ts). */
const TASK_FUNCTION_NAMES = [
  "assess-intake",
  "open-step",
  "record-outcome",
  "issue-agreement",
  "complete-agreement",
  "record-failure",
  "tell-lead-of-timeout",
] as const;

/** The functions the vetting renewal's state machine invokes (workflows/revetting/definition.ts). */
const RENEWAL_TASK_FUNCTION_NAMES = [
  "open-step",
  "record-outcome",
  "record-failure",
  "tell-lead-of-timeout",
] as const;

/**
 * How cdk-nag names the "<table ARN>/index/*" resource of a table grant as it sees it at synth time: across
 * stacks the ARN has become an Fn::ImportValue of the export CDK generates, and exportValue() returns that
 * very import (it is what the automatic cross-stack reference calls).
 */
function tableIndexesFinding(consumer: Stack, table: Table): string {
  return `${crossStackArnFinding(consumer, table, table.tableArn)}/index/*`;
}

/** How cdk-nag names a resource's ARN (`arn`, a token of `resource`) in a policy of the consumer stack. */
function crossStackArnFinding(consumer: Stack, resource: Construct, arn: string): string {
  const producer = Stack.of(resource);
  if (producer === consumer) {
    return `<${producer.getLogicalId(resource.node.defaultChild as CfnElement)}.Arn>`;
  }
  const imported = producer.resolve(producer.exportValue(arn)) as { "Fn::ImportValue": string };
  return imported["Fn::ImportValue"];
}

/** Whether the function reads or writes checkpoints: only then is it told their bucket and key. */
function usesCheckpoints(spec: FunctionSpec): boolean {
  return spec.grants.includes("checkpoint-read") || spec.grants.includes("checkpoint-write");
}

/** Whether the function reads or writes evidence documents: only then is it told the bucket's name. */
function usesEvidence(spec: FunctionSpec): boolean {
  return spec.grants.includes("evidence-read") || spec.grants.includes("evidence-write");
}

/** Sending is authorised on the address identity or, if the domain is verified instead, the domain's. */
function sesIdentityArns(stack: Stack, senderEmail: string): string[] {
  const domain = senderEmail.slice(senderEmail.lastIndexOf("@") + 1);
  return [senderEmail, domain].map((identity) =>
    stack.formatArn({ service: "ses", resource: "identity", resourceName: identity }),
  );
}

function methodAndPath(routeKey: string, spec: FunctionSpec): { path: string; methods: HttpMethod[] } {
  const [method, path] = routeKey.split(" ");
  const httpMethod = HttpMethod[method as keyof typeof HttpMethod];
  if (!httpMethod || !path) throw new Error(`Route "${routeKey}" of ${spec.name} is not "METHOD /path"`);
  return { path, methods: [httpMethod] };
}

/** Why a route is open to anyone: what a person needs no account for, and what authorises them instead. */
function publicBecause(routeKey: string, spec: FunctionSpec): string {
  if (routeKey.includes("{token}"))
    return "the link's 256-bit single-purpose, expiring token is the partner's or officer's credential";
  if (spec.grants.length === 0)
    return "it serves only public content (the intake form, its schema, the icon, the not-found page) and reads no data";
  return "it is the public intake that prospective partners send without an account";
}

function pascalCase(name: string): string {
  return name.replace(/(^|-)(.)/g, (_, _dash: string, c: string) => c.toUpperCase());
}

/** The objects of the evidence bucket's folders a grant reaches: every object when none is named. */
function documentArns(bucket: Bucket, folders: readonly DocumentFolder[] | undefined): string[] {
  return folders ? folders.map((folder) => bucket.arnForObjects(`${folder}/*`)) : [bucket.arnForObjects("*")];
}
