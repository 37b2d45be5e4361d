/**
 * Scheduled job (EventBridge Scheduler, every day 00:30, Asia/Seoul): anchors every case's chain
 * tip outside the table — the Object Lock bucket on AWS (ANCHOR_BUCKET), the append-only anchor file
 * locally (ANCHOR_FILE). A retried run adds one more anchor, which is harmless: each is a true
 * statement of the tips at its own time.
 */
import { anchorStoreFromEnv } from '#shared/anchor/anchor-store.ts';
import { ConfigError } from '#shared/config/runtime-config.ts';
import { logger } from '#shared/observability/powertools.ts';
import { chainAnchorJob } from '#shared/schedules/scheduled-jobs.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { type ChainAnchoring, type ChainAnchorReport, chainAnchoring } from '#shared/usecases/chain-anchoring.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';
import { jobHandler, parseJobEvent } from './job-handler.ts';

export async function runChainAnchor(event: unknown, anchoring: ChainAnchoring): Promise<ChainAnchorReport> {
  const { scheduledTime } = parseJobEvent(chainAnchorJob, event);
  const report = await anchoring.run();
  logger.info('chain anchor run', { job: chainAnchorJob.name, scheduledTime, ...report });
  return report;
}

const anchoring = once(() => {
  const anchors = anchorStoreFromEnv();
  if (anchors === undefined) throw new ConfigError('chain-anchor needs ANCHOR_BUCKET (AWS) or ANCHOR_FILE (local)');
  return chainAnchoring({ cases: new CaseRepository(doc, tableName()), anchors });
});

export const handler = jobHandler(chainAnchorJob, async (event) => runChainAnchor(event, anchoring()));
