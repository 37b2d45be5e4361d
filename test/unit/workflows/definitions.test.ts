import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lintDefinition } from '../../../infra/local/stepfunctions/lint.ts';
import { placeholdersOf, STEP_FUNCTIONS } from '../../../workflows/asl.ts';
import { WORKFLOWS } from '../../../workflows/registry.ts';

const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: unknown,
) => { isValid: boolean; errorsText: (sep?: string) => string };

describe.each(Object.entries(WORKFLOWS))('workflow %s', (_name, definition) => {
  it('passes asl-validator', () => {
    const result = aslValidator(definition, { checkArn: false, checkPaths: true });
    expect(result.isValid, result.errorsText('\n')).toBe(true);
  });

  it('uses nothing the local engine cannot run (JSONata, variables, IsPresent: false)', () => {
    expect(lintDefinition(definition)).toEqual([]);
  });

  it('binds only step functions that exist, by placeholder', () => {
    expect(placeholdersOf(definition).every((p) => p in STEP_FUNCTIONS)).toBe(true);
    expect(placeholdersOf(definition).length).toBeGreaterThan(0);
  });

  it('starts with a choice on the stage, so a case can be restarted where it stands', () => {
    expect(definition.States[definition.StartAt]).toMatchObject({ Type: 'Choice' });
  });

  it('has an execution timeout and retries only listed transient errors', () => {
    expect(definition.TimeoutSeconds).toBeGreaterThan(0);
    for (const state of Object.values(definition.States)) {
      for (const retry of (state.Retry as { ErrorEquals: string[] }[] | undefined) ?? []) {
        expect(retry.ErrorEquals).not.toContain('States.ALL');
      }
    }
  });
});
