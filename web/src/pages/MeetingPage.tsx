/**
 * The meeting page: agenda (the cases waiting for the committee, fixed when the meeting opens), attendance
 * with a live quorum indicator, recusals, a vote form per item built from the task's decision form, and
 * the minutes of what was decided. Writes carry an Idempotency-Key per submission and the meeting's version.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, unwrap } from '../api/errors.ts';
import type { Committee, ItemDecisionBody, MeetingDetail } from '../api/types.ts';
import { useApp } from '../auth/session.tsx';
import {
  cleanFormValue,
  deref,
  requestBodySchema,
  SchemaFields,
  useOpenApiDocument,
  variantFor,
  type FormValue,
} from '../components/SchemaForm.tsx';
import { ErrorState, Loading } from '../components/StateViews.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { WriteError } from '../components/WriteError.tsx';
import { formatKoreanDate, formatKoreanDateTime, koreaDateOf } from '../lib/format.ts';
import { useSubmissionKey } from '../lib/idempotent.ts';
import { QUORUM_LABELS } from './Committees.tsx';

type Member = Committee['members'][number];
type AgendaItem = MeetingDetail['agenda'][number];
type Vote = 'for' | 'against' | 'abstain';
const VOTE_LABELS: Record<Vote, string> = { for: '찬성', against: '반대', abstain: '기권' };
const DECISION_PATH = '/meetings/{meetingId}/items/{taskId}/decision';

const required = (rule: 'majority' | 'two-thirds', of: number) =>
  rule === 'majority' ? Math.floor(of / 2) + 1 : Math.ceil((of * 2) / 3);

function QuorumIndicator({
  present,
  enrolled,
  rule,
}: {
  present: number;
  enrolled: number;
  rule: 'majority' | 'two-thirds';
}) {
  const need = required(rule, enrolled);
  const met = present >= need;
  return (
    <p className={`quorum ${met ? 'met' : 'unmet'}`} role="status" aria-live="polite" data-testid="quorum">
      <span className={`krds-badge ${met ? 'bg-success' : 'bg-danger'}`}>
        {met ? '의사정족수 충족' : '의사정족수 미달'}
      </span>{' '}
      출석 {present}명 / 재적 {enrolled}명 — {QUORUM_LABELS[rule].attendance} ({need}명 이상)
    </p>
  );
}

function Attendance({
  detail,
  members,
  canRecord,
  onDone,
}: {
  detail: MeetingDetail;
  members: Member[];
  canRecord: boolean;
  onDone: () => void;
}) {
  const { api } = useApp();
  const submission = useSubmissionKey();
  const recorded = detail.meeting.attendance?.presentMemberIds;
  const [present, setPresent] = useState<Set<string>>(new Set(recorded ?? []));
  useEffect(() => setPresent(new Set(recorded ?? [])), [recorded]);
  const record = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/meetings/{meetingId}/attendance', {
          params: { path: { meetingId: detail.meeting.meetingId }, header: { 'Idempotency-Key': submission.key() } },
          body: { presentMemberIds: [...present], expectedVersion: detail.meeting.version },
        }),
      ),
    onSuccess: () => {
      submission.done();
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  const open = detail.meeting.status === 'scheduled' || detail.meeting.status === 'held';
  return (
    <section aria-labelledby="attendance-title" className="case-section">
      <h2 id="attendance-title" className="sec-tit">
        출석
      </h2>
      <QuorumIndicator
        present={present.size}
        enrolled={detail.quorum.enrolled}
        rule={detail.committee.quorum.attendance}
      />
      <p className="form-hint">근거: {detail.committee.quorum.article}</p>
      <form className="task-panel" onSubmit={submit} noValidate>
        <fieldset disabled={!canRecord || !open}>
          <legend>출석 위원 (임기 중 위원 {members.length}명)</legend>
          <div className="krds-check-area attendance-list">
            {members.map((m) => (
              <div className="krds-form-check" key={m.memberId}>
                <input
                  type="checkbox"
                  id={`present-${m.memberId}`}
                  checked={present.has(m.memberId)}
                  onChange={(e) => {
                    const next = new Set(present);
                    if (e.target.checked) next.add(m.memberId);
                    else next.delete(m.memberId);
                    setPresent(next);
                    submission.done();
                    if (record.isError) record.reset();
                  }}
                />
                <label htmlFor={`present-${m.memberId}`}>
                  {m.name} ({m.affiliation}
                  {m.chair ? ', 위원장' : ''})
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <WriteError
          error={record.error}
          onReload={() => {
            record.reset();
            onDone();
          }}
        />
        {canRecord && open && (
          <div className="btn-wrap">
            <button type="submit" className="krds-btn primary" disabled={record.isPending}>
              {record.isPending ? '기록 중…' : recorded ? '출석 고치기' : '출석 기록 (회의 개최)'}
            </button>
          </div>
        )}
        {!recorded && canRecord && (
          <p className="form-hint">
            처음 출석을 기록하면 회의가 열리고 그때 위원회를 기다리는 사건으로 안건이 확정됩니다.
          </p>
        )}
      </form>
    </section>
  );
}

function Recusal({ detail, members, onDone }: { detail: MeetingDetail; members: Member[]; onDone: () => void }) {
  const { api } = useApp();
  const submission = useSubmissionKey();
  const [taskId, setTaskId] = useState('');
  const [memberId, setMemberId] = useState('');
  const [reason, setReason] = useState('');
  const [declaredBy, setDeclaredBy] = useState<'member' | 'secretary'>('member');
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/meetings/{meetingId}/recusals', {
          params: { path: { meetingId: detail.meeting.meetingId }, header: { 'Idempotency-Key': submission.key() } },
          body: { taskId, memberId, reason, declaredBy },
        }),
      ),
    onSuccess: () => {
      submission.done();
      setReason('');
      onDone();
    },
  });
  const touch = () => {
    submission.done();
    if (save.isError) save.reset();
  };
  const undecided = detail.agenda.filter((item) => !item.decision);
  if (undecided.length === 0) return null;
  return (
    <form
      className="task-panel"
      aria-labelledby="recusal-title"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <h3 id="recusal-title" className="task-title">
        제척·회피 기록
      </h3>
      <div className="filter-grid">
        <SelectField
          id="recusal-item"
          label="안건"
          value={taskId}
          onChange={(v) => {
            setTaskId(v);
            touch();
          }}
        >
          <option value="">선택</option>
          {undecided.map((item) => (
            <option key={item.taskId} value={item.taskId}>
              {item.caseNumber}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="recusal-member"
          label="위원"
          value={memberId}
          onChange={(v) => {
            setMemberId(v);
            touch();
          }}
        >
          <option value="">선택</option>
          {members.map((m) => (
            <option key={m.memberId} value={m.memberId}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="recusal-by"
          label="신청"
          value={declaredBy}
          onChange={(v) => {
            setDeclaredBy(v as 'member' | 'secretary');
            touch();
          }}
        >
          <option value="member">위원 본인 (회피)</option>
          <option value="secretary">간사 (제척)</option>
        </SelectField>
        <div className="form-group wide">
          <div className="form-tit">
            <label htmlFor="recusal-reason">사유</label>
          </div>
          <div className="form-conts">
            <input
              id="recusal-reason"
              className="krds-input"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                touch();
              }}
            />
          </div>
        </div>
      </div>
      <WriteError
        error={save.error}
        onReload={() => {
          save.reset();
          onDone();
        }}
      />
      <div className="btn-wrap">
        <button type="submit" className="krds-btn secondary" disabled={!taskId || !memberId || save.isPending}>
          제척·회피 기록
        </button>
      </div>
    </form>
  );
}

function VoteForm({
  detail,
  item,
  voters,
  names,
  onDone,
}: {
  detail: MeetingDetail;
  item: AgendaItem;
  voters: string[];
  names: Map<string, string>;
  onDone: () => void;
}) {
  const { api } = useApp();
  const openapi = useOpenApiDocument();
  const submission = useSubmissionKey();
  const [votes, setVotes] = useState<Record<string, Vote>>({});
  const [decision, setDecision] = useState(item.allowedDecisions.length === 1 ? item.allowedDecisions[0]! : '');
  const [value, setValue] = useState<FormValue>({});
  const decide = useMutation({
    mutationFn: async (body: ItemDecisionBody) =>
      unwrap(
        await api.POST(DECISION_PATH, {
          params: {
            path: { meetingId: detail.meeting.meetingId, taskId: item.taskId },
            header: { 'Idempotency-Key': submission.key() },
          },
          body,
        }),
      ),
    onSuccess: () => {
      submission.done();
      onDone();
    },
  });
  const touch = () => {
    submission.done();
    if (decide.isError) decide.reset();
  };
  const tally = (v: Vote) => voters.filter((id) => votes[id] === v);
  const need = required(detail.committee.quorum.decision, voters.length);
  const forCount = tally('for').length;
  const body = openapi.data ? requestBodySchema(openapi.data, DECISION_PATH, 'post') : undefined;
  const formUnion = openapi.data && body?.properties?.form ? deref(openapi.data, body.properties.form) : undefined;
  const variant =
    openapi.data && formUnion && decision ? variantFor(openapi.data, formUnion, 'decision', decision) : undefined;
  const error = decide.error instanceof ApiError ? decide.error : undefined;
  const fieldErrors = error && error.status !== 409 ? error.fieldMessages : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({
      votes: { for: tally('for'), against: tally('against'), abstain: tally('abstain') },
      form: cleanFormValue({ ...value, decision }) as ItemDecisionBody['form'],
    });
  };
  const formId = `vote-${item.taskId}`;
  return (
    <form className="vote-form" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate>
      <h4 id={`${formId}-title`} className="task-title">
        표결 — {item.caseNumber}
      </h4>
      <table className="tbl col vote-table">
        <caption>
          표결 위원 {voters.length}명 (제척·회피 제외). 의결: {QUORUM_LABELS[detail.committee.quorum.decision].decision}{' '}
          ({need}명 이상)
        </caption>
        <thead>
          <tr>
            <th scope="col">위원</th>
            {(Object.keys(VOTE_LABELS) as Vote[]).map((v) => (
              <th key={v} scope="col">
                {VOTE_LABELS[v]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {voters.map((id) => (
            <tr key={id}>
              <th scope="row">{names.get(id) ?? id}</th>
              {(Object.keys(VOTE_LABELS) as Vote[]).map((v) => (
                <td key={v}>
                  {/* KRDS draws the radio on its label; the label's words are for screen readers. */}
                  <div className="krds-form-check vote-check">
                    <input
                      type="radio"
                      id={`${formId}-${id}-${v}`}
                      name={`${formId}-${id}`}
                      checked={votes[id] === v}
                      onChange={() => {
                        setVotes({ ...votes, [id]: v });
                        touch();
                      }}
                    />
                    <label htmlFor={`${formId}-${id}-${v}`}>
                      <span className="sr-only">
                        {names.get(id) ?? id} {VOTE_LABELS[v]}
                      </span>
                    </label>
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="btn-wrap left">
        <button
          type="button"
          className="krds-btn tertiary small"
          onClick={() => {
            setVotes(Object.fromEntries(voters.map((id) => [id, 'for' as const])));
            touch();
          }}
        >
          전원 찬성으로 표시
        </button>
        <span className={`krds-badge ${forCount >= need ? 'bg-light-success' : 'bg-light-gray'}`} role="status">
          찬성 {forCount} · 반대 {tally('against').length} · 기권 {tally('abstain').length}
        </span>
      </div>
      {fieldErrors['votes.for'] && (
        <p className="form-hint-invalid" role="alert">
          {fieldErrors['votes.for']}
        </p>
      )}
      {item.allowedDecisions.length > 1 && (
        <fieldset className="decision-choices">
          <legend>의결 내용</legend>
          <div className="krds-check-area">
            {item.allowedDecisions.map((d) => (
              <div className="krds-form-check" key={d}>
                <input
                  type="radio"
                  id={`${formId}-decision-${d}`}
                  name={`${formId}-decision`}
                  checked={decision === d}
                  onChange={() => {
                    setDecision(d);
                    setValue({});
                    touch();
                  }}
                />
                <label htmlFor={`${formId}-decision-${d}`}>{d}</label>
              </div>
            ))}
          </div>
        </fieldset>
      )}
      {openapi.isPending ? (
        <Loading label="입력 양식을 불러오는 중입니다…" />
      ) : openapi.isError ? (
        <ErrorState error={openapi.error} onRetry={() => void openapi.refetch()} />
      ) : variant ? (
        <div className="decision-fields">
          <SchemaFields
            document={openapi.data}
            schema={variant}
            pathPrefix="form."
            omit={['decision']}
            value={value}
            onChange={(next) => {
              setValue(next);
              touch();
            }}
            errors={fieldErrors}
          />
        </div>
      ) : null}
      <WriteError
        error={decide.error}
        onReload={() => {
          decide.reset();
          onDone();
        }}
      />
      <div className="btn-wrap">
        <button type="submit" className="krds-btn primary" disabled={!decision || decide.isPending}>
          {decide.isPending ? '기록 중…' : '의결 기록'}
        </button>
      </div>
    </form>
  );
}

