/**
 * Execution history in the shape GetExecutionHistory returns on AWS (a subset of its event types).
 * Events are stored one item each, append-only, numbered from 1 per execution.
 */

export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | `${StateTypeName}StateEntered`
  | `${StateTypeName}StateExited`
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskSubmitted'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut';

type StateTypeName = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/** An event before the store numbers it. */
export interface NewHistoryEvent {
  type: HistoryEventType;
  timestamp: string;
  /** e.g. `stateEnteredEventDetails`; absent for events without details. */
  detailsKey?: string;
  details?: Record<string, unknown>;
}

export interface StoredHistoryEvent extends NewHistoryEvent {
  id: number;
  previousEventId: number;
}

export interface TaskResource {
  resourceType: 'lambda';
  resource: 'invoke' | 'invoke.waitForTaskToken';
}

const notTruncated = { truncated: false };

function stateTypeName(type: string): StateTypeName {
  const known: StateTypeName[] = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
  return known.includes(type as StateTypeName) ? (type as StateTypeName) : 'Pass';
}

export const historyEvents = {
  executionStarted: (at: Date, input: string, roleArn: string): NewHistoryEvent => ({
    type: 'ExecutionStarted',
    timestamp: at.toISOString(),
    detailsKey: 'executionStartedEventDetails',
    details: { input, inputDetails: notTruncated, roleArn },
  }),
  stateEntered: (at: Date, stateType: string, name: string, input: string): NewHistoryEvent => ({
    type: `${stateTypeName(stateType)}StateEntered`,
    timestamp: at.toISOString(),
    detailsKey: 'stateEnteredEventDetails',
    details: { name, input, inputDetails: notTruncated },
  }),
  stateExited: (at: Date, stateType: string, name: string, output: string): NewHistoryEvent => ({
    type: `${stateTypeName(stateType)}StateExited`,
    timestamp: at.toISOString(),
    detailsKey: 'stateExitedEventDetails',
    details: { name, output, outputDetails: notTruncated },
  }),
  taskScheduled: (
    at: Date,
    resource: TaskResource,
    region: string,
    parameters: string,
    timeoutInSeconds?: number,
    heartbeatInSeconds?: number,
  ): NewHistoryEvent => ({
    type: 'TaskScheduled',
    timestamp: at.toISOString(),
    detailsKey: 'taskScheduledEventDetails',
    details: { ...resource, region, parameters, timeoutInSeconds, heartbeatInSeconds },
  }),
  taskStarted: (at: Date, resource: TaskResource): NewHistoryEvent => ({
    type: 'TaskStarted',
    timestamp: at.toISOString(),
    detailsKey: 'taskStartedEventDetails',
    details: { ...resource },
  }),
  taskSubmitted: (at: Date, resource: TaskResource, output: string): NewHistoryEvent => ({
    type: 'TaskSubmitted',
    timestamp: at.toISOString(),
    detailsKey: 'taskSubmittedEventDetails',
    details: { ...resource, output, outputDetails: notTruncated },
  }),
  taskSucceeded: (at: Date, resource: TaskResource, output: string): NewHistoryEvent => ({
    type: 'TaskSucceeded',
    timestamp: at.toISOString(),
    detailsKey: 'taskSucceededEventDetails',
    details: { ...resource, output, outputDetails: notTruncated },
  }),
  taskFailed: (at: Date, resource: TaskResource, error: string, cause: string): NewHistoryEvent => ({
    type: 'TaskFailed',
    timestamp: at.toISOString(),
    detailsKey: 'taskFailedEventDetails',
    details: { ...resource, error, cause },
  }),
  taskTimedOut: (at: Date, resource: TaskResource, error: string, cause: string): NewHistoryEvent => ({
    type: 'TaskTimedOut',
    timestamp: at.toISOString(),
    detailsKey: 'taskTimedOutEventDetails',
    details: { ...resource, error, cause },
  }),
  executionSucceeded: (at: Date, output: string): NewHistoryEvent => ({
    type: 'ExecutionSucceeded',
    timestamp: at.toISOString(),
    detailsKey: 'executionSucceededEventDetails',
    details: { output, outputDetails: notTruncated },
  }),
  executionFailed: (at: Date, error: string, cause: string): NewHistoryEvent => ({
    type: 'ExecutionFailed',
    timestamp: at.toISOString(),
    detailsKey: 'executionFailedEventDetails',
    details: { error, cause },
  }),
  executionAborted: (at: Date, error?: string, cause?: string): NewHistoryEvent => ({
    type: 'ExecutionAborted',
    timestamp: at.toISOString(),
    detailsKey: 'executionAbortedEventDetails',
    details: { error, cause },
  }),
  executionTimedOut: (at: Date, error: string, cause: string): NewHistoryEvent => ({
    type: 'ExecutionTimedOut',
    timestamp: at.toISOString(),
    detailsKey: 'executionTimedOutEventDetails',
    details: { error, cause },
  }),
};

/** The API shape: timestamps become Dates (the protocol layer writes epoch seconds). */
export function toApiHistoryEvent(event: StoredHistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
  const apiEvent: Record<string, unknown> = {
    id: event.id,
    previousEventId: event.previousEventId,
    timestamp: new Date(event.timestamp),
    type: event.type,
  };
  if (event.detailsKey && event.details) {
    const details = { ...event.details };
    if (!includeExecutionData) {
      for (const field of ['input', 'output', 'parameters', 'inputDetails', 'outputDetails']) delete details[field];
    }
    apiEvent[event.detailsKey] = details;
  }
  return apiEvent;
}
