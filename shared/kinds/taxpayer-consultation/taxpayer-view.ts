/** A taxpayer-advocate case on the case page (only its readers see it: the case is always sealed). */
import { dateKo, detailsLines, type DetailsLine } from '../../domain/details-view.ts';
import { TAXPAYER_POWERS, TAXPAYER_VARIANTS, type TaxpayerRecord } from './taxpayer.ts';

export function taxpayerView(r: TaxpayerRecord): DetailsLine[] {
  return detailsLines([
    ['유형', TAXPAYER_VARIANTS[r.variant].labelKo],
    ['접수일', dateKo(r.receivedOn)],
    ['세목', r.taxItem],
    ['처분·절차', r.disposition && `${r.disposition}${r.dispositionCompleted ? ' (처분 완료)' : ' (처분 전)'}`],
    ['요청 내용', r.matter],
    ...r.requests.flatMap((q, i) => [
      [`요구 ${i + 1}`, `${TAXPAYER_POWERS[q.power].labelKo} (${dateKo(q.requestedOn)}) — ${q.content}`] as const,
      [
        `회신 ${i + 1}`,
        q.reply && `${q.reply.accepted ? '수용' : '불수용'} (${dateKo(q.reply.repliedOn)}) — ${q.reply.content}`,
      ] as const,
    ]),
    ['처리 결과', r.result && `${r.result.result} (통지 ${dateKo(r.result.notifiedOn)}) — ${r.result.content}`],
  ]);
}
