/**
 * A form built from the API's own JSON Schema (the OpenAPI document): the decision forms differ per
 * decision and kind, and the API is where they are defined — the console only renders them. Errors the
 * API returns (`messageKo`, by field) are shown beside the field they name.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useApp } from '../auth/session.tsx';
import { deref, type JsonSchema, type OpenApiDocument, requestBodySchema } from '../lib/json-schema.ts';

export { deref, type JsonSchema, requestBodySchema };

export type FormValue = Record<string, unknown>;

/** The API's OpenAPI document, fetched once per session. */
export function useOpenApiDocument() {
  const { config } = useApp();
  return useQuery({
    queryKey: ['openapi'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const response = await fetch(`${config.apiUrl}/openapi.json`);
      if (!response.ok) throw new Error(`openapi.json: HTTP ${response.status}`);
      return (await response.json()) as OpenApiDocument;
    },
  });
}

/** The kinds of case, in the API's order, with their Korean names (from the intake body's `kind`). */
export function caseKindsOf(document: OpenApiDocument): { kind: string; label: string }[] {
  const body = requestBodySchema(document, '/cases', 'post');
  const kind = body?.properties?.kind && deref(document, body.properties.kind);
  return (kind?.enum ?? []).map((k) => ({ kind: String(k), label: kind?.['x-labels']?.[String(k)] ?? String(k) }));
}

/** The properties of `schema` that belong to other kinds of case than `kind` (their `x-kinds` leave it out). */
export function sectionsNotFor(document: OpenApiDocument, schema: JsonSchema, kind: string): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, property]) => {
      const kinds = deref(document, property)['x-kinds'] ?? property['x-kinds'];
      return kinds !== undefined && !kinds.includes(kind);
    })
    .map(([name]) => name);
}

/** The variant of a `oneOf` whose `discriminator` property is the constant `value`. */
export function variantFor(
  document: OpenApiDocument,
  union: JsonSchema,
  discriminator: string,
  value: string,
): JsonSchema | undefined {
  return (union.oneOf ?? union.anyOf ?? [])
    .map((s) => deref(document, s))
    .find((s) => deref(document, s.properties?.[discriminator] ?? {}).const === value);
}

const FIELD_LABELS: Record<string, string> = {
  assigneeSub: '담당자',
  comment: '의견',
  reasons: '사유',
  findings: '조사 결과',
  answer: '답변 요지',
  type: '유형',
  title: '제목',
  summary: '요지',
  department: '관련 부서',
  channel: '접수 경로',
  receivedAt: '접수 일시',
  dueDate: '처리기한',
  refiledReference: '앞선 민원 접수번호',
  opinion: '의견',
  content: '내용',
  grounds: '근거',
  reasonText: '사유 설명',
  multiple: '배수',
  amountWon: '금액(원)',
};

/** Korean names of discriminator values the schema leaves undescribed. */
const CONST_LABELS: Record<string, string> = {
  discipline: '징계 요구',
  admonition: '훈계',
  caution: '주의',
  closure: '종결',
  'corrective-action': '시정 요구',
};

