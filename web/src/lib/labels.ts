/** Korean names of the API's enum values that responses do not label themselves. */
export const STAGE_LABELS: Record<string, string> = {
  intake: '접수',
  assignment: '배정',
  investigation: '조사',
  review: '검토',
  approval: '결재',
  disposition: '처분',
  suspended: '중지',
  closed: '종결',
};
