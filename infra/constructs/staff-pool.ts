/**
 * The staff's sign-in on AWS: a Cognito user pool (no self sign-up: the office adds its staff), with one group
 * per role (officers, leads, auditors: shared/domain/staff.ts), multi-factor sign-in, and an app client whose
 * tokens the HTTP API's JWT authorizer accepts on the signed-in routes. Locally, infra/local/staff.ts stands in.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  Mfa,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { GROUP_OF, ROLES } from "../../shared/domain/staff.ts";

export class StaffPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The hosted sign-in's domain (Cognito's, under a prefix from the configuration), if there is one. */
  readonly signInDomain: UserPoolDomain | undefined;

  constructor(scope: Construct, id: string, props: { signInDomainPrefix?: string } = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, "UserPool", {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      // Staff accounts outlive a redeploy of the application.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES)
      new CfnUserPoolGroup(this, `${GROUP_OF[role]}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: GROUP_OF[role],
        description: `Partnerflow ${role}s`,
      });
    // A public client (no secret), signing in by SRP; its ID token (with email and groups) is what staff present.
    // No OAuth flows until the hosted sign-in page exists (no callback URL to trust yet); and no attribute a
    // user may change about themselves: the office sets email and groups.
    this.client = this.userPool.addClient("ConsoleClient", {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      writeAttributes: new ClientAttributes(),
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    // The hosted sign-in for the staff's pages. Its app client (with the callback URL, which is the API's) is in
    // the application stack: here it would need that stack's URL, which depends on this one.
    this.signInDomain = props.signInDomainPrefix
      ? this.userPool.addDomain("HostedSignIn", { cognitoDomain: { domainPrefix: props.signInDomainPrefix } })
      : undefined;
  }

  /** The issuer the JWT authorizer trusts. */
  get issuerUrl(): string {
    return `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
