/**
 * State machine definitions for the tests, written as the project writes workflows: JSONPath ASL,
 * sentence-like state names, Lambda tasks named by substitution placeholders.
 */

/** Register a referral (Lambda) → wait for the investigator's decision (human task) → record it. */
export const referralIntake = {
  Comment: 'External-agency referral: register, wait for the investigator, record the decision',
  StartAt: 'Register the referral',
  States: {
    'Register the referral': {
      Type: 'Task',
      Resource: '${RegisterReferralFunctionArn}',
      ResultPath: '$.registration',
      Next: "Wait for the investigator's decision",
    },
    "Wait for the investigator's decision": {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: '${OpenHumanTaskFunctionArn}',
        Payload: {
          'caseId.$': '$.caseId',
          'taskToken.$': '$$.Task.Token',
          'executionId.$': '$$.Execution.Id',
          'startedWith.$': '$$.Execution.Input',
        },
      },
      ResultPath: '$.decision',
      Next: 'Record the decision',
    },
    'Record the decision': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${RecordDecisionFunctionArn}', 'Payload.$': '$' },
      ResultSelector: { 'recorded.$': '$.Payload.recorded' },
      ResultPath: '$.result',
      End: true,
    },
  },
};

/** A human task whose rejection is caught and routed to a named path. */
export function humanTaskWithCatch(
  options: { timeoutSeconds?: number; heartbeatSeconds?: number; retryOnRejection?: boolean } = {},
) {
  return {
    StartAt: 'Wait for the head of office to approve',
    States: {
      'Wait for the head of office to approve': {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: {
          FunctionName: '${OpenHumanTaskFunctionArn}',
          Payload: { 'caseId.$': '$.caseId', 'taskToken.$': '$$.Task.Token' },
        },
        ...(options.timeoutSeconds === undefined ? {} : { TimeoutSeconds: options.timeoutSeconds }),
        ...(options.heartbeatSeconds === undefined ? {} : { HeartbeatSeconds: options.heartbeatSeconds }),
        ...(options.retryOnRejection
          ? { Retry: [{ ErrorEquals: ['ApprovalPostponed'], IntervalSeconds: 60, MaxAttempts: 1 }] }
          : {}),
        ResultPath: '$.approval',
        Catch: [
          {
            ErrorEquals: ['DispositionRejected'],
            ResultPath: '$.rejection',
            Next: 'Return the case to the investigator',
          },
          {
            ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'],
            ResultPath: '$.timeout',
            Next: 'Escalate the overdue approval',
          },
        ],
        Next: 'Close the case',
      },
      'Return the case to the investigator': { Type: 'Pass', Result: 'returned', ResultPath: '$.outcome', End: true },
      'Escalate the overdue approval': { Type: 'Pass', Result: 'escalated', ResultPath: '$.outcome', End: true },
      'Close the case': { Type: 'Pass', Result: 'closed', ResultPath: '$.outcome', End: true },
    },
  };
}

/** A Lambda step with a Retry for transient errors and a Catch for everything else. */
export const flakyNotification = {
  StartAt: 'Notify the complainant',
  States: {
    'Notify the complainant': {
      Type: 'Task',
      Resource: '${NotifyFunctionArn}',
      Retry: [{ ErrorEquals: ['MailServerBusy'], IntervalSeconds: 30, BackoffRate: 2, MaxAttempts: 2 }],
      Catch: [
        { ErrorEquals: ['States.ALL'], ResultPath: '$.notificationError', Next: 'Flag the case for manual follow-up' },
      ],
      ResultPath: '$.notification',
      End: true,
    },
    'Flag the case for manual follow-up': { Type: 'Pass', Result: true, ResultPath: '$.needsFollowUp', End: true },
  },
};

/** A 30-day Wait (processing period) before a reminder step. */
export function waitThenRemind(wait: { Seconds: number } | { TimestampPath: string }) {
  return {
    StartAt: 'Wait for the processing period',
    States: {
      'Wait for the processing period': { Type: 'Wait', ...wait, Next: 'Send the reminder' },
      'Send the reminder': {
        Type: 'Task',
        Resource: '${SendReminderFunctionArn}',
        ResultPath: '$.reminder',
        End: true,
      },
    },
  };
}

/** Four counting steps, a human step in the middle; used by the crash tests. */
export const countingWorkflow = {
  StartAt: 'Count step A',
  States: {
    'Count step A': {
      Type: 'Task',
      Resource: '${CountStepFunctionArn}',
      Parameters: { step: 'A', 'execution.$': '$$.Execution.Name' },
      ResultPath: null,
      Next: 'Count step B',
    },
    'Count step B': {
      Type: 'Task',
      Resource: '${CountStepFunctionArn}',
      Parameters: { step: 'B', 'execution.$': '$$.Execution.Name' },
      ResultPath: null,
      Next: 'Wait for the reviewer',
    },
    'Wait for the reviewer': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: '${OpenReviewFunctionArn}',
        Payload: { 'execution.$': '$$.Execution.Name', 'taskToken.$': '$$.Task.Token' },
      },
      ResultPath: '$.review',
      Next: 'Count step C',
    },
    'Count step C': {
      Type: 'Task',
      Resource: '${CountStepFunctionArn}',
      Parameters: { step: 'C', 'execution.$': '$$.Execution.Name' },
      ResultPath: null,
      End: true,
    },
  },
};

/** Only Lambda steps: the random-kill test drives many of these at once. */
export const countingSyncWorkflow = {
  StartAt: 'Count step A',
  States: {
    'Count step A': {
      Type: 'Task',
      Resource: '${CountStepFunctionArn}',
      Parameters: { step: 'A', 'execution.$': '$$.Execution.Name' },
      ResultPath: null,
      Next: 'Count step B',
    },
    'Count step B': {
      Type: 'Task',
      Resource: '${CountStepFunctionArn}',
      Parameters: { step: 'B', 'execution.$': '$$.Execution.Name' },
      ResultPath: null,
      Next: 'Count step C',
    },
    'Count step C': {
      Type: 'Task',
      Resource: '${CountStepFunctionArn}',
      Parameters: { step: 'C', 'execution.$': '$$.Execution.Name' },
      ResultPath: null,
      Next: 'Count step D',
    },
    'Count step D': {
      Type: 'Task',
      Resource: '${CountStepFunctionArn}',
      Parameters: { step: 'D', 'execution.$': '$$.Execution.Name' },
      ResultPath: null,
      End: true,
    },
  },
};
