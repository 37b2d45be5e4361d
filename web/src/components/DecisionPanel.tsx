/**
 * One open task and its decision form: the decisions the task allows, each with the fields the API's
 * schema asks for. One Idempotency-Key per submission (a retry after a lost answer repeats it); a
 * conflict (409) says someone else was first and offers a reload.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { newIdempotencyKey } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import type { DecisionForm, TaskView } from '../api/types.ts';
import { useStaffChoices } from '../auth/staff.ts';
import { useApp } from '../auth/session.tsx';
import { formatKoreanDateTime } from '../lib/format.ts';
import { URGENCY_BADGES, URGENCY_LABELS, urgencyOf } from '../lib/urgency.ts';
import {
  cleanFormValue,
  requestBodySchema,
  SchemaFields,
  useOpenApiDocument,
  variantFor,
  type FormValue,
} from './SchemaForm.tsx';
import { ErrorState, Loading } from './StateViews.tsx';

const COMPLETE_PATH = '/cases/{caseId}/tasks/{taskId}/complete';

export function DecisionPanel({
  task,
  autoFocus,
  onDone,
  onCompleted,
}: {
  task: TaskView;
  autoFocus: boolean;
  onDone: () => void;
  /** Told what was decided: the case page keeps saying so after this task leaves the open list. */
  onCompleted: (message: string) => void;
}) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const openapi = useOpenApiDocument();
  const staff = useStaffChoices();
  const [decision, setDecision] = useState<string>(task.allowedDecisions.length === 1 ? task.allowedDecisions[0]! : '');
  const [value, setValue] = useState<FormValue>({});
  const submissionKey = useRef<string | undefined>(undefined);
  const firstControl = useRef<HTMLFieldSetElement>(null);
  const urgency = urgencyOf(task);

  useEffect(() => {
    if (autoFocus) firstControl.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, [autoFocus]);

  const complete = useMutation({
    mutationFn: async (body: DecisionForm) => {
      submissionKey.current ??= newIdempotencyKey();
      return unwrap(
        await api.POST(COMPLETE_PATH, {
          params: {
            path: { caseId: task.caseId, taskId: task.taskId },
            header: { 'Idempotency-Key': submissionKey.current },
          },
          body,
        }),
      );
    },
    onSuccess: (done) => {
      submissionKey.current = undefined;
      const label =
        done.task.decisionLabels[done.task.allowedDecisions.indexOf(done.task.decision!)] ?? done.task.decision;
      onCompleted(`처리했습니다: ${task.titleKo} — ${label}`);
      void queryClient.invalidateQueries({ queryKey: ['my-tasks'] });
      onDone();
      // The workflow opens the next task a moment after the decision is delivered.
      setTimeout(onDone, 1500);
    },
  });

  const error = complete.error instanceof ApiError ? complete.error : undefined;
  const fieldErrors = error && error.status !== 409 ? error.fieldMessages : {};
  const schema = openapi.data ? requestBodySchema(openapi.data, COMPLETE_PATH, 'post') : undefined;
  const variant =
    openapi.data && schema && decision ? variantFor(openapi.data, schema, 'decision', decision) : undefined;
  const changed = () => {
    // A changed form is a new submission: it gets its own key.
    submissionKey.current = undefined;
    if (complete.isError) complete.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!decision) return;
    complete.mutate(cleanFormValue({ ...value, decision }) as DecisionForm);
  };

  if (complete.isSuccess) return null;

  return (
    <form className="task-panel" onSubmit={submit} aria-labelledby={`task-${task.taskId}`} noValidate>
      <div className="task-panel-head">
        <h3 id={`task-${task.taskId}`} className="task-title">
          {task.titleKo}
        </h3>
        <span className={`krds-badge ${URGENCY_BADGES[urgency]}`}>{URGENCY_LABELS[urgency]}</span>
        <span className="task-due">처리기한 {formatKoreanDateTime(task.dueAt)}</span>
      </div>
      {task.dueBasis && (
        <p className="form-hint">
          기한 근거: {task.dueBasis.labelKo}
          {task.dueBasis.article && ` (${task.dueBasis.article})`}
        </p>
      )}
      <fieldset className="decision-choices" ref={firstControl}>
        <legend>결정</legend>
        <div className="krds-check-area">
          {task.allowedDecisions.map((d, i) => (
            <div className="krds-form-check" key={d}>
              <input
                type="radio"
                name={`decision-${task.taskId}`}
                id={`decision-${task.taskId}-${d}`}
                value={d}
                checked={decision === d}
                onChange={() => {
                  setDecision(d);
                  setValue({});
                  changed();
                }}
              />
              <label htmlFor={`decision-${task.taskId}-${d}`}>{task.decisionLabels[i] ?? d}</label>
            </div>
          ))}
        </div>
        {fieldErrors.decision && (
          <p className="form-hint-invalid" role="alert">
            {fieldErrors.decision}
          </p>
        )}
      </fieldset>
      {openapi.isPending ? (
        <Loading label="입력 양식을 불러오는 중입니다…" />
      ) : openapi.isError ? (
        <ErrorState error={openapi.error} onRetry={() => void openapi.refetch()} />
      ) : variant ? (
        <div className="decision-fields">
          <SchemaFields
            document={openapi.data}
            schema={variant}
            omit={['decision']}
            value={value}
            onChange={(next) => {
              setValue(next);
              changed();
            }}
            errors={fieldErrors}
            {...(staff.data && { staff: staff.data })}
          />
        </div>
      ) : null}
      {error?.status === 409 ? (
        <div className="conflict" role="alert">
          <p className="state-title">다른 사람이 먼저 수정했습니다</p>
          <p>{error.body?.error.messageKo}</p>
          <button
            type="button"
            className="krds-btn secondary small"
            onClick={() => {
              complete.reset();
              onDone();
            }}
          >
            새로 불러오기
          </button>
        </div>
      ) : error && Object.keys(fieldErrors).length === 0 ? (
        <p className="form-hint-invalid" role="alert">
          {error.messageKo}
        </p>
      ) : error ? (
        <p className="form-hint-invalid" role="alert">
          입력값을 확인하세요: {error.messageKo}
        </p>
      ) : complete.isError ? (
        <p className="form-hint-invalid" role="alert">
          서버에 연결하지 못했습니다. 같은 내용으로 다시 보내면 한 번만 처리됩니다.
        </p>
      ) : null}
      <div className="btn-wrap">
        <button type="submit" className="krds-btn primary" disabled={!decision || complete.isPending}>
          {complete.isPending ? '처리 중…' : '처리'}
        </button>
      </div>
    </form>
  );
}
