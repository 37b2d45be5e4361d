/**
 * Scheduled job (EventBridge Scheduler, every day 00:30, Asia/Seoul): anchors every case's chain
 * tip outside the table — the Object Lock bucket on AWS (ANCHOR_BUCKET), the append-only anchor file
 * locally (ANCHOR_FILE). A retried run adds one more anchor, which is harmless: each is a true
 * statement of the tips at its own time.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { anchorStoreFromEnv } from '../../shared/anchor/anchor-store.ts';
import { ConfigError, runtimeConfig } from '../../shared/config/runtime-config.ts';
import { chainAnchorJob } from '../../shared/schedules/scheduled-jobs.ts';
import { CaseRepository } from '../../shared/store/case-repository.ts';
import { documentClient } from '../../shared/store/dynamo-client.ts';
import { type ChainAnchoring, type ChainAnchorReport, chainAnchoring } from '../../shared/usecases/chain-anchoring.ts';
import { JobInputError } from './deadline-reminders.handler.ts';

export async function runChainAnchor(event: unknown, anchoring: ChainAnchoring): Promise<ChainAnchorReport> {
  const parsed = chainAnchorJob.payloadSchema.safeParse(event);
  if (!parsed.success) {
    throw new JobInputError(
      `Invalid ${chainAnchorJob.name} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`,
    );
  }
  const report = await anchoring.run();
  console.log(JSON.stringify({ job: chainAnchorJob.name, scheduledTime: parsed.data.scheduledTime, ...report }));
  return report;
}

let anchoring: ChainAnchoring | undefined;
function anchoringDeps(): ChainAnchoring {
  if (!anchoring) {
    const anchors = anchorStoreFromEnv();
    if (anchors === undefined) throw new ConfigError('chain-anchor needs ANCHOR_BUCKET (AWS) or ANCHOR_FILE (local)');
    anchoring = chainAnchoring({ cases: new CaseRepository(documentClient(), runtimeConfig().TABLE_NAME), anchors });
  }
  return anchoring;
}

export const handler = middy<unknown, ChainAnchorReport, Error, Context>().handler(async (event) =>
  runChainAnchor(event, anchoringDeps()),
);
