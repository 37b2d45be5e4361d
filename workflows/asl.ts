/**
 * A small vocabulary for writing case lifecycles as Amazon States Language (JSONPath), so a
 * definition reads like the office's procedure. Lambda resources are substitution placeholders
 * (`${OpenHumanTaskFunctionArn}`): CDK binds them to real functions through DefinitionSubstitutions,
 * the local Step Functions service binds them to the same handler modules in process.
 *
 * Only what the local engine runs identically is offered: JSONPath, no JSONata, no variables.
 */
import type { CaseStage } from '#shared/domain/case.ts';
import type { Decision, TaskType } from '#shared/domain/task.ts';
import type { Role, Team } from '#shared/domain/roles.ts';
import type { TaskDueRule } from '#shared/kinds/registry.ts';
import type { CommitteeKind } from '#shared/domain/committee-kinds.ts';

export type AslState = Record<string, unknown>;
export interface AslDefinition {
  Comment: string;
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, AslState>;
}

/**
 * The Lambda functions workflows call, by placeholder name → step name. A step's handler is
 * `functions/steps/<step>.handler.ts`; functions/steps/step-modules.ts maps every step name to that
 * module, checked by the typecheck.
 */
export const STEP_FUNCTIONS = {
  OpenHumanTaskFunctionArn: 'open-human-task',
  ChangeStageFunctionArn: 'change-stage',
  NextDispositionStepFunctionArn: 'next-disposition-step',
  PetitionNextStepFunctionArn: 'petition-next-step',
  PetitionCommentPeriodEndedFunctionArn: 'petition-comment-period-ended',
  GrievanceNextStepFunctionArn: 'grievance-next-step',
  WhistleblowerNextStepFunctionArn: 'whistleblower-next-step',
  KindNextStepFunctionArn: 'kind-next-step',
} as const;
export type StepFunctionPlaceholder = keyof typeof STEP_FUNCTIONS;
export type StepName = (typeof STEP_FUNCTIONS)[StepFunctionPlaceholder];

/** `open-human-task` → `functions/steps/open-human-task.handler.ts` (from the project root). */
export function stepHandlerEntry(step: StepName): `functions/steps/${string}.handler.ts` {
  return `functions/steps/${step}.handler.ts`;
}

const placeholder = (name: StepFunctionPlaceholder) => `\${${name}}`;

/** Errors worth retrying: the platform's transient failures, never our domain errors. */
export const TRANSIENT_LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'TransientStoreError',
] as const;

const transientRetry = [
  {
    ErrorEquals: [...TRANSIENT_LAMBDA_ERRORS],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
];

/** `R`: the due rules it may name — the office's by default; a kind of its own (e.g. in a test) names its own. */
export interface HumanTaskSpec<R extends string = TaskDueRule> {
  taskType: TaskType;
  /** Shown to staff: what this task asks of them. */
  titleKo: string;
  stage: CaseStage;
  /** The case's assignee, or anyone with a role (in the case's team unless a team is named). */
  assignTo: 'case-assignee' | { role: Role; team?: Team | 'case-team' };
  decisions: Partial<Record<Decision, string>>;
  /** Default allowed time in business days (the legal calendar turns it into a due date). */
  dueInBusinessDays: number;
  /** A due-date rule (statutory period, case limits) that replaces the default when the task opens. */
  dueRule?: R;
  /**
   * The committee that decides this step: the task waits on that committee's agenda and its
   * secretary records the meeting's decision (which completes the task and resumes the workflow).
   */
  committee?: CommitteeKind;
}

/**
 * A human task: opens a task (stores the token with it), waits for a person's decision, then routes
 * on it. No TimeoutSeconds: the deadline lives on the task, and months-long waits are normal.
 */
export function humanTask<R extends string = TaskDueRule>(
  name: string,
  spec: HumanTaskSpec<R>,
): Record<string, AslState> {
  const choiceName = `${name}: route the decision`;
  const decisions = Object.keys(spec.decisions) as Decision[];
  return {
    [name]: {
      Type: 'Task',
      Comment: spec.titleKo,
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: placeholder('OpenHumanTaskFunctionArn'),
        Payload: {
          'caseId.$': '$.caseId',
          taskType: spec.taskType,
          titleKo: spec.titleKo,
          stage: spec.stage,
          assignTo: spec.assignTo,
          allowedDecisions: decisions,
          dueInBusinessDays: spec.dueInBusinessDays,
          ...(spec.dueRule !== undefined && { dueRule: spec.dueRule }),
          ...(spec.committee !== undefined && { committee: spec.committee }),
          'taskToken.$': '$$.Task.Token',
          'executionArn.$': '$$.Execution.Id',
          'stateName.$': '$$.State.Name',
        },
      },
      ResultPath: '$.lastDecision',
      Retry: transientRetry,
      Next: choiceName,
    },
    [choiceName]: {
      Type: 'Choice',
      Choices: decisions.map((d) => ({
        Variable: '$.lastDecision.decision',
        StringEquals: d,
        Next: spec.decisions[d],
      })),
      Default: 'Stop: decision not allowed here',
    },
  };
}

