/**
 * The monthly AWS bill at the office's volumes, by service, from assumed unit prices (Seoul,
 * ap-northeast-2) and the requests the system makes. Prices are assumptions dated PRICES_CHECKED:
 * check them against the AWS pricing pages before relying on a figure. `npm run cost` prints this;
 * docs/cost-model.md explains it.
 *
 * Step Functions transitions per lifecycle are counted from the deployed definitions (every state
 * of a workflow, branches included, entered once — an upper bound for a straight run; a returned
 * and re-done step adds its states again, which TRANSITION_REWORK_FACTOR allows for).
 */
import type { AslDefinition } from '../../workflows/asl.ts';
import { WORKFLOWS } from '../../workflows/registry.ts';

export const PRICES_CHECKED = '2026-12 (assumed from published list prices; not verified against the live price list)';

/** USD, Seoul region, list prices without free tiers unless the line says so. */
export const PRICES = {
  stepFunctionsPer1kTransitions: 0.0271,
  stepFunctionsFreeTransitions: 4_000,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaFreeRequests: 1_000_000,
  lambdaFreeGbSeconds: 400_000,
  httpApiPerMillion: 1.29,
  dynamoPerMillionWrites: 0.7116,
  dynamoPerMillionReads: 0.1423,
  dynamoStoragePerGbMonth: 0.2846,
  dynamoPitrPerGbMonth: 0.228,
  backupWarmPerGbMonth: 0.114,
  schedulerPerMillion: 1.0,
  schedulerFreeInvocations: 14_000_000,
  sesPer1kMails: 0.1,
  s3PerGbMonth: 0.025,
  s3PutPer1k: 0.0045,
  s3GetPer1k: 0.00035,
  cloudWatchAlarm: 0.1,
  cloudWatchDashboard: 3.0,
  cloudWatchLogsIngestPerGb: 0.76,
  cloudWatchLogsStoragePerGbMonth: 0.0314,
  kmsKeyMonth: 1.0,
  kmsPer10kRequests: 0.03,
  wafWebAclMonth: 5.0,
  wafRuleMonth: 1.0,
  wafPerMillionRequests: 0.6,
  cloudFrontPer10kHttpsRequests: 0.012,
  cloudFrontFreeRequests: 10_000_000,
  cognitoPlusPerMau: 0.02,
  xrayPerMillionTraces: 5.0,
  xrayFreeTraces: 100_000,
} as const;

/** What the office does in a month. Defaults: ~5,000 cases a year, ~100k field complaints, 40 staff. */
export interface Volumes {
  casesPerMonth: number;
  fieldComplaintsPerMonth: number;
  staff: number;
  /** API requests one member of staff makes on a working day (lists, case pages, saves). */
  apiRequestsPerStaffDay: number;
  workingDays: number;
  /** Reminder and notice mails per month (daily digests, committee notices, alarms). */
  mailsPerMonth: number;
}

export const DEFAULT_VOLUMES: Volumes = {
  casesPerMonth: Math.round(5_000 / 12),
  fieldComplaintsPerMonth: Math.round(100_000 / 12),
  staff: 40,
  apiRequestsPerStaffDay: 300,
  workingDays: 21,
  mailsPerMonth: 40 * 21 + 400,
};

