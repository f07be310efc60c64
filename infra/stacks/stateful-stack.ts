/**
 * The resources that hold data and must outlive any redeploy: the KMS key, the single table, and the bucket of
 * evidence documents and agreements (with the bucket of its access logs).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Tags, Validations } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key, KeySpec, KeyUsage } from "aws-cdk-lib/aws-kms";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectLockRetention,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { StaffPool } from "../constructs/staff-pool.ts";
import { BUCKET_TAG, CHECKPOINT_BUCKET_ROLE, EVIDENCE_BUCKET_ROLE } from "../function-catalog.ts";

/** How long a ledger export stays in the evidence bucket's exports/ folder. */
export const EXPORTS_KEPT_DAYS = 1;

/** Names of the table's secondary indexes (shared/adapters/dynamodb-keys.ts queries them by these names). */
export const TABLE_INDEX = {
  byStage: "byStage",
  openDecisionsByDue: "openDecisionsByDue",
  registry: "registry",
} as const;

/** What the registry index carries of each partnership: enough to assess overlaps and duplicates. */
export const REGISTRY_ATTRIBUTES = [
  "id",
  "organisationName",
  "website",
  "stage",
  "contributionTypes",
  "audiences",
] as const;

/** Attribute DynamoDB's TTL reads: link, idempotency and other short-lived items carry it in epoch seconds. */
export const TTL_ATTRIBUTE = "expiresAtEpoch";

/** How long Object Lock keeps each checkpoint from being changed or deleted: ten years. */
export const CHECKPOINT_RETENTION_DAYS = 3653;

export class StatefulStack extends Stack {
  /** Customer-managed key for the table and the application's log groups. */
  readonly key: Key;
  /** The one table: partnerships, ledger events, decisions, agreements, links, idempotency keys. */
  readonly table: Table;
  /**
   * Evidence documents, agreement PDFs and certificates, by SHA-256 (shared/domain/document-keys.ts): encrypted
   * with the key, private, SSL only, versioned, retained, its access logged. No lifecycle rule on documents: what
   * the office keeps, and for how long, is a records decision; nothing here expires it. The one exception is
   * `exports/`, the ledger's exports for auditors (shared/services/audit-export.ts), deleted after a day.
   */
  readonly evidenceBucket: Bucket;
  /** The ledger's checkpoints, each kept under compliance-mode Object Lock. */
  readonly checkpointBucket: Bucket;
  /** The asymmetric key (ECC P-256) that signs them. */
  readonly checkpointKey: Key;
  /**
   * Wraps each partnership's personal data key (KMS data keys, one per partnership, kept wrapped on the
   * partnership's key item): destroying that item erases the partnership's personal data.
   */
  readonly personalDataKey: Key;
  /** The staff's sign-in (Cognito): users in the officers, leads and auditors groups. */
  readonly staff: StaffPool;

  constructor(scope: Construct, id: string, props?: StackProps & { staffSignInDomainPrefix?: string }) {
    super(scope, id, props);

    this.key = new Key(this, "Key", {
      description: "Partnerflow: partnership data and logs",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts the application's log groups with this key. The grant is limited to log
    // groups of this account and region and lives here, so the application stack never edits this policy.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: "AllowCloudWatchLogsOfThisAccount",
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo",
          "kms:GenerateDataKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:DescribeKey",
        ],
        resources: ["*"],
        conditions: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*`,
          },
        },
      }),
    );

    // Table rather than TableV2: TableV2 renders a customer-managed key per replica region, which needs a
    // region-bound stack, and these stacks stay environment-agnostic (synth needs no AWS profile, and the
    // local runtime resolves AWS::Region itself).
    this.table = new Table(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_INDEX.byStage,
      partitionKey: { name: "gsi1pk", type: AttributeType.STRING },
      sortKey: { name: "gsi1sk", type: AttributeType.STRING },
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_INDEX.openDecisionsByDue,
      partitionKey: { name: "gsi2pk", type: AttributeType.STRING },
      sortKey: { name: "gsi2sk", type: AttributeType.STRING },
    });
    // Every partnership, and only partnerships: only their items have both itemType and normalisedName.
    // One query gives the assessment every organisation on file, with a small projection of each.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_INDEX.registry,
      partitionKey: { name: "itemType", type: AttributeType.STRING },
      sortKey: { name: "normalisedName", type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...REGISTRY_ATTRIBUTES],
    });

    // S3 server access logs can only be delivered to a bucket encrypted with S3's own keys (SSE-S3), not KMS.
    const accessLogs = new Bucket(this, "EvidenceAccessLogs", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "This is the access-log bucket of the evidence bucket; logging its own access would log into itself",
    });
    this.evidenceBucket = new Bucket(this, "EvidenceBucket", {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket rather than per object: far fewer KMS requests, the same key and rotation.
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The class is an IBucket; exactOptionalPropertyTypes disagrees only over IBucket's optional isWebsite.
      serverAccessLogsBucket: accessLogs as IBucket,
      serverAccessLogsPrefix: "evidence/",
      removalPolicy: RemovalPolicy.RETAIN,
      // A ledger export is read through a five-minute link, once: it is copied out, not kept here.
      lifecycleRules: [
        {
          id: "ExportsExpire",
          prefix: "exports/",
          expiration: Duration.days(EXPORTS_KEPT_DAYS),
          noncurrentVersionExpiration: Duration.days(EXPORTS_KEPT_DAYS),
        },
      ],
    });
    Tags.of(this.evidenceBucket).add(BUCKET_TAG, EVIDENCE_BUCKET_ROLE);
    new CfnOutput(this, "EvidenceBucketName", {
      value: this.evidenceBucket.bucketName,
      description: "Evidence documents, agreements and certificates",
    });

    // Checkpoints: kept in compliance-mode Object Lock (nobody, root included, can rewrite or delete one before
    // its retention ends), signed by an asymmetric KMS key whose private half never leaves KMS.
    this.checkpointBucket = new Bucket(this, "CheckpointBucket", {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(CHECKPOINT_RETENTION_DAYS)),
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs as IBucket,
      serverAccessLogsPrefix: "checkpoints/",
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Tags.of(this.checkpointBucket).add(BUCKET_TAG, CHECKPOINT_BUCKET_ROLE);
    // Object Lock keeps each version; these keep the set of checkpoints: none is deleted (not even behind a
    // delete marker), and a put never replaces one (only a put with If-None-Match).
    this.checkpointBucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
        resources: [this.checkpointBucket.arnForObjects("*")],
      }),
    );
    this.checkpointBucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ["s3:PutObject"],
        resources: [this.checkpointBucket.arnForObjects("*")],
        conditions: { Null: { "s3:if-none-match": "true" } },
      }),
    );
    this.checkpointKey = new Key(this, "CheckpointSigningKey", {
      description: "Partnerflow: signs the ledger's checkpoints",
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.personalDataKey = new Key(this, "PersonalDataKey", {
      description: "Partnerflow: wraps each partnership's personal data key",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.staff = new StaffPool(this, "Staff", { signInDomainPrefix: props?.staffSignInDomainPrefix ?? "" });
    Validations.of(this.staff.userPool).acknowledge({
      id: "AwsSolutions-COG8",
      reason:
        "Cognito's threat protection (the Plus feature plan) is a per-user monthly charge out of proportion to a " +
        "small office's handful of staff accounts; sign-in requires MFA (TOTP) and strong passwords instead",
    });
    new CfnOutput(this, "StaffUserPoolId", { value: this.staff.userPool.userPoolId });
  }
}
