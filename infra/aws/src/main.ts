import { App } from 'aws-cdk-lib';
import { IotStack } from './iot-stack';
import { ServicesIamStack } from './services-iam-stack';

// `npx nx run infra-aws:synth` writes the CloudFormation templates to infra/aws/cdk.out;
// `npx cdk deploy --app infra/aws/cdk.out` (or the CloudFormation console) deploys them.
// Settings come from the environment so that one synth serves one environment.
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set (see docs/deploy-aws.md)`);
  return value;
}

const environment = process.env['CONVERGENT_ENV'] ?? 'prod';
const app = new App({ outdir: process.env['CDK_OUTDIR'] ?? 'infra/aws/cdk.out' });
new IotStack(app, `convergent-${environment}-iot`, { platformUrl: required('CONVERGENT_PLATFORM_URL') });
new ServicesIamStack(app, `convergent-${environment}-services-iam`, {
  environment,
  oidcProviderArn: required('CONVERGENT_OIDC_PROVIDER_ARN'),
  oidcIssuer: required('CONVERGENT_OIDC_ISSUER'),
  namespace: process.env['CONVERGENT_NAMESPACE'] ?? 'convergent',
});
app.synth();
