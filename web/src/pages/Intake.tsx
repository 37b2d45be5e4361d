/** 접수: registers a case of any kind; the form's fields come from the API's intake schema for that kind. */
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { newIdempotencyKey } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import type { CaseKind, CreateCaseBody } from '../api/types.ts';
import { useApp } from '../auth/session.tsx';
import {
  caseKindsOf,
  cleanFormValue,
  requestBodySchema,
  SchemaFields,
  sectionsNotFor,
  useOpenApiDocument,
  type FormValue,
} from '../components/SchemaForm.tsx';
import { COMPLAINT_KINDS, DuplicateHints } from '../components/DuplicateHints.tsx';
import { ErrorState, Loading } from '../components/StateViews.tsx';

export default function Intake() {
  const { api } = useApp();
  const navigate = useNavigate();
  const openapi = useOpenApiDocument();
  const [kind, setKind] = useState<CaseKind | ''>('');
  const [value, setValue] = useState<FormValue>({});
  const submissionKey = useRef<string | undefined>(undefined);
  const create = useMutation({
    mutationFn: async (body: CreateCaseBody) => {
      submissionKey.current ??= newIdempotencyKey();
      return unwrap(
        await api.POST('/cases', { params: { header: { 'Idempotency-Key': submissionKey.current } }, body }),
      );
    },
    onSuccess: (result) => {
      submissionKey.current = undefined;
      navigate(`/cases/${result.case.caseId}`, { state: { created: true } });
    },
  });
  const error = create.error instanceof ApiError ? create.error : undefined;
  const schema = openapi.data && requestBodySchema(openapi.data, '/cases', 'post');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!kind) return;
    create.mutate(cleanFormValue({ ...value, kind }) as CreateCaseBody);
  };

  return (
    <section aria-labelledby="intake-title">
      <div className="page-title-wrap">
        <h1 id="intake-title" className="h-tit">
          사건 접수
        </h1>
        <p className="page-sub">사건 종류를 고르면 그 종류에 필요한 항목이 나타납니다.</p>
      </div>
      {openapi.isPending ? (
        <Loading label="접수 양식을 불러오는 중입니다…" />
      ) : openapi.isError || !schema ? (
        <ErrorState error={openapi.error} onRetry={() => void openapi.refetch()} />
      ) : (
        <form className="intake-form" onSubmit={submit} noValidate>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="intake-kind">
                사건 종류<span className="required"> (필수)</span>
              </label>
            </div>
            <div className={`form-conts${error?.fieldMessages.kind ? ' is-error' : ''}`}>
              <select
                id="intake-kind"
                className="krds-form-select"
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as CaseKind);
                  submissionKey.current = undefined;
                  create.reset();
                }}
              >
                <option value="">선택하세요</option>
                {caseKindsOf(openapi.data).map(({ kind: k, label }) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {kind && (
            <SchemaFields
              document={openapi.data}
              schema={schema}
              omit={['kind', 'sealed', ...(schema ? sectionsNotFor(openapi.data, schema, kind) : [])]}
              value={value}
              onChange={(next) => {
                setValue(next);
                submissionKey.current = undefined;
                if (create.isError) create.reset();
              }}
              errors={error?.fieldMessages ?? {}}
            />
          )}
          {kind && COMPLAINT_KINDS.includes(kind) && typeof value.title === 'string' && (
            <DuplicateHints
              kind={kind}
              title={value.title}
              {...(kind === 'grievance' && {
                onUse: (caseNumber: string) => {
                  const grievance = (value.grievance ?? {}) as FormValue;
                  setValue({ ...value, grievance: { ...grievance, refiled: true, refiledReference: caseNumber } });
                  submissionKey.current = undefined;
                },
              })}
            />
          )}
          {error && (
            <p className="form-hint-invalid" role="alert">
              접수하지 못했습니다: {error.messageKo}
            </p>
          )}
          {create.isError && !error && (
            <p className="form-hint-invalid" role="alert">
              서버에 연결하지 못했습니다. 다시 보내면 한 번만 접수됩니다.
            </p>
          )}
          <div className="btn-wrap">
            <button type="submit" className="krds-btn primary" disabled={!kind || create.isPending}>
              {create.isPending ? '접수 중…' : '접수'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
