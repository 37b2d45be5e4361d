/** CDK entry point (cdk.json: `npx tsx infra/app.ts`). */
import { App } from 'aws-cdk-lib';
import { addPolicyChecks, buildApp } from './build-app.ts';

const app = new App();
buildApp(app);
addPolicyChecks(app);
app.synth();
