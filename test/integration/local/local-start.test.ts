/**
 * The one-machine system's own commands: `npm start` never adopts a DynamoDB Local it did not
 * start, and `npm run token` finds the running system's API port by itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDbPortTakenError, freePort, startDynamoDbLocal } from '../../../infra/local/dynamodb-local.ts';
import { runningSystemFile } from '../../../infra/local/local-settings.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'gamsa-local-start-'));
let server: Server | undefined;
afterAll(() => {
  server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it("refuses a LOCAL_DYNAMODB_PORT another system's DynamoDB Local already serves", async () => {
    const taken = Number(new URL(process.env.AWS_ENDPOINT_URL_DYNAMODB!).port);
    const attempt = startDynamoDbLocal({ port: taken, timeoutMs: 20_000 });
    await expect(attempt).rejects.toBeInstanceOf(DynamoDbPortTakenError);
    await expect(attempt).rejects.toThrow(/LOCAL_DYNAMODB_PORT/);
  });
});

describe('npm run token', () => {
  it('asks the running system on the port it recorded, without LOCAL_API_PORT', async () => {
    const port = await freePort();
    const asked: string[] = [];
    // Stands in for the running system's /local/token route; what is tested is how the command finds it.
    server = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ token: 'token-from-the-running-system' }));
    });
    await new Promise<void>((resolve) => server!.listen(port, resolve));
    writeFileSync(runningSystemFile(dataDir), JSON.stringify({ pid: process.pid, apiPort: port }));
    const { LOCAL_API_PORT: _unset, ...env } = process.env;
    // Asynchronously: the stand-in server answers from this process's event loop.
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/token.ts', 'head'], {
      env: { ...env, LOCAL_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('token-from-the-running-system');
    expect(asked).toEqual(['POST /local/token']);
  }, 150_000);
});
