import {
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskBindings } from '../../../infra/local/stepfunctions/index.ts';
import {
  describeExecution,
  history,
  startHarness,
  statesEntered,
  uniqueTableName,
  type Harness,
} from './support/harness.ts';
import { countingWorkflow, humanTaskWithCatch } from './support/machines.ts';

/** In-process stand-ins for the step handlers: counts per execution and step, tokens per execution. */
class Ledger {
  readonly counts = new Map<string, number>();
  readonly tokens = new Map<string, string[]>();
  count(execution: string, step: string): number {
    return this.counts.get(`${execution}#${step}`) ?? 0;
  }
  bindings(options: { blockStep?: (execution: string, step: string) => Promise<void> | undefined } = {}): TaskBindings {
    return {
      CountStepFunctionArn: async (event: { execution: string; step: string }) => {
        await options.blockStep?.(event.execution, event.step);
        const key = `${event.execution}#${event.step}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        return {};
      },
      OpenReviewFunctionArn: async (event: { execution: string; taskToken: string }) => {
        this.tokens.set(event.execution, [...(this.tokens.get(event.execution) ?? []), event.taskToken]);
        return {};
      },
      OpenHumanTaskFunctionArn: async (event: { caseId: string; taskToken: string }) => {
        this.tokens.set(event.caseId, [...(this.tokens.get(event.caseId) ?? []), event.taskToken]);
        return {};
      },
    };
  }
}

/** A handler call that stays in flight until released: a step caught mid-run by a crash. */
function gate() {
  const entered = Promise.withResolvers<void>();
  const release = Promise.withResolvers<void>();
  return {
    entered: entered.promise,
    release: () => release.resolve(),
    block: () => {
      entered.resolve();
      return release.promise;
    },
  };
}

const harnesses: Harness[] = [];
async function service(tableName: string, bindings: TaskBindings, clock?: Harness['clock']): Promise<Harness> {
  const h = await startHarness({ tableName, bindings, clock });
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.stop()));
});

async function startCounting(client: SFNClient, stateMachineArn: string, name: string): Promise<string> {
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: '{}' }));
  return executionArn!;
}

describe('local Step Functions: durability', () => {
  it('resumes an execution cut off mid-step after an abrupt close, re-running only the step that had not committed', async () => {
    const tableName = uniqueTableName();
    const ledger = new Ledger();
    const stuck = gate();
    const first = await service(
      tableName,
      ledger.bindings({
        blockStep: (execution, step) => (execution === 'crash-1' && step === 'B' ? stuck.block() : undefined),
      }),
    );
    const { stateMachineArn } = await first.sfn.registerStateMachine('Counting', countingWorkflow);
    const executionArn = await startCounting(first.client, stateMachineArn, 'crash-1');
    await stuck.entered;
    await first.sfn.close({ abrupt: true });

    const second = await service(tableName, ledger.bindings(), first.clock);
    await second.sfn.registerStateMachine('Counting', countingWorkflow);
    const recovered = await second.sfn.recover();
    await second.sfn.settle();

    expect(recovered.resumed).toBe(1);
    expect(ledger.count('crash-1', 'A')).toBe(1);
    expect(ledger.count('crash-1', 'B')).toBe(1);
    const [token] = ledger.tokens.get('crash-1')!;
    await second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await second.sfn.settle();

    // The first process's handler finally returns; it must not move the execution a second time.
    stuck.release();
    await first.sfn.settle();

    expect((await describeExecution(second.client, executionArn)).status).toBe('SUCCEEDED');
    expect(ledger.count('crash-1', 'C')).toBe(1);
    expect(statesEntered(await history(second.client, executionArn))).toEqual([
      'Count step A',
      'Count step B',
      'Wait for the reviewer',
      'Count step C',
    ]);
  });

  it('completes tasks after a restart with the tokens handed out before it', async () => {
    const tableName = uniqueTableName();
    const ledger = new Ledger();
    const first = await service(tableName, ledger.bindings());
    const { stateMachineArn } = await first.sfn.registerStateMachine(
      'Approval',
      humanTaskWithCatch({ timeoutSeconds: 30 * 86_400 }),
    );
    const executionArns: string[] = [];
    for (const caseId of ['restart-1', 'restart-2', 'restart-3']) {
      const { executionArn } = await first.client.send(
        new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ caseId }) }),
      );
      executionArns.push(executionArn!);
    }
    await first.sfn.settle();
    await first.sfn.close({ abrupt: true });

    const second = await service(tableName, ledger.bindings(), first.clock);
    await second.sfn.registerStateMachine('Approval', humanTaskWithCatch({ timeoutSeconds: 30 * 86_400 }));
    expect(await second.sfn.recover()).toEqual({ resumed: 0, woken: 0 });
    for (const caseId of ['restart-1', 'restart-2', 'restart-3']) {
      const tokens = ledger.tokens.get(caseId)!;
      expect(tokens).toHaveLength(1);
      await second.client.send(
        new SendTaskSuccessCommand({ taskToken: tokens[0], output: JSON.stringify({ approvedIn: 'second process' }) }),
      );
    }
    await second.sfn.settle();

    for (const executionArn of executionArns) {
      const done = await describeExecution(second.client, executionArn);
      expect(done.status).toBe('SUCCEEDED');
      expect(JSON.parse(done.output!)).toMatchObject({ approval: { approvedIn: 'second process' }, outcome: 'closed' });
    }
  });

  it('never advances an execution twice when two services recover it at the same time', async () => {
    const tableName = uniqueTableName();
    const ledger = new Ledger();
    const stuck = gate();
    const first = await service(
      tableName,
      ledger.bindings({ blockStep: (_execution, step) => (step === 'A' ? stuck.block() : undefined) }),
    );
    const { stateMachineArn } = await first.sfn.registerStateMachine('Counting', countingWorkflow);
    const names = Array.from({ length: 8 }, (_, i) => `race-${i}`);
    const executionArns = await Promise.all(names.map((name) => startCounting(first.client, stateMachineArn, name)));
    await stuck.entered;
    await first.sfn.close({ abrupt: true });

    const second = await service(tableName, ledger.bindings(), first.clock);
    const third = await service(tableName, ledger.bindings(), first.clock);
    await second.sfn.registerStateMachine('Counting', countingWorkflow);
    await third.sfn.registerStateMachine('Counting', countingWorkflow);
    await Promise.all([second.sfn.recover(), third.sfn.recover()]);
    await Promise.all([second.sfn.settle(), third.sfn.settle()]);

    for (const [index, executionArn] of executionArns.entries()) {
      const events = await history(second.client, executionArn);
      expect(statesEntered(events)).toEqual(['Count step A', 'Count step B', 'Wait for the reviewer']);
      expect(events.filter((event) => event.type === 'TaskSubmitted')).toHaveLength(1);
      // A handler may run twice (at-least-once), but a human task is only ever offered with one token.
      expect(new Set(ledger.tokens.get(names[index]!))).toHaveProperty('size', 1);
    }
  });

  it('holds no per-execution memory for 1,000 executions parked at a human task', { timeout: 300_000 }, async () => {
    const ledger = new Ledger();
    const h = await service(uniqueTableName(), ledger.bindings());
    const { stateMachineArn } = await h.sfn.registerStateMachine(
      'Approval',
      humanTaskWithCatch({ timeoutSeconds: 60 * 86_400 }),
    );
    const caseIds = Array.from({ length: 1000 }, (_, i) => `parked-${i}`);
    for (let i = 0; i < caseIds.length; i += 50) {
      await Promise.all(
        caseIds
          .slice(i, i + 50)
          .map((caseId) =>
            h.client.send(
              new StartExecutionCommand({ stateMachineArn, name: caseId, input: JSON.stringify({ caseId }) }),
            ),
          ),
      );
    }
    await h.sfn.settle();

    expect(h.sfn.inMemoryState()).toMatchObject({ drivingExecutions: 0, cachedDefinitions: 1 });
    expect(ledger.tokens.size).toBe(1000);
    let running = 0;
    let nextToken: string | undefined;
    do {
      const page = await h.client.send(
        new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1000, nextToken }),
      );
      running += page.executions!.length;
      nextToken = page.nextToken;
    } while (nextToken);
    expect(running).toBe(1000);

    // Parked means stored, not forgotten: one of them still completes.
    await h.client.send(new SendTaskSuccessCommand({ taskToken: ledger.tokens.get('parked-500')![0], output: '{}' }));
    await h.sfn.settle();
    expect(h.sfn.inMemoryState().drivingExecutions).toBe(0);
  });
});
