/**
 * 관리 (administrator; the head of office reads): mail that did not arrive and the addresses mail is no
 * longer sent to (lifting a suppression sends the held notices at the next run), and the staff directory.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../api/errors.ts';
import { SCREEN_ROLES } from '../auth/screens.ts';
import { hasRole, useApp } from '../auth/session.tsx';
import { Empty, ErrorState, Loading } from '../components/StateViews.tsx';
import { WriteError } from '../components/WriteError.tsx';
import { formatKoreanDateTime } from '../lib/format.ts';
import { useSubmissionKey } from '../lib/idempotent.ts';

const KIND_LABELS: Record<string, string> = {
  bounce: '반송',
  complaint: '스팸 신고',
  reject: '발송 거부',
  delay: '전달 지연',
  'smtp-refusal': 'SMTP 수신 거부',
};

function LiftButton({ email }: { email: string }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const lift = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/mail/suppressions/lift', {
          params: { header: { 'Idempotency-Key': submission.key() } },
          body: { email },
        }),
      ),
    onSuccess: () => {
      submission.done();
      void queryClient.invalidateQueries({ queryKey: ['mail-failures'] });
    },
  });
  return (
    <>
      <button
        type="button"
        className="krds-btn secondary small"
        onClick={() => lift.mutate()}
        disabled={lift.isPending}
        aria-label={`${email} 발송 중지 해제`}
      >
        발송 중지 해제
      </button>
      <WriteError error={lift.error} onReload={() => lift.reset()} />
    </>
  );
}

function MailFailures() {
  const { api, session } = useApp();
  const mail = useQuery({
    queryKey: ['mail-failures'],
    queryFn: async () => unwrap(await api.GET('/mail/failures', { params: { query: { limit: 50 } } })),
  });
  const canLift = hasRole(session, SCREEN_ROLES.liftSuppression);
  if (mail.isPending) return <Loading label="메일 전달 실패를 불러오는 중입니다…" />;
  if (mail.isError) return <ErrorState error={mail.error} onRetry={() => void mail.refetch()} />;
  const { failures, suppressions } = mail.data;
  return (
    <>
      <section aria-labelledby="suppressions-title" className="case-section">
        <h2 id="suppressions-title" className="sec-tit">
          발송 중지 주소 {suppressions.length}곳
        </h2>
        {suppressions.length === 0 ? (
          <Empty title="발송이 중지된 주소가 없습니다." />
        ) : (
          <div className="krds-table-wrap">
            <table className="tbl col data suppression-table">
              <caption>영구 실패로 메일을 보내지 않는 주소. 해제하면 다음 발송 때 보류된 알림이 나갑니다.</caption>
              <thead>
                <tr>
                  <th scope="col">주소</th>
                  <th scope="col">직원</th>
                  <th scope="col">사유</th>
                  <th scope="col">중지 시각</th>
                  {canLift && <th scope="col">해제</th>}
                </tr>
              </thead>
              <tbody>
                {suppressions.map((s) => (
                  <tr key={s.email}>
                    <td>{s.email}</td>
                    <td>{s.recipient?.name ?? '—'}</td>
                    <td>{KIND_LABELS[s.kind] ?? s.kind}</td>
                    <td>{formatKoreanDateTime(s.since)}</td>
                    {canLift && (
                      <td>
                        <LiftButton email={s.email} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="failures-title" className="case-section">
        <h2 id="failures-title" className="sec-tit">
          최근 전달 실패
        </h2>
        {failures.length === 0 ? (
          <Empty title="최근 전달되지 않은 메일이 없습니다." />
        ) : (
          <div className="krds-table-wrap">
            <table className="tbl col data failure-table">
              <caption>최근 전달 실패 {failures.length}건 (사건 내용은 보이지 않고 사건번호만)</caption>
              <thead>
                <tr>
                  <th scope="col">시각</th>
                  <th scope="col">주소</th>
                  <th scope="col">직원</th>
                  <th scope="col">종류</th>
                  <th scope="col">영구·일시</th>
                  <th scope="col">사건번호</th>
                </tr>
              </thead>
              <tbody>
                {failures.map((f) => (
                  <tr key={`${f.email}-${f.at}-${f.messageId ?? ''}`}>
                    <td>{formatKoreanDateTime(f.at)}</td>
                    <td>{f.email}</td>
                    <td>{f.recipient?.name ?? '—'}</td>
                    <td>{KIND_LABELS[f.kind] ?? f.kind}</td>
                    <td>{f.permanence === 'permanent' ? '영구 (발송 중지)' : '일시 (다시 시도)'}</td>
                    <td>{f.caseNumbers.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function StaffDirectory() {
  const { api } = useApp();
  const staff = useQuery({
    queryKey: ['staff-directory'],
    queryFn: async () => unwrap(await api.GET('/staff', { params: { query: {} } })),
  });
  return (
    <section aria-labelledby="staff-title" className="case-section">
      <h2 id="staff-title" className="sec-tit">
        직원 명부
      </h2>
      {staff.isPending ? (
        <Loading label="직원 명부를 불러오는 중입니다…" />
      ) : staff.isError ? (
        <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />
      ) : staff.data.items.length === 0 ? (
        <Empty title="등록된 직원이 없습니다." />
      ) : (
        <div className="krds-table-wrap">
          <table className="tbl col data staff-table">
            <caption>직원 {staff.data.items.length}명 (위원회 위원 제외)</caption>
            <thead>
              <tr>
                <th scope="col">이름</th>
                <th scope="col">팀</th>
                <th scope="col">역할</th>
                <th scope="col">직위</th>
                <th scope="col">업무 메일</th>
              </tr>
            </thead>
            <tbody>
              {staff.data.items.map((s) => (
                <tr key={s.sub}>
                  <th scope="row">{s.name}</th>
                  <td>{s.teamLabel}</td>
                  <td>{s.roleLabels.join(', ')}</td>
                  <td>{s.position ?? '—'}</td>
                  <td>{s.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function Admin() {
  return (
    <section aria-labelledby="admin-title">
      <div className="page-title-wrap">
        <h1 id="admin-title" className="h-tit">
          관리
        </h1>
        <p className="page-sub">메일 전달 실패와 발송 중지 주소, 직원 명부. 시각은 한국 시간입니다.</p>
      </div>
      <MailFailures />
      <StaffDirectory />
    </section>
  );
}
