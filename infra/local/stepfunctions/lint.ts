/**
 * What the local engine cannot run faithfully, refused at registration with a message that says what
 * to write instead (see docs/local-engines.md#step-functions-interpreter for the interpreter's verified gaps), plus
 * asl-validator's structural checks. Both run in CreateStateMachine (→ InvalidDefinition).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ArnScope } from './arn.ts';
import {
  allStates,
  bindingNameOf,
  definitionHash,
  isAslDefinition,
  parseDefinitionText,
  prepareDefinition,
  staticFunctionRef,
  substitutePlaceholders,
  taskInvocation,
  type AslState,
  type PreparedDefinition,
} from './definition.ts';
import { StepFunctionsApiError } from './errors.ts';

export interface LintProblem {
  /** Where in the definition, e.g. `States.Decide.Choices[0]`. */
  path: string;
  message: string;
}

/** Nested Waits (inside Parallel/Map) run on a real timer inside one interpreter call; keep them short. */
export const NESTED_WAIT_MAX_SECONDS = 5;

const TYPE_TESTS = ['IsPresent', 'IsNumeric', 'IsNull', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;
/** State fields that exist only in JSONata state machines (`Items` is JSONata's ItemsPath on a Map). */
const JSONATA_ONLY_FIELDS = ['Arguments', 'Output', 'Items'] as const;
const DISTRIBUTED_MAP_FIELDS = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailureCount',
  'ToleratedFailurePercentage',
] as const;

/** Returns every problem found; an empty list means the local engine can run the definition. */
export function lintDefinition(asl: unknown): LintProblem[] {
  if (!isAslDefinition(asl)) return [{ path: '$', message: 'A definition needs StartAt and States' }];
  const problems: LintProblem[] = [];
  if (asl.QueryLanguage === 'JSONata') {
    problems.push({
      path: 'QueryLanguage',
      message: 'JSONata is not supported by the local engine (it is silently ignored there); write JSONPath',
    });
  }
  for (const { name, state, path, nested } of allStates(asl)) {
    if (state.QueryLanguage === 'JSONata') {
      problems.push({
        path: `${path}.QueryLanguage`,
        message: `State '${name}' uses JSONata; the local engine runs JSONPath only`,
      });
    }
    for (const field of JSONATA_ONLY_FIELDS) {
      const isJsonataField = field === 'Items' ? state.Type === 'Map' : true;
      if (field in state && isJsonataField) {
        problems.push({
          path: `${path}.${field}`,
          message: `'${field}' is a JSONata field; use JSONPath fields (Parameters, ResultSelector, OutputPath, ItemsPath)`,
        });
      }
    }
    if ('Assign' in state)
      problems.push({
        path: `${path}.Assign`,
        message: 'Variables (Assign) are not supported by the local engine; pass data through the state input/output',
      });
    for (const [index, catcher] of asArray(state.Catch).entries()) {
      if (isRecord(catcher) && 'Assign' in catcher) {
        problems.push({
          path: `${path}.Catch[${index}].Assign`,
          message: 'Variables (Assign) are not supported by the local engine; use ResultPath',
        });
      }
    }
    if (state.Type === 'Choice') lintChoiceRules(state, path, problems);
    if (state.Type === 'Task') lintTask(name, state, path, nested, problems);
    if (state.Type === 'Wait' && nested) lintNestedWait(name, state, path, problems);
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor;
      const mode =
        isRecord(processor) && isRecord(processor.ProcessorConfig) ? processor.ProcessorConfig.Mode : undefined;
      if (mode === 'DISTRIBUTED' || DISTRIBUTED_MAP_FIELDS.some((field) => field in state)) {
        problems.push({
          path,
          message: `Map state '${name}' is a Distributed Map; the local engine runs inline Maps only`,
        });
      }
    }
  }
  return problems;
}

function lintChoiceRules(state: AslState, path: string, problems: LintProblem[]): void {
  const visit = (rule: unknown, rulePath: string): void => {
    if (!isRecord(rule)) return;
    if ('Assign' in rule)
      problems.push({
        path: `${rulePath}.Assign`,
        message: 'Variables (Assign) are not supported by the local engine',
      });
    if ('Condition' in rule)
      problems.push({
        path: `${rulePath}.Condition`,
        message: "'Condition' is JSONata; write a JSONPath rule (Variable with a comparison)",
      });
    for (const test of TYPE_TESTS) {
      if (rule[test] === false) {
        problems.push({
          path: `${rulePath}.${test}`,
          message: `'${test}: false' never matches in the local engine; write { "Not": { "Variable": ${JSON.stringify(rule.Variable)}, "${test}": true } }`,
        });
      }
    }
    for (const [index, inner] of asArray(rule.And).entries()) visit(inner, `${rulePath}.And[${index}]`);
    for (const [index, inner] of asArray(rule.Or).entries()) visit(inner, `${rulePath}.Or[${index}]`);
    if (rule.Not !== undefined) visit(rule.Not, `${rulePath}.Not`);
  };
  for (const [index, rule] of asArray(state.Choices).entries()) visit(rule, `${path}.Choices[${index}]`);
}

