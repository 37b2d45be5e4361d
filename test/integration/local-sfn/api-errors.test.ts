import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidDefinition,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calls, describeExecution, startHarness, type Harness } from './support/harness.ts';
import { humanTaskWithCatch } from './support/machines.ts';

const MISSING_EXECUTION = 'arn:aws:states:ap-northeast-2:000000000000:execution:Approval:nobody';
const MISSING_MACHINE = 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:Nothing';

const opened = new Calls<{ caseId: string; taskToken: string }>();
let h: Harness;
let stateMachineArn: string;

async function rawRequest(
  target: string | undefined,
  body: string,
): Promise<{ status: number; json: { __type?: string; message?: string } }> {
  const response = await fetch(h.sfn.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', ...(target ? { 'x-amz-target': target } : {}) },
    body,
  });
  return { status: response.status, json: (await response.json()) as { __type?: string; message?: string } };
}

beforeAll(async () => {
  h = await startHarness({
    bindings: {
      OpenHumanTaskFunctionArn: async (event: { caseId: string; taskToken: string }) => {
        opened.record(event);
        return {};
      },
    },
  });
  stateMachineArn = (await h.sfn.registerStateMachine('Approval', humanTaskWithCatch())).stateMachineArn;
});

afterAll(async () => {
  await h.stop();
});