export function labelOf(name: string, schema: JsonSchema): string {
  const description = schema.description?.split(/ — | \(|; /)[0]?.trim();
  return description || FIELD_LABELS[name] || name;
}

const isType = (schema: JsonSchema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/** The paths of the fields a schema's form shows, nested objects' too: where an error on a field shows beside it. */
export function fieldPaths(document: OpenApiDocument, schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(deref(document, schema).properties ?? {}).flatMap(([name, child]) => {
    const field = deref(document, child);
    return isType(field, 'object') && field.properties
      ? fieldPaths(document, field, `${prefix}${name}.`)
      : [`${prefix}${name}`];
  });
}

interface FieldProps {
  document: OpenApiDocument;
  name: string;
  path: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: Record<string, string>;
  staff?: { sub: string; label: string }[];
}

/** Fields of a section the form may leave out are required only once that section is filled in. */
const InOptionalSection = createContext(false);

function FieldShell({
  id,
  label,
  required,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  required: boolean;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
}) {
  const conditional = useContext(InOptionalSection);
  return (
    <div className="form-group">
      <div className="form-tit">
        <label htmlFor={id}>
          {label}
          {required && <span className="required">{conditional ? ' (입력 시 필수)' : ' (필수)'}</span>}
        </label>
      </div>
      <div className={`form-conts${error ? ' is-error' : ''}`}>{children}</div>
      {error ? (
        <p className="form-hint-invalid" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="form-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function Field(props: FieldProps) {
  const { document, name, path, required, value, onChange, errors, staff } = props;
  const schema = deref(document, props.schema);
  const inOptionalSection = useContext(InOptionalSection);
  const id = `field-${useContext(FieldIdScope)}${path.replace(/\W/g, '-')}`;
  const error = errors[path];
  const label = labelOf(name, schema);
  const described = error ? `${id}-error` : undefined;
  const union = schema.oneOf ?? schema.anyOf;

  if (isType(schema, 'object') && schema.properties) {
    const optional = !required || inOptionalSection;
    const title = !required && !inOptionalSection ? `${label} (선택)` : label;
    // What the description says after the label (e.g. "두 번째 연장에 필수") is shown under the title.
    const note = schema.description?.split(' — ')[1]?.trim();
    return (
      <fieldset className="schema-fieldset">
        <legend>{title}</legend>
        <p className="schema-fieldset-title" aria-hidden="true">
          {title}
        </p>
        {note && <p className="form-hint">{note}</p>}
        <InOptionalSection.Provider value={optional}>
          <SchemaFields
            document={document}
            schema={schema}
            pathPrefix={`${path}.`}
            value={(value as FormValue | undefined) ?? {}}
            onChange={(next) => onChange(Object.keys(next).length > 0 ? next : undefined)}
            errors={errors}
            {...(staff && { staff })}
          />
        </InOptionalSection.Provider>
      </fieldset>
    );
  }
  if (union) {
    const variants = union.map((s) => deref(document, s)).filter((s) => s.properties);
    const discriminator = Object.keys(variants[0]?.properties ?? {}).find((key) =>
      variants.every((v) => deref(document, v.properties?.[key] ?? {}).const !== undefined),
    );
    if (discriminator) {
      const current = (value as FormValue | undefined) ?? {};
      const chosen = variants.find((v) => v.properties?.[discriminator]?.const === current[discriminator]);
      return (
        <fieldset className="schema-fieldset">
          <legend>{label}</legend>
          <p className="schema-fieldset-title" aria-hidden="true">
            {label}
          </p>
          <FieldShell id={id} label={`${label} 종류`} required={required} error={errors[`${path}.${discriminator}`]}>
            <select
              id={id}
              className="krds-form-select"
              value={String(current[discriminator] ?? '')}
              onChange={(e) => onChange(e.target.value ? { [discriminator]: e.target.value } : undefined)}
            >
              <option value="">선택하세요</option>
              {variants.map((v) => {
                const option = v.properties?.[discriminator];
                return (
                  <option key={String(option?.const)} value={String(option?.const)}>
                    {option?.description ?? CONST_LABELS[String(option?.const)] ?? String(option?.const)}
                  </option>
                );
              })}
            </select>
          </FieldShell>
          {chosen && (
            <SchemaFields
              document={document}
              schema={chosen}
              pathPrefix={`${path}.`}
              value={current}
              omit={[discriminator]}
              onChange={(next) => onChange({ ...next, [discriminator]: current[discriminator] })}
              errors={errors}
            />
          )}
        </fieldset>
      );
    }
  }
  if (isType(schema, 'boolean')) {
    return (
      <div className="form-group">
        <div className="krds-form-check">
          <input
            type="checkbox"
            id={id}
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
            aria-describedby={described}
          />
          <label htmlFor={id}>{label}</label>
        </div>
        {error && (
          <p className="form-hint-invalid" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  if (name === 'assigneeSub' && staff) {
    return (
      <FieldShell id={id} label={label} required={required} error={error}>
        <select
          id={id}
          className="krds-form-select"
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value || undefined)}
          aria-describedby={described}
        >
          <option value="">선택하세요</option>
          {staff.map((s) => (
            <option key={s.sub} value={s.sub}>
              {s.label}
            </option>
          ))}
        </select>
      </FieldShell>
    );
  }
  if (schema.enum) {
    return (
      <FieldShell id={id} label={label} required={required} error={error}>
        <select
          id={id}
          className="krds-form-select"
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value || undefined)}
          aria-describedby={described}
        >
          <option value="">{schema.default === undefined ? '선택하세요' : `기본값 (${String(schema.default)})`}</option>
          {schema.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      </FieldShell>
    );
  }
  if (isType(schema, 'number') || isType(schema, 'integer')) {
    return (
      <FieldShell id={id} label={label} required={required} error={error}>
        <input
          id={id}
          type="number"
          className="krds-input"
          value={value === undefined ? '' : String(value)}
          min={schema.minimum}
          max={schema.maximum}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
          aria-describedby={described}
        />
      </FieldShell>
    );
  }
  if (isType(schema, 'array')) {
    const items = deref(document, schema.items ?? {});
    if (isType(items, 'integer') || isType(items, 'number')) {
      // Numbers (e.g. 지적사항 번호) typed as "1, 3, 4"; what is not a number is sent as typed, for the API to name.
      return (
        <FieldShell id={id} label={label} required={required} error={error} hint="쉼표로 구분해 입력하세요 (예: 1, 3).">
          <NumberListInput id={id} value={value} onChange={onChange} described={described} />
        </FieldShell>
      );
    }
    if (!isType(items, 'string')) {
      return (
        <FieldShell id={id} label={label} required={required} error={error} hint="이 항목은 API로 입력합니다.">
          <input id={id} className="krds-input" disabled value="" />
        </FieldShell>
      );
    }
    return (
      <FieldShell id={id} label={label} required={required} error={error} hint="한 줄에 하나씩 입력하세요.">
        <textarea
          id={id}
          className="krds-input"
          rows={3}
          value={Array.isArray(value) ? value.join('\n') : ''}
          onChange={(e) => {
            const lines = e.target.value.split('\n');
            onChange(lines.some((l) => l.trim()) ? lines : undefined);
          }}
          aria-describedby={described}
        />
      </FieldShell>
    );
  }
  if (schema.format === 'date-time') {
    // Entered in Korea time; sent with its offset, as the API's ISO 8601 fields want.
    const shown = typeof value === 'string' ? value.slice(0, 16) : '';
    return (
      <FieldShell id={id} label={label} required={required} error={error} hint="한국 시간">
        <input
          id={id}
          type="datetime-local"
          className="krds-input"
          value={shown}
          onChange={(e) => onChange(e.target.value === '' ? undefined : `${e.target.value}:00+09:00`)}
          aria-describedby={described}
        />
      </FieldShell>
    );
  }
  const long = (schema.maxLength ?? 0) > 300;
  const inputType = schema.format === 'date' ? 'date' : 'text';
  return (
    <FieldShell id={id} label={label} required={required} error={error}>
      {long ? (
        <textarea
          id={id}
          className="krds-input"
          rows={4}
          maxLength={schema.maxLength}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          aria-describedby={described}
        />
      ) : (
        <input
          id={id}
          type={inputType}
          className="krds-input"
          maxLength={schema.maxLength}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          aria-describedby={described}
        />
      )}
    </FieldShell>
  );
}

/** A list of whole numbers typed as "1, 3, 4"; the text stays as typed while the value follows it. */
function NumberListInput(props: {
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
  described: string | undefined;
}) {
  const { id, value, onChange, described } = props;
  const [text, setText] = useState(Array.isArray(value) ? value.join(', ') : '');
  // A form emptied after it was sent empties this field too.
  useEffect(() => {
    if (value === undefined) setText('');
  }, [value]);
  return (
    <input
      id={id}
      className="krds-input"
      inputMode="numeric"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const parts = e.target.value.split(/[,\s]+/).filter((p) => p !== '');
        onChange(parts.length > 0 ? parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : undefined);
      }}
      aria-describedby={described}
    />
  );
}

/**
 * Makes the fields' ids unique to one form where a page holds several built from schemas that share
 * field names (two forms' `reason`): a label must name its own form's field.
 */
export const FieldIdScope = createContext('');

export function SchemaFields({
  document,
  schema,
  pathPrefix = '',
  value,
  onChange,
  errors,
  omit = [],
  staff,
}: {
  document: OpenApiDocument;
  schema: JsonSchema;
  pathPrefix?: string;
  value: FormValue;
  onChange: (value: FormValue) => void;
  errors: Record<string, string>;
  omit?: string[];
  staff?: { sub: string; label: string }[];
}) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {})
        .filter(([name]) => !omit.includes(name))
        .map(([name, property]) => (
          <Field
            key={name}
            document={document}
            name={name}
            path={`${pathPrefix}${name}`}
            schema={property}
            required={required.has(name)}
            value={value[name]}
            onChange={(next) => {
              const copy = { ...value };
              if (next === undefined) delete copy[name];
              else copy[name] = next;
              onChange(copy);
            }}
            errors={errors}
            {...(staff && { staff })}
          />
        ))}
    </>
  );
}

/** Drops blank lines of string lists before sending. */
export function cleanFormValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => typeof v !== 'string' || v.trim() !== '').map(cleanFormValue);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanFormValue(v)]));
  return value;
}