/** Assumptions per unit of work, stated so they can be argued with. */
export const ASSUMPTIONS = {
  /** Events (history items) a case with a lifecycle gathers, each a transaction of ~4 writes. */
  eventsPerCase: 25,
  writesPerEvent: 4,
  /** A field complaint: registered, assigned, answered, closed — no workflow execution. */
  writesPerComplaint: 12,
  /** Reads per API request (items ≤ 4 KB: one read unit each). */
  readsPerApiRequest: 6,
  lambdaMsPerInvocation: 120,
  lambdaMemoryGb: 0.5,
  /** Returned and re-done steps: transitions beyond one straight run. */
  TRANSITION_REWORK_FACTOR: 1.5,
  /** Step handler invocations per lifecycle: about one per two transitions. */
  stepInvocationsPerTransition: 0.5,
  /** Stored bytes per case (case, events, tasks) and per field complaint. */
  bytesPerCase: 60_000,
  bytesPerComplaint: 8_000,
  /** Years of data in the table (cases are kept; the bill grows with storage). */
  yearsStored: 3,
  logBytesPerInvocation: 1_500,
  alarms: 100,
  /** The table's, the identity key, the backup vault's, the alarm topic's and the anchor signing key. */
  kmsKeys: 5,
  wafRules: 4,
  /** Anchor bytes per case (id, sequence, hash in JSON), one anchor a day, kept for the lock period. */
  anchorBytesPerCase: 110,
  anchorRetentionYears: 10,
  scheduledRunsPerMonth: 6 * 30,
} as const;

/** States of a definition, Parallel branches and Map processors included. */
export function countStates(definition: Pick<AslDefinition, 'States'>): number {
  let count = 0;
  for (const state of Object.values(definition.States) as Record<string, unknown>[]) {
    count += 1;
    for (const branch of (state.Branches as Pick<AslDefinition, 'States'>[] | undefined) ?? [])
      count += countStates(branch);
    const processor = (state.ItemProcessor ?? state.Iterator) as Pick<AslDefinition, 'States'> | undefined;
    if (processor) count += countStates(processor);
  }
  return count;
}

export interface CostLine {
  service: string;
  usage: string;
  usd: number;
}

