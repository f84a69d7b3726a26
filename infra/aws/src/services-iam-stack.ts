import { Aws, CfnJson, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

// One IAM role per service, assumed by its Kubernetes service account (EKS IAM roles for service
// accounts), each with only what that service calls in AWS. Database, Redis and JWT secrets live
// in Secrets Manager under convergent/<environment>/<service>/ and reach pods through the
// cluster's secret store, so each role reads its own prefix only.

export const SERVICES = ['api', 'worker', 'ingest', 'migrate'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ServicesIamStackProps extends StackProps {
  environment: string;
  // The cluster's OIDC provider (IRSA): its ARN and issuer host (no https://).
  oidcProviderArn: string;
  oidcIssuer: string;
  namespace: string;
}

export class ServicesIamStack extends Stack {
  readonly roles: Record<ServiceName, iam.Role>;

  constructor(scope: Construct, id: string, props: ServicesIamStackProps) {
    super(scope, id, props);
    const roleFor = (service: ServiceName): iam.Role => {
      // The issuer is the condition's key, so it must be resolved before the policy is written.
      const conditions = new CfnJson(this, `${service}TrustConditions`, {
        value: {
          [`${props.oidcIssuer}:sub`]: `system:serviceaccount:${props.namespace}:convergent-${service}`,
          [`${props.oidcIssuer}:aud`]: 'sts.amazonaws.com',
        },
      });
      const role = new iam.Role(this, `${service}Role`, {
        roleName: `convergent-${props.environment}-${service}`,
        description: `Convergent ${service} pods (service account convergent-${service})`,
        assumedBy: new iam.FederatedPrincipal(
          props.oidcProviderArn,
          { StringEquals: conditions },
          'sts:AssumeRoleWithWebIdentity',
        ),
      });
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [
            `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:convergent/${props.environment}/${service}/*`,
          ],
        }),
      );
      return role;
    };
    this.roles = {
      api: roleFor('api'),
      worker: roleFor('worker'),
      ingest: roleFor('ingest'),
      migrate: roleFor('migrate'),
    };

    const iotPrefix = `arn:${Aws.PARTITION}:iot:${Aws.REGION}:${Aws.ACCOUNT_ID}`;
    // Ingest connects with the backend certificate (an IoT policy, not IAM); it only needs to find
    // the account's data endpoint.
    this.roles.ingest.addToPolicy(
      new iam.PolicyStatement({ actions: ['iot:DescribeEndpoint'], resources: ['*'] }),
    );
    // The API retires a decommissioned gateway's certificate. It sends nothing to gateways itself:
    // it queues configuration and commands, and ingest publishes them with the backend certificate.
    this.roles.api.addToPolicy(
      new iam.PolicyStatement({ actions: ['iot:DescribeEndpoint'], resources: ['*'] }),
    );
    this.roles.api.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'iot:DescribeThing',
          'iot:ListThingPrincipals',
          'iot:UpdateCertificate',
          'iot:DescribeCertificate',
        ],
        resources: [`${iotPrefix}:thing/*`, `${iotPrefix}:cert/*`],
      }),
    );

    for (const service of SERVICES) {
      new CfnOutput(this, `${service}RoleArn`, {
        value: this.roles[service].roleArn,
        description: `eks.amazonaws.com/role-arn for service account convergent-${service}`,
      });
    }
  }
}
