/**
 * Frozen office reports: one item per report (layout in table-definition.ts), written once with a
 * condition that it does not exist, together with the request's idempotency record when it carried
 * one — so a retried freeze stores one report and answers with it. The report is kept as its JSON
 * text (exactly as generated, nulls and order included) beside its data hash and a hash of that text,
 * so a stored report that was edited afterwards is detected when it is read.
 */
import { createHash } from 'node:crypto';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OfficeReportData } from '../domain/office-report.ts';
import { cancellationReasons } from './case-repository.ts';
import { IdempotencyRaceError, idempotencyPut, type IdempotencyClaim } from './idempotency-store.ts';
import { keys } from './keys.ts';

import type { FrozenReport, ReportStore as ReportStorePort } from '../usecases/ports.ts';

export type { FrozenReport } from '../usecases/ports.ts';

/** The stored item no longer matches the hash it was stored with. */
export class FrozenReportCorruptError extends Error {
  override name = 'FrozenReportCorruptError';
}

const textHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class ReportStore implements ReportStorePort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async freeze(
    frozen: FrozenReport,
    claimFor?: (result: FrozenReport) => IdempotencyClaim | undefined,
  ): Promise<FrozenReport> {
    const reportJson = JSON.stringify(frozen.report);
    const claim = claimFor?.(frozen);
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.officeReport(frozen.reportId),
            entity: 'office-report',
            reportId: frozen.reportId,
            frozenAt: frozen.frozenAt,
            frozenBy: frozen.frozenBy,
            period: frozen.report.period,
            dataHash: frozen.dataHash,
            reportJson,
            reportJsonHash: textHash(reportJson),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    if (claim) items.push(idempotencyPut(this.tableName, claim));
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && claim && reasons[1] === 'ConditionalCheckFailed') throw new IdempotencyRaceError();
      throw error;
    }
    return frozen;
  }

  async get(reportId: string): Promise<FrozenReport | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.officeReport(reportId), ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item) return undefined;
    const reportJson = String(item.reportJson);
    if (textHash(reportJson) !== item.reportJsonHash)
      throw new FrozenReportCorruptError(`frozen report ${reportId} does not match its stored hash`);
    const report = JSON.parse(reportJson) as OfficeReportData;
    if (report.digest.dataHash !== item.dataHash)
      throw new FrozenReportCorruptError(`frozen report ${reportId}: data hash differs from the report's`);
    return {
      reportId: String(item.reportId),
      frozenAt: String(item.frozenAt),
      frozenBy: item.frozenBy as FrozenReport['frozenBy'],
      dataHash: String(item.dataHash),
      report,
    };
  }
}
