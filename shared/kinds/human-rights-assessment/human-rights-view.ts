/** A human-rights impact assessment on the case page: the draft law, the self-check, the assessment, the answer. */
import { dateKo, detailsLines, type DetailsLine } from '../../domain/details-view.ts';
import { HUMAN_RIGHTS_CRITERIA, type HumanRightsCriterion, type HumanRightsRecord } from './human-rights.ts';

const criteria = Object.keys(HUMAN_RIGHTS_CRITERIA) as HumanRightsCriterion[];
type Checks = NonNullable<HumanRightsRecord['selfCheck']>['criteria'];
const checkKo = (checks: Checks, k: HumanRightsCriterion) =>
  `${checks[k].concern ? '우려 있음' : '우려 없음'} — ${checks[k].note}`;

export function humanRightsView(r: HumanRightsRecord): DetailsLine[] {
  return detailsLines([
    ['자치법규', `${r.lawTitle} (${r.lawType} ${r.change})`],
    ['소관부서', r.department],
    ['평가 요청일', dateKo(r.requestedOn)],
    ['입법예고 예정일', dateKo(r.legislativeNoticeOn)],
    ['자체점검표 제출일', r.selfCheck && dateKo(r.selfCheck.submittedOn)],
    ...criteria.map(
      (k) => [`자체점검: ${HUMAN_RIGHTS_CRITERIA[k]}`, r.selfCheck && checkKo(r.selfCheck.criteria, k)] as const,
    ),
    ...criteria.map(
      (k) => [`평가: ${HUMAN_RIGHTS_CRITERIA[k]}`, r.assessment && checkKo(r.assessment.criteria, k)] as const,
    ),
    ['결론', r.assessment && `${r.assessment.conclusion} (${dateKo(r.assessment.assessedOn)})`],
    ['권고 조항', r.assessment?.articles.length ? r.assessment.articles.join(', ') : undefined],
    ['권고 내용', r.assessment?.recommendation],
    ['부서 회신', r.response && `${r.response.response} (${dateKo(r.response.respondedOn)})`],
    ['불수용 사유', r.response?.refusalGrounds],
  ]);
}
