import { describe, expect, it } from 'vitest';
import { countStates, DEFAULT_VOLUMES, monthlyCost } from '../../../infra/ops/cost-model.ts';
import { WORKFLOWS } from '../../../workflows/registry.ts';

describe('cost model', () => {
  it('counts the states of every deployed workflow, branches included', () => {
    for (const definition of Object.values(WORKFLOWS)) {
      expect(countStates(definition)).toBeGreaterThanOrEqual(Object.keys(definition.States).length);
    }
    expect(
      countStates({
        States: { P: { Type: 'Parallel', Branches: [{ States: { X: {}, Y: {} } }, { States: { Z: {} } }] }, E: {} },
      } as never),
    ).toBe(5);
  });

  it('prices every service the issue names and grows with the number of cases', () => {
    const base = monthlyCost();
    const services = base.lines.map((l) => l.service).join(' ');
    for (const name of [
      'Step Functions',
      'Lambda',
      'API Gateway',
      'DynamoDB',
      'Scheduler',
      'SES',
      'S3',
      'CloudWatch',
      'KMS',
    ]) {
      expect(services).toContain(name);
    }
    const more = monthlyCost({ ...DEFAULT_VOLUMES, casesPerMonth: 10_000 });
    expect(more.totalUsd).toBeGreaterThan(base.totalUsd);
    const sfn = (r: typeof base) => r.lines.find((l) => l.service.startsWith('Step Functions'))!.usd;
    expect(sfn(more)).toBeGreaterThan(sfn(base) * 10);
    expect(base.totalUsd).toBeCloseTo(
      base.lines.reduce((s, l) => s + l.usd, 0),
      6,
    );
  });
});