describe('local Step Functions: API errors and idempotency', () => {
  it('returns the same execution for StartExecution with the same name and input while it runs', async () => {
    const input = JSON.stringify({ caseId: 'idem-1' });
    const first = await h.client.send(new StartExecutionCommand({ stateMachineArn, name: 'idem-1', input }));
    const again = await h.client.send(new StartExecutionCommand({ stateMachineArn, name: 'idem-1', input }));
    await h.sfn.settle();

    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    expect(opened.events.filter((event) => event.caseId === 'idem-1')).toHaveLength(1);
  });

  it('answers ExecutionAlreadyExists for the same name with a different input, or once the execution has ended', async () => {
    await h.client.send(new StartExecutionCommand({ stateMachineArn, name: 'idem-2', input: '{"caseId":"idem-2"}' }));
    await h.sfn.settle();

    const differentInput = h.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'idem-2', input: '{"caseId":"other"}' }),
    );
    await expect(differentInput).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    const token = opened.events.find((event) => event.caseId === 'idem-2')!.taskToken;
    await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await h.sfn.settle();
    const sameInputAfterEnd = h.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'idem-2', input: '{"caseId":"idem-2"}' }),
    );
    await expect(sameInputAfterEnd).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('names missing executions and state machines as AWS does', async () => {
    await expect(
      h.client.send(new DescribeExecutionCommand({ executionArn: MISSING_EXECUTION })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      h.client.send(new GetExecutionHistoryCommand({ executionArn: MISSING_EXECUTION })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      h.client.send(new DescribeStateMachineCommand({ stateMachineArn: MISSING_MACHINE })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(h.client.send(new StartExecutionCommand({ stateMachineArn: MISSING_MACHINE }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
    await expect(h.client.send(new ListExecutionsCommand({ stateMachineArn: MISSING_MACHINE }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
  });

  it('rejects ARNs of the wrong shape with InvalidArn', async () => {
    await expect(h.client.send(new DescribeExecutionCommand({ executionArn: stateMachineArn }))).rejects.toBeInstanceOf(
      InvalidArn,
    );
    await expect(
      h.client.send(
        new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:lambda:ap-northeast-2:000000000000:function:x' }),
      ),
    ).rejects.toBeInstanceOf(InvalidArn);
  });

  it('rejects malformed requests with ValidationException naming the field', async () => {
    const tooLong = h.client.send(new StartExecutionCommand({ stateMachineArn, name: 'x'.repeat(81) }));
    await expect(tooLong).rejects.toBeInstanceOf(ValidationException);
    await expect(tooLong).rejects.toThrow(/'name'/);
    await expect(h.client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 5000 }))).rejects.toThrow(
      /'maxResults'/,
    );
  });

  it('rejects a definition asl-validator finds invalid with InvalidDefinition', async () => {
    const broken = { StartAt: 'Open the case', States: { 'Open the case': { Type: 'Pass', Next: 'Nowhere' } } };
    const created = h.client.send(
      new CreateStateMachineCommand({
        name: 'Broken',
        definition: JSON.stringify(broken),
        roleArn: 'arn:aws:iam::000000000000:role/x',
      }),
    );
    await expect(created).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(created).rejects.toThrow(/Nowhere/);
  });

  it('rejects a definition the local engine cannot run (JSONata, unbound Lambda) with InvalidDefinition', async () => {
    const jsonata = {
      QueryLanguage: 'JSONata',
      StartAt: 'Shape',
      States: { Shape: { Type: 'Pass', Output: '{% $states.input %}', End: true } },
    };
    await expect(
      h.client.send(
        new CreateStateMachineCommand({
          name: 'Jsonata',
          definition: JSON.stringify(jsonata),
          roleArn: 'arn:aws:iam::000000000000:role/x',
        }),
      ),
    ).rejects.toThrow(/JSONata/);
    const unbound = {
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: '${NoSuchFunctionArn}', End: true } },
    };
    await expect(
      h.client.send(
        new CreateStateMachineCommand({
          name: 'Unbound',
          definition: JSON.stringify(unbound),
          roleArn: 'arn:aws:iam::000000000000:role/x',
        }),
      ),
    ).rejects.toThrow(/NoSuchFunctionArn/);
  });

  it('creates a state machine idempotently and refuses a different definition under the same name', async () => {
    const definition = JSON.stringify(humanTaskWithCatch({ timeoutSeconds: 3600 }));
    const roleArn = 'arn:aws:iam::000000000000:role/x';
    const first = await h.client.send(new CreateStateMachineCommand({ name: 'Hourly', definition, roleArn }));
    const again = await h.client.send(new CreateStateMachineCommand({ name: 'Hourly', definition, roleArn }));
    expect(again.stateMachineArn).toBe(first.stateMachineArn);

    const changed = JSON.stringify(humanTaskWithCatch({ timeoutSeconds: 7200 }));
    await expect(
      h.client.send(new CreateStateMachineCommand({ name: 'Hourly', definition: changed, roleArn })),
    ).rejects.toBeInstanceOf(StateMachineAlreadyExists);
  });

  it('keeps running executions on the definition they started with when registerStateMachine changes it', async () => {
    const { stateMachineArn: arn } = await h.sfn.registerStateMachine('Versioned', humanTaskWithCatch());
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: '{"caseId":"v1"}' }),
    );
    await h.sfn.settle();
    const v2 = humanTaskWithCatch();
    v2.States['Close the case'].Result = 'closed under v2';
    await h.sfn.registerStateMachine('Versioned', v2);

    await h.client.send(
      new SendTaskSuccessCommand({
        taskToken: opened.events.find((event) => event.caseId === 'v1')!.taskToken,
        output: '{}',
      }),
    );
    await h.sfn.settle();

    expect(JSON.parse((await describeExecution(h.client, executionArn!)).output!).outcome).toBe('closed');
    const described = await h.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(JSON.parse(described.definition!).States['Close the case'].Result).toBe('closed under v2');
  });

  it('speaks AWS JSON 1.0 errors on the wire: __type and message, HTTP 400', async () => {
    const unknown = await rawRequest('AWSStepFunctions.DeleteActivity', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.json.__type).toBe('UnknownOperationException');

    const garbled = await rawRequest('AWSStepFunctions.DescribeExecution', '{not json');
    expect(garbled.status).toBe(400);
    expect(garbled.json.__type).toBe('SerializationException');

    const missing = await rawRequest(
      'AWSStepFunctions.DescribeExecution',
      JSON.stringify({ executionArn: MISSING_EXECUTION }),
    );
    expect(missing).toEqual({
      status: 400,
      json: { __type: 'ExecutionDoesNotExist', message: `Execution Does Not Exist: '${MISSING_EXECUTION}'` },
    });
  });
});