export function monthlyCost(volumes: Volumes = DEFAULT_VOLUMES): { lines: CostLine[]; totalUsd: number } {
  const p = PRICES;
  const a = ASSUMPTIONS;
  const statesPerLifecycle =
    Object.values(WORKFLOWS).reduce((sum, d) => sum + countStates(d), 0) / Object.keys(WORKFLOWS).length;
  const transitions = volumes.casesPerMonth * statesPerLifecycle * a.TRANSITION_REWORK_FACTOR;
  const apiRequests = volumes.staff * volumes.apiRequestsPerStaffDay * volumes.workingDays;
  const stepInvocations = transitions * a.stepInvocationsPerTransition;
  const invocations = apiRequests + stepInvocations + a.scheduledRunsPerMonth + volumes.mailsPerMonth * 0.05;
  const gbs = invocations * (a.lambdaMsPerInvocation / 1000) * a.lambdaMemoryGb;
  const writes =
    volumes.casesPerMonth * a.eventsPerCase * a.writesPerEvent + volumes.fieldComplaintsPerMonth * a.writesPerComplaint;
  const reads = apiRequests * a.readsPerApiRequest + stepInvocations * 4;
  const storedGb =
    (12 *
      a.yearsStored *
      (volumes.casesPerMonth * a.bytesPerCase + volumes.fieldComplaintsPerMonth * a.bytesPerComplaint)) /
    1e9;
  const totalCases = 12 * a.yearsStored * (volumes.casesPerMonth + volumes.fieldComplaintsPerMonth);
  const anchorGb =
    (totalCases * a.anchorBytesPerCase * 30 * 12 * Math.min(a.yearsStored, a.anchorRetentionYears)) / 1e9;
  const logsGb = (invocations * a.logBytesPerInvocation) / 1e9;
  const logsStoredGb = logsGb * 24;

  const lines: CostLine[] = [
    {
      service: 'Step Functions (Standard)',
      usage: `${fmt(transitions)} transitions (${statesPerLifecycle.toFixed(0)} states/lifecycle × ${a.TRANSITION_REWORK_FACTOR} rework)`,
      usd: (Math.max(0, transitions - p.stepFunctionsFreeTransitions) / 1000) * p.stepFunctionsPer1kTransitions,
    },
    {
      service: 'Lambda (arm64)',
      usage: `${fmt(invocations)} invocations, ${fmt(gbs)} GB-s`,
      usd:
        (Math.max(0, invocations - p.lambdaFreeRequests) / 1e6) * p.lambdaPerMillionRequests +
        Math.max(0, gbs - p.lambdaFreeGbSeconds) * p.lambdaArmPerGbSecond,
    },
    {
      service: 'API Gateway (HTTP API)',
      usage: `${fmt(apiRequests)} requests`,
      usd: (apiRequests / 1e6) * p.httpApiPerMillion,
    },
    {
      service: 'DynamoDB (on-demand, PITR)',
      usage: `${fmt(writes)} writes, ${fmt(reads)} reads, ${storedGb.toFixed(1)} GB stored`,
      usd:
        (writes / 1e6) * p.dynamoPerMillionWrites +
        (reads / 1e6) * p.dynamoPerMillionReads +
        storedGb * (p.dynamoStoragePerGbMonth + p.dynamoPitrPerGbMonth),
    },
    {
      service: 'AWS Backup (daily 35 d + monthly 12)',
      usage: `~${(storedGb * 2).toFixed(1)} GB of recovery points (incremental)`,
      usd: storedGb * 2 * p.backupWarmPerGbMonth,
    },
    {
      service: 'EventBridge Scheduler',
      usage: `${fmt(a.scheduledRunsPerMonth)} invocations`,
      usd: (Math.max(0, a.scheduledRunsPerMonth - p.schedulerFreeInvocations) / 1e6) * p.schedulerPerMillion,
    },
    {
      service: 'SES',
      usage: `${fmt(volumes.mailsPerMonth)} mails`,
      usd: (volumes.mailsPerMonth / 1000) * p.sesPer1kMails,
    },
    {
      service: 'S3 (chain anchors, Object Lock)',
      usage: `${anchorGb.toFixed(2)} GB locked, 30 puts`,
      usd: anchorGb * p.s3PerGbMonth + (30 / 1000) * p.s3PutPer1k + (apiRequests * 0.01 * 2 * p.s3GetPer1k) / 1000,
    },
    {
      service: 'CloudWatch (alarms, dashboard, logs)',
      usage: `${a.alarms} alarms, 1 dashboard, ${logsGb.toFixed(2)} GB logs/month`,
      usd:
        a.alarms * p.cloudWatchAlarm +
        p.cloudWatchDashboard +
        logsGb * p.cloudWatchLogsIngestPerGb +
        logsStoredGb * p.cloudWatchLogsStoragePerGbMonth,
    },
    {
      service: 'KMS',
      usage: `${a.kmsKeys} customer-managed keys`,
      usd: a.kmsKeys * p.kmsKeyMonth + ((writes + reads) / 1000 / 10_000) * p.kmsPer10kRequests,
    },
    {
      service: 'WAF',
      usage: `1 web ACL, ${a.wafRules} rules, ${fmt(apiRequests)} requests`,
      usd: p.wafWebAclMonth + a.wafRules * p.wafRuleMonth + (apiRequests / 1e6) * p.wafPerMillionRequests,
    },
    {
      service: 'CloudFront',
      usage: `${fmt(apiRequests)} requests (10M/month free)`,
      usd: (Math.max(0, apiRequests - p.cloudFrontFreeRequests) / 10_000) * p.cloudFrontPer10kHttpsRequests,
    },
    {
      service: 'Cognito (Plus)',
      usage: `${volumes.staff} monthly active users`,
      usd: volumes.staff * p.cognitoPlusPerMau,
    },
    {
      service: 'X-Ray',
      usage: `${fmt(invocations)} traces`,
      usd: (Math.max(0, invocations - p.xrayFreeTraces) / 1e6) * p.xrayPerMillionTraces,
    },
  ];
  return { lines, totalUsd: lines.reduce((sum, l) => sum + l.usd, 0) };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