function lintTask(name: string, state: AslState, path: string, nested: boolean, problems: LintProblem[]): void {
  const invocation = taskInvocation(state);
  if (!invocation) {
    problems.push({
      path: `${path}.Resource`,
      message: `Task '${name}' uses resource ${JSON.stringify(state.Resource)}; the local engine runs Lambda tasks only: "\${Fn}", a Lambda ARN, arn:aws:states:::lambda:invoke or arn:aws:states:::lambda:invoke.waitForTaskToken`,
    });
    return;
  }
  const parameters = isRecord(state.Parameters) ? state.Parameters : undefined;
  if (
    invocation.style === 'lambda-invoke' &&
    parameters?.FunctionName === undefined &&
    parameters?.['FunctionName.$'] === undefined
  ) {
    problems.push({
      path: `${path}.Parameters`,
      message: `Task '${name}' calls lambda:invoke without Parameters.FunctionName`,
    });
  }
  if (invocation.callback) {
    if (nested) {
      problems.push({
        path,
        message: `Task '${name}' waits for a task token inside a Parallel/Map; the local engine parks only at top-level states — move the human step to the top level`,
      });
    }
    if (!JSON.stringify(state.Parameters ?? null).includes('$$.Task.Token')) {
      problems.push({
        path: `${path}.Parameters`,
        message: `Task '${name}' waits for a task token but never passes $$.Task.Token to its handler, so nobody could complete it`,
      });
    }
  }
}

function lintNestedWait(name: string, state: AslState, path: string, problems: LintProblem[]): void {
  const seconds = state.Seconds;
  if (typeof seconds !== 'number' || seconds > NESTED_WAIT_MAX_SECONDS) {
    problems.push({
      path,
      message: `Wait '${name}' inside a Parallel/Map runs in memory in the local engine; only a fixed Seconds ≤ ${NESTED_WAIT_MAX_SECONDS} is allowed there — move long waits to the top level`,
    });
  }
}

type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator') as AslValidator;

/**
 * asl-validator compiles its JSON schemas on every call (0.5–2 s per definition); a definition text
 * that passed once passes again with the same validator version. Passes are remembered in memory and
 * in `node_modules/.cache`, so a restart (npm start, every test file, each restart of a crash test)
 * does not pay for it again. Only passes are remembered; a failing definition is checked every time.
 */
const structurallyValid = new Set<string>();
const MAX_REMEMBERED_DEFINITIONS = 500;
const validatorPackage = require.resolve('asl-validator/package.json');
const verdictDirectory = join(
  dirname(validatorPackage),
  '..',
  '.cache',
  'local-sfn',
  `asl-validator-${(require('asl-validator/package.json') as { version: string }).version}`,
);

function passedBefore(key: string): boolean {
  if (structurallyValid.has(key)) return true;
  if (!existsSync(join(verdictDirectory, key))) return false;
  structurallyValid.add(key);
  return true;
}

function rememberPass(key: string): void {
  if (structurallyValid.size >= MAX_REMEMBERED_DEFINITIONS) structurallyValid.clear();
  structurallyValid.add(key);
  try {
    mkdirSync(verdictDirectory, { recursive: true });
    writeFileSync(join(verdictDirectory, key), '');
  } catch {
    // A read-only install only loses the shortcut.
  }
}

export interface ValidateOptions {
  scope: ArnScope;
  /** When given, every statically named task function must be one of these binding names. */
  isBound?: (bindingName: string) => boolean;
}

/**
 * Full registration check: JSON, asl-validator (on the substituted text, as AWS would see it after
 * DefinitionSubstitutions), the local-engine lint, and that every task has a local handler.
 */
export function validateDefinition(text: string, options: ValidateOptions): PreparedDefinition {
  const substitutedText = substitutePlaceholders(text, options.scope);
  const substituted = parseDefinitionText(substitutedText);
  const key = definitionHash(substitutedText);
  if (!passedBefore(key)) {
    // asl-validator annotates the object it checks (QueryLanguage defaults), so it gets its own copy.
    const structural = aslValidator(structuredClone(substituted), { checkPaths: true, checkArn: true });
    if (!structural.isValid) {
      throw new StepFunctionsApiError(
        'InvalidDefinition',
        `Invalid State Machine Definition: '${structural.errorsText('; ')}'`,
      );
    }
    rememberPass(key);
  }
  const problems = lintDefinition(parseDefinitionText(text));
  if (options.isBound) {
    const isBound = options.isBound;
    const prepared = prepareDefinition(text, options.scope);
    for (const { name, state, path } of allStates(prepared.definition)) {
      if (state.Type !== 'Task') continue;
      const ref = staticFunctionRef(state);
      const binding = bindingNameOf(ref);
      if (ref !== undefined && (binding === undefined || !isBound(binding))) {
        problems.push({
          path,
          message: `Task '${name}' calls ${ref} but no local handler is bound to '${binding ?? ref}'`,
        });
      }
    }
  }
  if (problems.length > 0) {
    throw new StepFunctionsApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition for the local engine: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`,
    );
  }
  return prepareDefinition(text, options.scope);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
