/**
 * The deployable system: a stateful stack (table, key, staff directory) and a stateless stack
 * (handlers, case workflows, API) on top of it. `infra/app.ts` runs this for the CDK CLI; the template
 * tests run it with the same cdk.json context.
 */
import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as z from 'zod';
import { builtConsole } from './constructs/console-hosting.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';
import { EdgeStack } from './stacks/edge-stack.ts';
import { MonitoringStack } from './stacks/monitoring-stack.ts';

/** A placeholder sender; set `-c gamsa:mailFrom=…` to the office's verified address. */
export const DEFAULT_MAIL_FROM = 'noreply@gamsa.example.go.kr';

/** Deployment settings from CDK context (cdk.json, or `-c gamsa:officeName=…` on the command line). */
const settingsSchema = z.object({
  'gamsa:region': z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-northeast-2'),
  'gamsa:officeName': z.string().min(1),
  'gamsa:appBaseUrl': z.url().optional(),
  /** Sender of the jobs' mail; must be a verified SES identity (the address or its domain) before deploy. */
  'gamsa:mailFrom': z.email().default(DEFAULT_MAIL_FROM),
  /** Administrators who get the CloudWatch alarms by e-mail, comma-separated (each confirms a subscription). */
  'gamsa:alarmEmails': z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== ''),
    )
    .pipe(z.array(z.email())),
  /** Object Lock (compliance) retention of each chain anchor, in years. */
  'gamsa:anchorRetentionYears': z.coerce.number().int().min(1).max(100).default(10),
  /** AWS Backup retention of the table's daily and monthly recovery points, in days. */
  'gamsa:backupDailyRetentionDays': z.coerce.number().int().min(1).default(35),
  'gamsa:backupMonthlyRetentionDays': z.coerce.number().int().min(30).default(365),
  /** Prefix of the user pool's managed-login domain (<prefix>.auth.<region>.amazoncognito.com), unique in the region. */
  'gamsa:signInDomainPrefix': z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and hyphens')
    .optional(),
  /** The console's own origin (https://…, no path) when a domain points at its CloudFront distribution. */
  'gamsa:consoleOrigin': z.url({ protocol: /^https$/ }).optional(),
  /** WAF: requests per 5 minutes from one IP before it is blocked (the office shares few public IPs). */
  'gamsa:wafRatePer5Minutes': z.coerce.number().int().min(10).default(3000),
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
  readonly edge: EdgeStack;
  readonly monitoring: MonitoringStack;
}

export function buildApp(app: App): SystemStacks {
  const settings = readSettings(app);
  // Region is fixed by the office's choice, not by whoever's CLI profile runs the deploy; the account
  // stays unresolved, so the same synthesized templates deploy into any account.
  const env = { region: settings['gamsa:region'] };

  const stateful = new StatefulStack(app, 'GamsaCases-Stateful', {
    env,
    description: 'Audit office case tracking — table, key, staff directory, chain anchors, backups (retained)',
    anchorRetentionYears: settings['gamsa:anchorRetentionYears'],
    backupDailyRetentionDays: settings['gamsa:backupDailyRetentionDays'],
    backupMonthlyRetentionDays: settings['gamsa:backupMonthlyRetentionDays'],
  });
  // CloudFront's web ACL must live in us-east-1 (infra/constructs/waf.ts).
  const edge = new EdgeStack(app, 'GamsaCases-Edge', {
    env: { region: 'us-east-1' },
    description: 'Audit office case tracking — WAF web ACL for CloudFront (us-east-1)',
    wafRatePer5Minutes: settings['gamsa:wafRatePer5Minutes'],
  });
  const stateless = new StatelessStack(app, 'GamsaCases-Stateless', {
    env,
    description: 'Audit office case tracking — handlers, case workflows (Step Functions), HTTP API and staff console',
    table: stateful.cases.table,
    staff: stateful.staff,
    identityKey: stateful.identityKey.key,
    officeName: settings['gamsa:officeName'],
    appBaseUrl: settings['gamsa:appBaseUrl'],
    mailFrom: settings['gamsa:mailFrom'],
    anchorBucketName: stateful.anchors.bucketName,
    anchorSigningKey: stateful.anchors.signingKey,
    caseFilesBucketName: stateful.files.bucketName,
    caseFilesKey: stateful.files.key,
    webAclArn: edge.waf.webAcl.attrArn,
    signInDomainPrefix: settings['gamsa:signInDomainPrefix'],
    consoleOrigin: settings['gamsa:consoleOrigin']?.replace(/\/$/, ''),
    consoleFiles: builtConsole(),
  });

  const monitoring = new MonitoringStack(app, 'GamsaCases-Monitoring', {
    env,
    description: 'Audit office case tracking — alarms (to the administrators by e-mail) and the operations dashboard',
    system: stateless,
    alarmEmails: settings['gamsa:alarmEmails'],
  });

  Tags.of(app).add('project', 'gamsa-cases');
  return { stateful, stateless, edge, monitoring };
}

/**
 * cdk-nag's AWS Solutions rules run on every synth (cdk-nag 3 is a policy validation plugin): any
 * finding not acknowledged next to its resource, with a reason, fails `cdk synth`. Acknowledgements
 * name the exact finding (`AwsSolutions-IAM5[Resource::…]`), never a whole rule on a whole stack.
 */
export function addPolicyChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