/** A stage change done by the system (e.g. closing), recorded in the case history. */
export function stageChange(name: string, stage: CaseStage, next: string | { end: true }): Record<string, AslState> {
  return {
    [name]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: placeholder('ChangeStageFunctionArn'),
        Payload: { 'caseId.$': '$.caseId', stage, 'executionArn.$': '$$.Execution.Id', 'stateName.$': '$$.State.Name' },
      },
      ResultSelector: { 'stage.$': '$.Payload.stage', 'version.$': '$.Payload.version' },
      ResultPath: '$.lastStageChange',
      Retry: transientRetry,
      ...('end' in (typeof next === 'string' ? {} : next) ? { End: true } : { Next: next }),
    },
  };
}

/**
 * A system step that reads or decides something from the case record (no human involved); its
 * answer (the Lambda's payload, narrowed by `select`) lands at `resultPath`.
 */
export function systemStep(
  name: string,
  spec: { fn: StepFunctionPlaceholder; select: Record<string, string>; resultPath: string; next: string },
): Record<string, AslState> {
  return {
    [name]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: placeholder(spec.fn),
        Payload: { 'caseId.$': '$.caseId', 'executionArn.$': '$$.Execution.Id', 'stateName.$': '$$.State.Name' },
      },
      ResultSelector: spec.select,
      ResultPath: spec.resultPath,
      Retry: transientRetry,
      Next: spec.next,
    },
  };
}

/**
 * Steps chosen by the case record: a system step asks `fn` which step comes next (its answer lands at
 * `$.<resultKey>.next`), a Choice goes to that step's state, and a step the workflow does not have
 * stops the execution as `unknownStep.error`. Every lifecycle that reads its next step from the case
 * is routed this way, so a restarted execution continues where the case stands.
 */
export function routeByNextStep(spec: {
  find: string;
  route: string;
  fn: StepFunctionPlaceholder;
  resultKey: string;
  steps: Readonly<Record<string, string>>;
  unknownStep: { state: string; error: string; cause: string };
}): Record<string, AslState> {
  return {
    ...systemStep(spec.find, {
      fn: spec.fn,
      select: { 'next.$': '$.Payload.next' },
      resultPath: `$.${spec.resultKey}`,
      next: spec.route,
    }),
    [spec.route]: {
      Type: 'Choice',
      Choices: Object.entries(spec.steps).map(([step, state]) => ({
        Variable: `$.${spec.resultKey}.next`,
        StringEquals: step,
        Next: state,
      })),
      Default: spec.unknownStep.state,
    },
    [spec.unknownStep.state]: { Type: 'Fail', Error: spec.unknownStep.error, Cause: spec.unknownStep.cause },
  };
}

