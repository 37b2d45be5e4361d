/**
 * 사건 기록: the writes on a case besides task decisions — notes, officials, evidence, a grievance's
 * extension and clock stops (현장조사), suspending and resuming discipline proceedings. Each form is
 * built from the route's own request schema in the API document; each submission carries its
 * Idempotency-Key and, where the route takes one, the case's `expectedVersion`.
 */
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { newIdempotencyKey } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import type { CaseView } from '../api/types.ts';
import { type Action, actionsFor } from '../lib/case-actions.ts';
import { useApp } from '../auth/session.tsx';
import {
  cleanFormValue,
  deref,
  FieldIdScope,
  fieldPaths,
  requestBodySchema,
  SchemaFields,
  useOpenApiDocument,
  variantFor,
  type FormValue,
  type JsonSchema,
} from './SchemaForm.tsx';
import { WriteError } from './WriteError.tsx';

function discriminatorOf(document: Parameters<typeof deref>[0], schema: JsonSchema): string | undefined {
  const first = (schema.oneOf ?? schema.anyOf)?.[0];
  if (!first) return undefined;
  return Object.entries(deref(document, first).properties ?? {}).find(
    ([, p]) => deref(document, p).const !== undefined,
  )?.[0];
}

function ActionForm({
  c,
  action,
  onDone,
  saved,
  onSaved,
}: {
  c: CaseView;
  action: Action;
  onDone: () => void;
  /** Whether this form's write is the last one made on the page (its confirmation shows until another is made). */
  saved: boolean;
  onSaved: (saved: boolean) => void;
}) {
  const { api } = useApp();
  const openapi = useOpenApiDocument();
  const [value, setValue] = useState<FormValue>({});
  const [variant, setVariant] = useState<string>(Object.keys(action.variants ?? {})[0] ?? '');
  const submissionKey = useRef<string | undefined>(undefined);

  const schema = openapi.data ? requestBodySchema(openapi.data, action.path, 'post') : undefined;
  const discriminator = openapi.data && schema ? discriminatorOf(openapi.data, schema) : undefined;
  const shape =
    openapi.data && schema && discriminator ? variantFor(openapi.data, schema, discriminator, variant) : schema;
  const takesVersion = Boolean(shape?.properties?.expectedVersion);

  const write = useMutation({
    mutationFn: async (body: FormValue) => {
      submissionKey.current ??= newIdempotencyKey();
      return unwrap(
        await api.POST(action.path as '/cases/{caseId}/notes', {
          params: { path: { caseId: c.caseId }, header: { 'Idempotency-Key': submissionKey.current } },
          body: body as never,
        }),
      );
    },
    onSuccess: () => {
      submissionKey.current = undefined;
      setValue({});
      onSaved(true);
      onDone();
    },
  });
  const changed = () => {
    submissionKey.current = undefined;
    if (saved) onSaved(false);
    if (write.isError) write.reset();
  };
  const error = write.error instanceof ApiError ? write.error : undefined;
  const fieldErrors = error && error.status !== 409 ? error.fieldMessages : {};
  const omit = ['expectedVersion', ...(discriminator ? [discriminator] : [])];
  // A refusal naming a field the form shows is said beside that field, not a second time below the form.
  const refusedField = error && error.status !== 409 ? error.body?.error.field : undefined;
  const saidBeside =
    refusedField !== undefined &&
    openapi.data !== undefined &&
    shape !== undefined &&
    fieldPaths(openapi.data, shape).some((path) => path === refusedField && !omit.includes(path));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.mutate(
      cleanFormValue({
        ...value,
        ...(discriminator && { [discriminator]: variant }),
        ...(takesVersion && { expectedVersion: c.version }),
      }) as FormValue,
    );
  };

  if (!openapi.data || !shape) return <p className="form-hint">입력 양식을 불러오는 중입니다…</p>;
  return (
    <form className="case-action-form" onSubmit={submit} noValidate aria-label={action.title}>
      {action.variants && discriminator && (
        <fieldset className="decision-choices">
          <legend>구분</legend>
          <div className="krds-check-area">
            {Object.entries(action.variants).map(([v, label]) => (
              <div className="krds-form-check" key={v}>
                <input
                  type="radio"
                  name={`${action.id}-${discriminator}`}
                  id={`${action.id}-${v}`}
                  checked={variant === v}
                  onChange={() => {
                    setVariant(v);
                    setValue({});
                    changed();
                  }}
                />
                <label htmlFor={`${action.id}-${v}`}>{label}</label>
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <FieldIdScope.Provider value={`${action.id}-`}>
        <SchemaFields
          document={openapi.data}
          schema={shape}
          pathPrefix=""
          omit={omit}
          value={value}
          onChange={(next) => {
            setValue(next);
            changed();
          }}
          errors={fieldErrors}
        />
      </FieldIdScope.Provider>
      <WriteError
        error={saidBeside ? undefined : write.error}
        onReload={() => {
          write.reset();
          onDone();
        }}
      />
      {saved && (
        <p className="form-hint" role="status">
          기록했습니다. 처리 이력에 보입니다.
        </p>
      )}
      <div className="btn-wrap">
        <button type="submit" className="krds-btn secondary" disabled={write.isPending}>
          {write.isPending ? '기록 중…' : action.button}
        </button>
      </div>
    </form>
  );
}

export function CaseActions({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const { session } = useApp();
  const actions = actionsFor(c, session);
  const [lastSaved, setLastSaved] = useState<string | undefined>(undefined);
  return (
    <section aria-labelledby="actions-title" className="case-section case-actions">
      <h2 id="actions-title" className="sec-tit">
        사건 기록
      </h2>
      {actions.map((action) => (
        <details key={action.id} className="case-action" data-action={action.id}>
          <summary>{action.title}</summary>
          <ActionForm
            c={c}
            action={action}
            onDone={onDone}
            saved={lastSaved === action.id}
            onSaved={(saved) => setLastSaved(saved ? action.id : undefined)}
          />
        </details>
      ))}
    </section>
  );
}
