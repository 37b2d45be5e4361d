/** 납세자보호 상담: runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';
import { taxpayerTable } from './report.ts';

export const taxpayerConsultation = reviewKind({
  kind: 'taxpayer-consultation',
  labelKo: '납세자보호 상담',
  team: 'complaints',
  reportTables: [taxpayerTable],
});
