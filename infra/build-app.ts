/**
 * The deployable system: a stateful stack (table, key, staff directory) and a stateless stack
 * (handlers, case workflows, API) on top of it. `infra/app.ts` runs this for the CDK CLI; the template
 * tests run it with the same cdk.json context.
 */
import { type App, Tags } from 'aws-cdk-lib';
import { z } from 'zod';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

/** A placeholder sender; set `-c gamsa:mailFrom=…` to the office's verified address. */
export const DEFAULT_MAIL_FROM = 'noreply@gamsa.example.go.kr';

/** Deployment settings from CDK context (cdk.json, or `-c gamsa:officeName=…` on the command line). */
const settingsSchema = z.object({
  'gamsa:region': z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-northeast-2'),
  'gamsa:officeName': z.string().min(1),
  'gamsa:appBaseUrl': z.url().optional(),
  /** Sender of the jobs' mail; must be a verified SES identity (the address or its domain) before deploy. */
  'gamsa:mailFrom': z.email().default(DEFAULT_MAIL_FROM),
  /** Staff with no team who hold office-wide roles (the head of office), comma-separated Cognito subs. */
  'gamsa:officeLevelStaffSubs': z.string().default(''),
});

export type DeploymentSettings = z.infer<typeof settingsSchema>;

export function readSettings(app: App): DeploymentSettings {
  const raw = Object.fromEntries(Object.keys(settingsSchema.shape).map((key) => [key, app.node.tryGetContext(key)]));
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid CDK context — ${problems}`);
  }
  return result.data;
}

export interface SystemStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

export function buildApp(app: App): SystemStacks {
  const settings = readSettings(app);
  // Region is fixed by the office's choice, not by whoever's CLI profile runs the deploy; the account
  // stays unresolved, so the same synthesized templates deploy into any account.
  const env = { region: settings['gamsa:region'] };

  const stateful = new StatefulStack(app, 'GamsaCases-Stateful', {
    env,
    description: 'Audit office case tracking — table, key and staff directory (retained)',
  });
  const stateless = new StatelessStack(app, 'GamsaCases-Stateless', {
    env,
    description: 'Audit office case tracking — handlers, case workflows (Step Functions) and HTTP API',
    table: stateful.cases.table,
    staff: stateful.staff,
    identityKey: stateful.identityKey.key,
    officeName: settings['gamsa:officeName'],
    appBaseUrl: settings['gamsa:appBaseUrl'],
    mailFrom: settings['gamsa:mailFrom'],
    officeLevelStaffSubs: settings['gamsa:officeLevelStaffSubs'],
  });

  Tags.of(app).add('project', 'gamsa-cases');
  return { stateful, stateless };
}
