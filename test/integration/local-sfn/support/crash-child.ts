/**
 * The local Step Functions service in a child process, for the SIGKILL tests. Talks to the parent
 * over stdio: prints `READY <endpoint>` once serving, `BLOCKED <execution>#<step>` when a step is
 * held mid-run, `FROZEN` when it stops its own event loop so the parent can kill it at a known point.
 * Reads `ARM` on stdin (mode freeze-after-arm).
 *
 * Modes (CRASH_MODE):
 *   block-step        the step named by BLOCK_STEP (`<execution>#<step>`) never returns
 *   freeze-after-arm  steps other than A wait for ARM; after FREEZE_AFTER counted steps the
 *                     process blocks its event loop (nothing more happens) and prints FROZEN
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createInterface } from 'node:readline';
import { startLocalStepFunctions } from '../../../../infra/local/stepfunctions/index.ts';
import { countingBindings } from './counting-bindings.ts';
import { countingSyncWorkflow, countingWorkflow } from './machines.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`crash-child: ${name} is required`);
  return value;
};

const mode = env('CRASH_MODE');
const client = new DynamoDBClient({});
const armed = Promise.withResolvers<void>();
let countedAfterArm = 0;
let isArmed = false;

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'ARM') {
    isArmed = true;
    armed.resolve();
  }
});

const bindings = countingBindings(client, env('COUNTER_TABLE'), {
  beforeCount: async (execution, step) => {
    if (mode === 'block-step' && `${execution}#${step}` === process.env.BLOCK_STEP) {
      process.stdout.write(`BLOCKED ${execution}#${step}\n`);
      await new Promise<never>(() => undefined);
    }
    if (mode === 'freeze-after-arm' && step !== 'A') await armed.promise;
  },
  afterCount: () => {
    if (mode !== 'freeze-after-arm' || !isArmed) return;
    countedAfterArm += 1;
    if (countedAfterArm === Number(env('FREEZE_AFTER'))) {
      // The count is written, its step is not committed: the worst moment to die. Writes to a pipe
      // are synchronous on Linux, so the parent sees FROZEN while this thread is already stopped.
      process.stdout.write('FROZEN\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
    }
  },
});

const sfn = await startLocalStepFunctions({ tableName: env('SFN_TABLE'), bindings, dynamoDbClient: client });
await sfn.registerStateMachine('Counting', countingWorkflow);
await sfn.registerStateMachine('CountingSync', countingSyncWorkflow);
process.stdout.write(`READY ${sfn.endpoint}\n`);
