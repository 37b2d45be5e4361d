import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeExecution, history, startHarness, type Harness } from './support/harness.ts';
import { flakyNotification } from './support/machines.ts';

class MailServerBusy extends Error {
  override name = 'MailServerBusy';
}
class AddressRejected extends Error {
  override name = 'AddressRejected';
}

/** Per case: the errors the notifier throws before it succeeds, in order. */
const planned = new Map<string, Error[]>();
const attempts = new Map<string, number>();

let h: Harness;
let stateMachineArn: string;

async function start(caseId: string, failures: Error[]): Promise<string> {
  planned.set(caseId, failures);
  const { executionArn } = await h.client.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ caseId }) }),
  );
  await h.sfn.settle();
  return executionArn!;
}

beforeAll(async () => {
  h = await startHarness({
    bindings: {
      NotifyFunctionArn: async (event: { caseId: string }) => {
        const attempt = attempts.get(event.caseId) ?? 0;
        attempts.set(event.caseId, attempt + 1);
        const failure = planned.get(event.caseId)?.[attempt];
        if (failure) throw failure;
        return { sentOnAttempt: attempt + 1 };
      },
    },
  });
  stateMachineArn = (await h.sfn.registerStateMachine('Notification', flakyNotification)).stateMachineArn;
});

afterAll(async () => {
  await h.stop();
});

describe('local Step Functions: Retry and Catch', () => {
  it('retries a transient error only after the back-off has passed on the service clock, then succeeds', async () => {
    const executionArn = await start('busy-once', [new MailServerBusy('421 try later')]);
    expect(attempts.get('busy-once')).toBe(1);

    h.clock.advance({ seconds: 29 });
    await h.sfn.tick();
    await h.sfn.settle();
    expect(attempts.get('busy-once')).toBe(1);

    h.clock.advance({ seconds: 1 });
    await h.sfn.tick();
    await h.sfn.settle();

    expect(attempts.get('busy-once')).toBe(2);
    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ caseId: 'busy-once', notification: { sentOnAttempt: 2 } });
    const types = (await history(h.client, executionArn)).map((event) => event.type);
    expect(types.filter((type) => type === 'TaskFailed')).toHaveLength(1);
    expect(types.filter((type) => type === 'TaskScheduled')).toHaveLength(2);
  });

  it('backs off by BackoffRate, gives up after MaxAttempts and follows Catch with the error at ResultPath', async () => {
    const busy = () => new MailServerBusy('421 try later');
    const executionArn = await start('always-busy', [busy(), busy(), busy()]);

    h.clock.advance({ seconds: 30 });
    await h.sfn.tick();
    await h.sfn.settle();
    expect(attempts.get('always-busy')).toBe(2);

    h.clock.advance({ seconds: 59 });
    await h.sfn.tick();
    await h.sfn.settle();
    expect(attempts.get('always-busy')).toBe(2);

    h.clock.advance({ seconds: 1 });
    await h.sfn.tick();
    await h.sfn.settle();

    expect(attempts.get('always-busy')).toBe(3);
    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!) as {
      needsFollowUp: boolean;
      notificationError: { Error: string; Cause: string };
    };
    expect(output.needsFollowUp).toBe(true);
    expect(output.notificationError.Error).toBe('MailServerBusy');
    expect(JSON.parse(output.notificationError.Cause)).toMatchObject({
      errorType: 'MailServerBusy',
      errorMessage: '421 try later',
    });
  });

  it('does not retry an error its Retry does not name, and catches it with States.ALL', async () => {
    const executionArn = await start('rejected', [new AddressRejected('550 no such user')]);

    expect(attempts.get('rejected')).toBe(1);
    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({
      needsFollowUp: true,
      notificationError: { Error: 'AddressRejected' },
    });
  });
});
