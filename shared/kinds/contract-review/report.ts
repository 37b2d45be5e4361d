import type { CaseRecord } from '../../domain/case.ts';
import {
  basisOf,
  cases건,
  casesOf,
  receivedOn,
  SECTIONS,
  type ReportRow,
  type KindReportTable,
} from '../../domain/report-table.ts';
import { CONTRACT_CATEGORIES, CONTRACT_CATEGORY_KEYS } from './contract-review-settings.ts';

/**
 * 계약원가심사 절감액: by category and by month of receipt — received, reviews notified, design and
 * reviewed amounts, saving (design − reviewed, as each case computed it) and its average per
 * notified review, and the saving rate over the design amounts. A review counts once its reviewed
 * amount was approved and notified to the department.
 */
export const contractSavingsTable: KindReportTable = {
  id: 'contract-savings',
  order: 70,
  build({ byKind, kinds }) {
    const cases = kinds.flatMap((kind) => casesOf(byKind, kind));
    const row = (key: string, labelKo: string, of: readonly CaseRecord[]): ReportRow => {
      const notified = of.filter(
        (c) => c.contractReview?.notice !== undefined && c.contractReview.result !== undefined,
      );
      const sum = (pick: (c: CaseRecord) => number) => notified.reduce((n, c) => n + pick(c), 0);
      const design = sum((c) => c.contractReview!.designAmountWon);
      const saving = sum((c) => c.contractReview!.result!.savingWon);
      return {
        key,
        labelKo,
        cells: {
          received: of.length,
          notified: notified.length,
          designWon: design,
          reviewedWon: sum((c) => c.contractReview!.result!.reviewedAmountWon),
          savingWon: saving,
          averageSavingWon: notified.length === 0 ? null : Math.round(saving / notified.length),
          savingRate: design === 0 ? null : Math.round((saving / design) * 1000) / 10,
        },
      };
    };
    const months = [...new Set(cases.map((c) => receivedOn(c).slice(0, 7)))].sort();
    return {
      table: {
        id: 'contract-savings',
        sectionKo: SECTIONS.audit,
        titleKo: '계약원가심사 절감액 (분야별·월별)',
        columns: [
          cases건('received', '접수'),
          cases건('notified', '심사 통보'),
          { key: 'designWon', labelKo: '설계금액', unit: '원' },
          { key: 'reviewedWon', labelKo: '심사금액', unit: '원' },
          { key: 'savingWon', labelKo: '절감액', unit: '원' },
          { key: 'averageSavingWon', labelKo: '건당 평균 절감액', unit: '원' },
          { key: 'savingRate', labelKo: '절감률', unit: '%' },
        ],
        rows: [
          row('total', '계', cases),
          ...CONTRACT_CATEGORY_KEYS.map((category) =>
            row(
              category,
              CONTRACT_CATEGORIES[category].labelKo,
              cases.filter((c) => c.contractReview?.category === category),
            ),
          ),
          ...months.map((month) =>
            row(
              month,
              `${month.slice(0, 4)}년 ${Number(month.slice(5))}월`,
              cases.filter((c) => receivedOn(c).startsWith(month)),
            ),
          ),
        ],
        notesKo: [
          '절감액 = 설계금액 − 심사금액 (사건마다 계산한 값의 합). 심사 결과가 결재·통보된 건만 금액에 넣습니다.',
          '월은 접수일(한국 날짜) 기준입니다. 평균은 통보 건당, 절감률은 설계금액 합계 대비입니다.',
        ],
      },
      basis: basisOf(cases),
    };
  },
};
