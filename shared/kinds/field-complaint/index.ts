/**
 * 응답소 현장민원. Two things live in this folder:
 *  - the records (complaint-record.ts, standards.ts, analysis.ts, export-file.ts): every complaint
 *    of the 응답소 export, about 100,000 a year, imported in bulk and analysed monthly. They are
 *    records, not cases: the departments handle them in 응답소 and the office only monitors, so no
 *    lifecycle runs per complaint and none is on a case's hash chain (each record keeps its own
 *    change log);
 *  - the case kind below, for the rare complaint the office takes up itself (e.g. one the monthly
 *    analysis singles out): it runs the generic review lifecycle until it declares its own.
 */
import { reviewKind } from '../case-review/review-kind.ts';

export const fieldComplaint = reviewKind({
  kind: 'field-complaint',
  labelKo: '응답소 현장민원',
  team: 'patrol',
  // Tens of thousands of cases a year: searches prefer any other partition.
  search: { large: true },
});
