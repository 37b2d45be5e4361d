import { describe, expect, it } from 'vitest';
import { evaluateReferencePath, parseReferencePath } from '../../../infra/local/stepfunctions/reference-path.ts';

describe('reference paths', () => {
  const input = { case: { deadline: '2026-04-01T00:00:00Z', parties: [{ name: '민원인' }] }, 'odd key': 7 };

  it('reads dotted, indexed and bracketed paths', () => {
    expect(evaluateReferencePath('$', input, {})).toBe(input);
    expect(evaluateReferencePath('$.case.deadline', input, {})).toBe('2026-04-01T00:00:00Z');
    expect(evaluateReferencePath('$.case.parties[0].name', input, {})).toBe('민원인');
    expect(evaluateReferencePath("$['odd key']", input, {})).toBe(7);
  });

  it('reads the context object through $$', () => {
    expect(evaluateReferencePath('$$.Execution.Input.x', {}, { Execution: { Input: { x: 3 } } })).toBe(3);
  });

  it('returns undefined for paths that point nowhere', () => {
    expect(evaluateReferencePath('$.case.missing', input, {})).toBeUndefined();
    expect(evaluateReferencePath('$.case.parties[5]', input, {})).toBeUndefined();
    expect(evaluateReferencePath('$.case.deadline.length', input, {})).toBeUndefined();
  });

  it('refuses anything beyond reference-path syntax', () => {
    expect(() => parseReferencePath('$..deadline')).toThrow(/Unsupported/);
    expect(() => parseReferencePath('case.deadline')).toThrow(/must start/);
  });
});
