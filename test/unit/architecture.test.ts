/**
 * The layers of shared/ as the import graph sees them (dependency-cruiser walks it the way the
 * TypeScript compiler resolves it, type-only imports included): the domain and the kind modules
 * know no storage and no AWS SDK, the use cases know no AWS SDK and reach storage through the ports
 * they own (shared/usecases/ports.ts), and no module of shared/ imports itself back through others.
 * Beside the graph, two text checks: DynamoDB expressions and transaction items are written only in
 * shared/store/, and the case core names no kind (it asks the registry).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/project-paths.ts';
import { KINDS } from '#shared/kinds/registry.ts';

const AWS_SDK = '(^|/)node_modules/@aws-sdk/|^@aws-sdk/';

const rules: IForbiddenRuleType[] = [
  {
    name: 'domain-knows-no-store',
    comment: 'shared/domain and shared/kinds describe cases; where they are kept is the store’s business',
    severity: 'error',
    from: { path: '^shared/(domain|kinds)/' },
    to: { path: '^shared/store/' },
  },
  {
    name: 'domain-knows-no-aws-sdk',
    comment: 'no AWS SDK in shared/domain or shared/kinds, not even through another module',
    severity: 'error',
    from: { path: '^shared/(domain|kinds)/' },
    to: { path: AWS_SDK, reachable: true },
  },
  {
    name: 'usecases-know-no-aws-sdk',
    comment: 'use cases speak to storage and services through ports, never through an AWS SDK type',
    severity: 'error',
    from: { path: '^shared/usecases/' },
    to: { path: AWS_SDK },
  },
  {
    name: 'usecases-reach-storage-through-ports',
    comment:
      'use cases reach storage through the interfaces of shared/usecases/ports.ts, which the store implements; composition roots (functions/, infra/) wire the concrete stores',
    severity: 'error',
    from: { path: '^shared/usecases/' },
    to: {
      path: '^shared/store/',
    },
  },
  {
    name: 'core-reaches-kinds-through-registry',
    comment:
      'the case core (shared/domain, shared/policies) asks the registry (shared/kinds/registry.ts) and its hooks; it imports no kind module’s folder',
    severity: 'error',
    from: { path: '^shared/(domain|policies)/' },
    to: { path: '^shared/kinds/[^/]+/' },
  },
  {
    name: 'no-import-loop-in-shared',
    severity: 'error',
    from: { path: '^shared/' },
    to: { path: '^shared/', circular: true },
  },
];

let result: ICruiseResult;

beforeAll(async () => {
  const cruised = await cruise(
    ['shared'],
    {
      baseDir: PROJECT_ROOT,
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      tsConfig: { fileName: 'tsconfig.json' },
      ruleSet: { forbidden: rules },
    },
    { extensions: ['.ts'] },
  );
  result = cruised.output as ICruiseResult;
}, 120_000);

const violationsOf = (rule: string) =>
  result.summary.violations
    .filter((v) => v.rule.name === rule)
    .map((v) => (v.cycle ? [v.from, ...v.cycle.map((c) => c.name)].join(' → ') : `${v.from} → ${v.to}`));

describe('architecture of shared/', () => {
  it('walked the real graph (every relative import resolved, the store seen importing the SDK)', () => {
    const sources = result.modules.map((m) => m.source);
    expect(sources).toContain('shared/domain/case.ts');
    expect(sources).toContain('shared/usecases/task-usecases.ts');
    const unresolved = result.modules
      .filter((m) => m.source.startsWith('shared/'))
      .flatMap((m) =>
        m.dependencies
          .filter((d) => d.module.startsWith('.') && d.couldNotResolve)
          .map((d) => `${m.source} → ${d.module}`),
      );
    expect(unresolved).toEqual([]);
    const store = result.modules.find((m) => m.source === 'shared/store/case-repository.ts');
    expect(store?.dependencies.some((d) => d.module.startsWith('@aws-sdk/'))).toBe(true);
  });

  it('shared/domain and shared/kinds import nothing from shared/store', () => {
    expect(violationsOf('domain-knows-no-store')).toEqual([]);
  });

  it('shared/domain and shared/kinds reach no AWS SDK, directly or through other modules', () => {
    expect(violationsOf('domain-knows-no-aws-sdk')).toEqual([]);
  });

  it('shared/usecases imports no AWS SDK', () => {
    expect(violationsOf('usecases-know-no-aws-sdk')).toEqual([]);
  });

  it('shared/usecases reaches storage only through its ports (type-only imports included)', () => {
    expect(violationsOf('usecases-reach-storage-through-ports')).toEqual([]);
  });

  it('shared/domain and shared/policies reach the kinds only through the registry', () => {
    expect(violationsOf('core-reaches-kinds-through-registry')).toEqual([]);
  });

  it('no import loop inside shared/', () => {
    expect(violationsOf('no-import-loop-in-shared')).toEqual([]);
  });

  it('no DynamoDB expression or transaction item is written outside shared/store (functions and workflows included)', () => {
    const dynamoWords =
      /\b(UpdateExpression|ConditionExpression|KeyConditionExpression|TransactItems|ExclusiveStartKey)\b/;
    const offending = ['shared', 'functions', 'workflows']
      .flatMap((dir) =>
        readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)),
      )
      .filter((f) => f.endsWith('.ts') && !f.startsWith(`shared${path.sep}store${path.sep}`))
      .filter((f) => dynamoWords.test(readFileSync(path.join(PROJECT_ROOT, f), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('the case core (shared/domain, usecases, store, functions) names no registered kind or details key in a string literal', () => {
    const names = [...new Set([...KINDS.kinds, ...KINDS.sections.map(({ section }) => section.key)])];
    expect(names).toContain('grievance');
    const literal = new RegExp(`(['"])(${names.map((n) => n.replace(/[-]/g, '\\-')).join('|')})\\1`);
    const offending = ['shared/domain', 'shared/usecases', 'shared/store', 'functions']
      .flatMap((dir) =>
        readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)),
      )
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        readFileSync(path.join(PROJECT_ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (literal.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offending).toEqual([]);
  });
});
