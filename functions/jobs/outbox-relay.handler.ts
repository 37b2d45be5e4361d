/**
 * The outbox relay on AWS: the table's stream invokes this function with new outbox items only
 * (the event source mapping filters on `entity = outbox`, see infra/constructs/outbox-relay.ts).
 * Each intent is delivered idempotently (shared/usecases/outbox-relay.ts); one that fails is
 * reported as a batch item failure, so the mapping retries it (bisecting the batch) and at last
 * sends it to the dead-letter queue, which raises an alarm. The intent itself stays pending in the
 * table, so the reconcile job tries it again later.
 */
import middy from '@middy/core';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { OUTBOX_ENTITY, toOutboxItem } from '#shared/store/outbox-store.ts';
import type { OutboxRelay } from '#shared/usecases/outbox-relay.ts';
import { workflowMaintenanceDeps } from './workflow-maintenance-deps.ts';

export async function relayStreamEvent(event: DynamoDBStreamEvent, relay: OutboxRelay): Promise<DynamoDBBatchResponse> {
  const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entity !== OUTBOX_ENTITY) continue;
    const delivery = await relay.deliver(toOutboxItem(item));
    // A dead-lettered intent is failed too, so it reaches the queue (and its alarm) at once.
    if (!delivery.delivered && delivery.outcome !== 'handled-elsewhere')
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
  }
  return { batchItemFailures: failures };
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>().handler(async (event) =>
  relayStreamEvent(event, workflowMaintenanceDeps().relay),
);
