import { join } from 'node:path';
import { Aws, CfnOutput, DockerImage, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iot from 'aws-cdk-lib/aws-iot';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { transpileFolder } from './hook-bundling';
import {
  GATEWAY_TEMPLATE_NAME,
  backendPolicy,
  claimPolicy,
  gatewayPolicy,
  type IotArns,
} from './iot-policies';
import { gatewayTemplateBody } from './provisioning-template';

export const GATEWAY_THING_TYPE = 'convergent-gateway';
export const GATEWAY_ROOT_GROUP = 'convergent-gateways';

export interface IotStackProps extends StackProps {
  // Where the hook reaches the platform's API (private endpoint, e.g. an internal load balancer).
  platformUrl: string;
  // AWS IoT's own log level for the account: ERROR or WARN in production, DEBUG only to diagnose.
  iotLogLevel?: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';
}

// AWS IoT Core for Convergent's gateways: who may connect, publish and subscribe where, and how a
// gateway with only a claim certificate and a claim token becomes a registered thing.
export class IotStack extends Stack {
  readonly hookSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: IotStackProps) {
    super(scope, id, props);
    const arns: IotArns = { prefix: `arn:${Aws.PARTITION}:iot:${Aws.REGION}:${Aws.ACCOUNT_ID}` };

    const thingType = new iot.CfnThingType(this, 'GatewayThingType', {
      thingTypeName: GATEWAY_THING_TYPE,
      thingTypeProperties: {
        thingTypeDescription: 'Convergent edge gateway: one MQTT connection serving one or more machines',
        searchableAttributes: ['siteId', 'gatewayId', 'serialNumber'],
      },
    });
    const rootGroup = new iot.CfnThingGroup(this, 'GatewaysGroup', {
      thingGroupName: GATEWAY_ROOT_GROUP,
      thingGroupProperties: { thingGroupDescription: 'Every provisioned Convergent gateway' },
    });

    const gateway = new iot.CfnPolicy(this, 'GatewayPolicy', {
      policyName: 'convergent-gateway',
      policyDocument: gatewayPolicy(arns),
    });
    new iot.CfnPolicy(this, 'ClaimPolicy', {
      policyName: 'convergent-gateway-claim',
      policyDocument: claimPolicy(arns),
    });
    new iot.CfnPolicy(this, 'BackendPolicy', {
      policyName: 'convergent-backend',
      policyDocument: backendPolicy(arns),
    });

    this.hookSecret = new secretsmanager.Secret(this, 'HookSecret', {
      description:
        'Bearer token the pre-provisioning hook presents to the platform (PROVISIONING_HOOK_SECRET)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const hookLogs = new logs.LogGroup(this, 'HookLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    const hookSource = join(__dirname, 'provisioning-hook');
    const hook = new lambda.Function(this, 'PreProvisioningHook', {
      description: 'Asks the platform to accept or refuse a gateway claim token (fails closed)',
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(hookSource, {
        bundling: {
          // Only used when local transpiling is impossible; it never is for this folder.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
          local: transpileFolder(hookSource),
        },
      }),
      // AWS gives the hook 5 s; the handler's own platform timeout (4 s) is shorter.
      timeout: Duration.seconds(5),
      memorySize: 256,
      logGroup: hookLogs,
      environment: { PLATFORM_URL: props.platformUrl, HOOK_SECRET_ARN: this.hookSecret.secretArn },
    });
    this.hookSecret.grantRead(hook);
    const templateArn = `arn:${Aws.PARTITION}:iot:${Aws.REGION}:${Aws.ACCOUNT_ID}:provisioningtemplate/${GATEWAY_TEMPLATE_NAME}`;
    hook.addPermission('InvokedByIotProvisioning', {
      principal: new iam.ServicePrincipal('iot.amazonaws.com'),
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: templateArn,
    });

    const provisioningRole = new iam.Role(this, 'ProvisioningRole', {
      description: 'Lets AWS IoT create the thing, activate the certificate and attach the policy',
      assumedBy: new iam.ServicePrincipal('iot.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSIoTThingsRegistration')],
    });
    const template = new iot.CfnProvisioningTemplate(this, 'GatewayProvisioningTemplate', {
      templateName: GATEWAY_TEMPLATE_NAME,
      description: 'Fleet provisioning by claim for Convergent gateways',
      enabled: true,
      provisioningRoleArn: provisioningRole.roleArn,
      templateBody: JSON.stringify(
        gatewayTemplateBody({
          thingType: GATEWAY_THING_TYPE,
          thingGroup: GATEWAY_ROOT_GROUP,
          policyName: gateway.policyName ?? 'convergent-gateway',
        }),
      ),
      preProvisioningHook: { targetArn: hook.functionArn, payloadVersion: '2020-04-01' },
    });
    // The template names them, so they must exist first.
    template.addResourceDependency(thingType);
    template.addResourceDependency(rootGroup);
    template.addResourceDependency(gateway);

    const loggingRole = new iam.Role(this, 'IotLoggingRole', {
      description: 'AWS IoT writes its connection, authorisation and rule errors to CloudWatch Logs',
      assumedBy: new iam.ServicePrincipal('iot.amazonaws.com'),
      inlinePolicies: {
        logs: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: [
                'logs:CreateLogGroup',
                'logs:CreateLogStream',
                'logs:PutLogEvents',
                'logs:PutMetricFilter',
                'logs:PutRetentionPolicy',
              ],
              resources: [
                `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:AWSIotLogsV2:*`,
              ],
            }),
          ],
        }),
      },
    });
    new iot.CfnLogging(this, 'IotLogging', {
      accountId: Aws.ACCOUNT_ID,
      roleArn: loggingRole.roleArn,
      defaultLogLevel: props.iotLogLevel ?? 'WARN',
    });

    new CfnOutput(this, 'HookSecretArn', {
      value: this.hookSecret.secretArn,
      description: "Put this secret's value into the API's PROVISIONING_HOOK_SECRET",
    });
    new CfnOutput(this, 'ProvisioningTemplateName', { value: GATEWAY_TEMPLATE_NAME });
  }
}
