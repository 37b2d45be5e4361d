/** The case page's record forms: which a case offers, and that each names a request the API takes. */
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../functions/api/openapi.ts';
import { actionsFor } from '../../../web/src/lib/case-actions.ts';
import { deref, type OpenApiDocument, requestBodySchema } from '../../../web/src/lib/json-schema.ts';

const document = buildOpenApiDocument('https://cases.example.go.kr') as unknown as OpenApiDocument;
const session = { roles: ['investigator'] };
const caseOf = (kind: string, stage: string) => ({ kind, stage });

describe('the case page’s 재심의 form', () => {
  it('shows on a closed self-audit or audit received, not on an open one or another kind', () => {
    const ids = (kind: string, stage: string) => actionsFor(caseOf(kind, stage), session).map((a) => a.id);
    expect(ids('self-audit', 'closed')).toContain('reconsideration');
    expect(ids('audit-received', 'closed')).toContain('reconsideration');
    expect(ids('self-audit', 'follow-up')).not.toContain('reconsideration');
    expect(ids('petition', 'closed')).not.toContain('reconsideration');
  });

  it('offers only decisions the reopen route takes', () => {
    const body = requestBodySchema(document, '/cases/{caseId}/reconsideration', 'post');
    const taken = (body?.oneOf ?? []).map(
      (variant) => deref(document, deref(document, variant).properties?.decision ?? {}).const,
    );
    for (const kind of ['self-audit', 'audit-received']) {
      const action = actionsFor(caseOf(kind, 'closed'), session).find((a) => a.id === 'reconsideration');
      expect(Object.keys(action?.variants ?? {}).length).toBeGreaterThan(0);
      for (const decision of Object.keys(action?.variants ?? {})) expect(taken).toContain(decision);
    }
  });
});
