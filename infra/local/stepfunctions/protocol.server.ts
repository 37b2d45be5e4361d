/**
 * AWS JSON 1.0 over HTTP, as `@aws-sdk/client-sfn` speaks it: `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON body. Answers are JSON with timestamps as
 * epoch seconds; errors are HTTP 400 (500 for our own faults) with `{"__type": "<ErrorName>",
 * "message": "..."}` — the SDK takes the name from `__type` and raises its class of that name.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StepFunctionsApiError } from './errors.ts';
import type { Logger } from './logger.ts';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Definitions may be 1 MiB and payloads 256 KiB; leave room for JSON escaping. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface OperationHandler {
  handle(operation: string, body: unknown): Promise<unknown>;
}

export interface ProtocolServer {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

const IDLE_CONNECTION_MS = 10 * 60_000;

export async function startProtocolServer(options: {
  operations: OperationHandler;
  logger: Logger;
  host?: string;
  port?: number;
}): Promise<ProtocolServer> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((request, response) => {
    void answer(request, response, options.operations, options.logger);
  });
  // The SDK keeps idle connections without a limit; a server closing them after Node's 5 s default
  // races a request sent on one at that moment (ECONNRESET on a loaded machine). Idle for longer
  // than any pause between a client's calls; close() ends them all anyway.
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.headersTimeout = IDLE_CONNECTION_MS + 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The SDK keeps connections alive; without this, close() would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  operations: OperationHandler,
  logger: Logger,
): Promise<void> {
  const requestId = randomUUID();
  try {
    const target = headerValue(request.headers['x-amz-target']);
    if (request.method !== 'POST' || !target?.startsWith(TARGET_PREFIX)) {
      throw new StepFunctionsApiError(
        'UnknownOperationException',
        `Expected POST with X-Amz-Target: ${TARGET_PREFIX}<Operation>`,
      );
    }
    const body = await readJsonBody(request);
    const result = await operations.handle(target.slice(TARGET_PREFIX.length), body);
    send(response, 200, requestId, result ?? {});
  } catch (error) {
    if (error instanceof StepFunctionsApiError) {
      send(response, error.statusCode, requestId, { __type: error.name, message: error.message });
      return;
    }
    logger.error('local-sfn: request failed', { requestId, error });
    send(response, 500, requestId, {
      __type: 'InternalFailure',
      message: 'The local Step Functions service failed; see its log',
    });
  }
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new StepFunctionsApiError('ValidationException', 'Request body is too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StepFunctionsApiError('SerializationException', 'Request body is not valid JSON');
  }
}

function send(response: ServerResponse, status: number, requestId: string, body: unknown): void {
  const text = JSON.stringify(body, function (this: Record<string, unknown>, key, value: unknown) {
    // JSON.stringify has already turned Dates into strings by now; read the original.
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : value;
  });
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  response.end(text);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
