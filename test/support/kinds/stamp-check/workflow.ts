/** The throw-away kind's lifecycle, in the same vocabulary as the office's (workflows/asl.ts). */
import { type AslDefinition, humanTask, invalidDecisionFail, stageChange } from '../../../../workflows/asl.ts';

const INSPECT = 'Team lead records the inspection';
const APPROVE = 'Head of office approves the inspection';
const CLOSE = 'Close the case';

export const stampCheckDefinition: AslDefinition = {
  Comment: '직인 관리 점검 (시험용): 점검 결과 기록 → 결재 → 종결',
  StartAt: INSPECT,
  States: {
    ...humanTask<'stamp-check.inspection'>(INSPECT, {
      taskType: 'inspect-stamps',
      titleKo: '직인 관리 실태 점검',
      stage: 'investigation',
      assignTo: { role: 'team-lead', team: 'case-team' },
      decisions: { 'record-inspection': APPROVE },
      dueInBusinessDays: 5,
      dueRule: 'stamp-check.inspection',
    }),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '점검 결과 결재',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: CLOSE },
      dueInBusinessDays: 3,
    }),
    ...stageChange(CLOSE, 'closed', { end: true }),
    ...invalidDecisionFail,
  },
};
