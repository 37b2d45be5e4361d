import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../web/scripts/generate-api-types.ts';

describe("the console's API types", () => {
  it('match the OpenAPI document the API serves now (run `npm run web:types` after changing the API)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const current = await generateApiTypes();
    expect(committed === current, 'web/src/api/schema.d.ts is stale: run `npm run web:types`').toBe(true);
  });

  it('describe the operations the console calls', () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    for (const operation of ['listMyTasks', 'getCase', 'completeTask', 'createCase', 'searchCases'])
      expect(committed).toContain(`    ${operation}: {`);
  });
});