/** 보고 안건: cases reported to the committee without a vote (shown only when there are some). */
function Reports({ detail }: { detail: MeetingDetail }) {
  if (detail.reports.length === 0) return null;
  return (
    <section aria-labelledby="reports-title" className="case-section reports">
      <h2 id="reports-title" className="sec-tit">
        보고 안건 {detail.reports.length}건 (의결 없음)
      </h2>
      <p className="form-hint">지난 회의 뒤 종결된 사건입니다.</p>
      <ol className="minutes-list">
        {detail.reports.map((r) => (
          <li key={r.caseId}>
            <p>
              <strong>{r.caseNumber}</strong> {r.kindLabelKo} · {formatKoreanDate(r.closedOn)} 종결
            </p>
            <p>{r.line}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Minutes({ detail, names }: { detail: MeetingDetail; names: Map<string, string> }) {
  const decided = detail.agenda.filter((item) => item.decision);
  const list = (ids: string[]) => (ids.length ? ids.map((id) => names.get(id) ?? id).join(', ') : '없음');
  return (
    <section aria-labelledby="minutes-title" className="case-section minutes">
      <h2 id="minutes-title" className="sec-tit">
        회의록
      </h2>
      {decided.length === 0 ? (
        <p className="empty-line">
          아직 의결한 안건이 없습니다. 의결을 기록하면 여기에 회의록으로 쌓이고 각 사건의 이력에도 남습니다.
        </p>
      ) : (
        <ol className="minutes-list">
          {decided.map((item) => {
            const d = item.decision!;
            return (
              <li key={item.taskId}>
                <p>
                  <strong>{item.caseNumber}</strong> {item.title ?? '(제목 비공개)'} —{' '}
                  <strong>{d.decisionLabel}</strong>
                </p>
                <p>
                  재적 {d.enrolled}명 · 출석 {d.present}명 · 표결 {d.votingPresent}명 (의결에 필요한 찬성{' '}
                  {d.requiredFor}명)
                </p>
                <p>
                  찬성: {list(d.votes.for)} / 반대: {list(d.votes.against)} / 기권: {list(d.votes.abstain)}
                  {d.recusedMemberIds.length > 0 && ` / 제척·회피: ${list(d.recusedMemberIds)}`}
                </p>
                <p className="form-hint">기록 {formatKoreanDateTime(d.recordedAt)}</p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export default function MeetingPage() {
  const { meetingId = '' } = useParams();
  const { api, session } = useApp();
  const queryClient = useQueryClient();
  const meeting = useQuery({
    queryKey: ['meeting', meetingId],
    queryFn: async () => unwrap(await api.GET('/meetings/{meetingId}', { params: { path: { meetingId } } })),
  });
  const committees = useQuery({
    queryKey: ['committees'],
    queryFn: async () => unwrap(await api.GET('/committees')).items,
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['meeting', meetingId] });
    // The calendar shows each meeting's status (예정, 개최, 종료).
    void queryClient.invalidateQueries({ queryKey: ['meetings'] });
  };
  const detail = meeting.data;
  const committee = committees.data?.find((c) => c.kind === detail?.committee.kind);
  const members = useMemo(() => {
    if (!detail || !committee) return [];
    const day = koreaDateOf(detail.meeting.scheduledAt).date;
    return committee.members.filter((m) => m.termStart <= day && day <= m.termEnd);
  }, [detail, committee]);
  const names = useMemo(() => new Map(committee?.members.map((m) => [m.memberId, m.name]) ?? []), [committee]);

  if (meeting.isPending) return <Loading label="회의를 불러오는 중입니다…" />;
  if (meeting.isError) return <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (committees.isError) return <ErrorState error={committees.error} onRetry={() => void committees.refetch()} />;
  const d = meeting.data;
  const isSecretary = d.committee.secretarySub === session?.sub || !!session?.roles.includes('admin');
  const held = d.meeting.status === 'held';
  const present = new Set(d.meeting.attendance?.presentMemberIds ?? []);

  return (
    <article aria-labelledby="meeting-title" className="meeting-page">
      <nav className="krds-breadcrumb-wrap" aria-label="현재 위치">
        <ol className="breadcrumb">
          <li className="home">
            <Link to="/" className="txt">
              내 업무
            </Link>
          </li>
          <li>
            <Link to="/committees" className="txt">
              위원회
            </Link>
          </li>
          <li aria-current="page">
            <span className="txt">{d.committee.nameKo} 회의</span>
          </li>
        </ol>
      </nav>
      <header className="case-header">
        <p className="case-meta">
          <span className="krds-badge outline-primary">{d.committee.nameKo}</span>
          <span
            className={`krds-badge ${held ? 'bg-primary' : d.meeting.status === 'cancelled' ? 'bg-gray' : 'bg-light-gray'}`}
          >
            {d.meeting.statusLabel}
          </span>
        </p>
        <h1 id="meeting-title" className="h-tit">
          {d.committee.nameKo} 회의 — {formatKoreanDate(koreaDateOf(d.meeting.scheduledAt).date)}{' '}
          {koreaDateOf(d.meeting.scheduledAt).time}
        </h1>
        {d.meeting.place && <p className="page-sub">장소: {d.meeting.place}</p>}
        {d.meeting.cancellation && (
          <p className="page-sub">
            취소: {d.meeting.cancellation.reason} ({formatKoreanDateTime(d.meeting.cancellation.at)})
          </p>
        )}
      </header>
      <div className="case-grid">
        <div className="case-main">
          <section aria-labelledby="agenda-title" className="case-section">
            <h2 id="agenda-title" className="sec-tit">
              안건 {d.agenda.length}건{' '}
              {d.agendaFrozen ? '(확정)' : '(지금 위원회를 기다리는 사건 — 회의가 열리면 확정)'}
            </h2>
            {d.agenda.length === 0 ? (
              <p className="empty-line">
                위원회를 기다리는 사건이 없습니다. 사건이 의결 단계에 이르면 안건에 오릅니다.
              </p>
            ) : (
              <ol className="agenda-list">
                {d.agenda.map((item) => {
                  const voters = [...present].filter((id) => !item.recusedMemberIds.includes(id));
                  return (
                    <li key={item.taskId} className="task-panel agenda-item" data-case-number={item.caseNumber}>
                      <div className="task-panel-head">
                        <h3 className="task-title">
                          <span className="case-number">{item.caseNumber}</span> {item.title ?? '(제목 비공개)'}
                        </h3>
                        {item.decision ? (
                          <span className="krds-badge bg-success">의결: {item.decision.decisionLabel}</span>
                        ) : (
                          <span className="krds-badge bg-light-warning">미의결</span>
                        )}
                      </div>
                      <p>
                        {item.taskTitle} · 처리기한 {formatKoreanDateTime(item.dueAt)}
                      </p>
                      {item.recusedMemberIds.length > 0 && (
                        <p>제척·회피: {item.recusedMemberIds.map((id) => names.get(id) ?? id).join(', ')}</p>
                      )}
                      {!item.decision && held && isSecretary && (
                        <VoteForm detail={d} item={item} voters={voters} names={names} onDone={reload} />
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
            {held && isSecretary && <Recusal detail={d} members={members} onDone={reload} />}
          </section>
          <Reports detail={d} />
          <Minutes detail={d} names={names} />
        </div>
        <aside className="case-side">
          {committees.isPending ? (
            <Loading label="위원 명단을 불러오는 중입니다…" />
          ) : (
            <Attendance detail={d} members={members} canRecord={isSecretary} onDone={reload} />
          )}
        </aside>
      </div>
    </article>
  );
}