/**
 * The first state: route to the named stage so a case can be (re)started where it stands — after a
 * crash, past Standard's one-year limit, or onto a new workflow version.
 */
export function startAtStage(
  entries: Partial<Record<CaseStage, string>>,
  firstState: string,
): Record<string, AslState> {
  return {
    'Start where the case stands': {
      Type: 'Choice',
      Choices: Object.entries(entries).map(([stage, state]) => ({
        And: [
          { Variable: '$.startAt', IsPresent: true },
          { Variable: '$.startAt', StringEquals: stage },
        ],
        Next: state,
      })),
      Default: firstState,
    },
  };
}

/**
 * A task some of whose decisions keep it open (an on-site visit, an interim reply, a committee's new
 * deadline): it reopens in the other of two states, so the new task is never taken for a re-run of
 * the one before (open-human-task tells them apart by state name). `spec(other)` builds the task's
 * spec given the state it reopens in.
 */
export function alternatingHumanTask<R extends string = TaskDueRule>(
  names: readonly [string, string],
  spec: (other: string) => HumanTaskSpec<R>,
): Record<string, AslState> {
  const [first, second] = names;
  return { ...humanTask(first, spec(second)), ...humanTask(second, spec(first)) };
}

/** The states every kind lifecycle has, named after the case (`of`, e.g. "the daily audit"). */
export function kindLifecycleStates(of: string): { findNext: string; close: string } {
  return { findNext: `Find the next step of ${of}`, close: `Close ${of}` };
}

/**
 * A kind's lifecycle whose next step is read from the case record by `kind-next-step` (the kind
 * module's `nextStep`): start wherever the case stands, find the next step, go to its state; the team
 * lead names who handles it; the kind's own states return to `findNext` after each decision; closing
 * ends it. `steps` maps each step the module can answer to its state, `assign` and `close` included.
 */
export function kindLifecycle(spec: {
  of: string;
  comment: string;
  resultKey: string;
  steps: Readonly<Record<string, string>>;
  unknownStep: { error: string; cause: string };
  assign: { state: string; titleKo: string };
  states: Record<string, AslState>;
}): AslDefinition {
  const { findNext, close } = kindLifecycleStates(spec.of);
  return {
    Comment: spec.comment,
    StartAt: 'Start where the case stands',
    TimeoutSeconds: 360 * 24 * 60 * 60,
    States: {
      ...startAtStage(
        {
          intake: findNext,
          assignment: findNext,
          review: findNext,
          investigation: findNext,
          approval: findNext,
          disposition: findNext,
        },
        findNext,
      ),
      ...routeByNextStep({
        find: findNext,
        route: `Go to the next step of ${spec.of}`,
        fn: 'KindNextStepFunctionArn',
        resultKey: spec.resultKey,
        steps: spec.steps,
        unknownStep: { state: `Stop: ${spec.of} has no such step`, ...spec.unknownStep },
      }),
      ...humanTask(spec.assign.state, {
        taskType: 'assign',
        titleKo: spec.assign.titleKo,
        stage: 'assignment',
        assignTo: { role: 'team-lead', team: 'case-team' },
        decisions: { assign: findNext },
        dueInBusinessDays: 1,
      }),
      ...spec.states,
      ...stageChange(close, 'closed', { end: true }),
      ...invalidDecisionFail,
    },
  };
}

export const invalidDecisionFail = {
  'Stop: decision not allowed here': {
    Type: 'Fail',
    Error: 'DecisionNotAllowed',
    Cause: 'The task was completed with a decision this workflow does not route; the API should have refused it.',
  },
};

/** Every placeholder the definition uses, so bindings can be checked on both hosts. */
export function placeholdersOf(definition: AslDefinition): string[] {
  const found = new Set<string>();
  JSON.stringify(definition).replace(/\$\{(\w+)\}/g, (_m, name: string) => {
    found.add(name);
    return '';
  });
  return [...found].sort();
}
