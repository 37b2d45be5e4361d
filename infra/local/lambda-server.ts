/**
 * Lambda's Invoke API on one machine, for the functions application code invokes itself (today the
 * 응답소 import worker): AWS_ENDPOINT_URL_LAMBDA points the SDK here, and an invocation runs the very
 * handler module Lambda runs, in process — `Event` (asynchronous: 202 at once, the run goes on in the
 * background, as Lambda's internal queue would) or `RequestResponse`. A run in flight when the process
 * stops is lost the way a dead worker is on AWS; the job it was running goes stale and is started again
 * (shared/usecases/field-complaint-import-jobs.ts).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { lambdaContext } from './api-server.ts';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/** The invocable functions by their local name (FIELD_IMPORT_WORKER). */
export const LOCAL_FUNCTIONS: Record<string, () => Promise<{ handler: unknown }>> = {
  'gamsa-field-import-worker': () => import('../../functions/jobs/field-import-worker.handler.ts'),
};

export interface LocalLambda {
  endpoint: string;
  /** Resolves when no asynchronous run is in flight (tests wait for the worker). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startLocalLambda(options: { log?: (line: string) => void } = {}): Promise<LocalLambda> {
  const log = options.log ?? (() => undefined);
  const inFlight = new Set<Promise<unknown>>();
  const server: Server = createServer(async (req, res) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url?.split('?')[0] ?? '');
    const name = match?.[1] ? decodeURIComponent(match[1]) : undefined;
    const load = name ? LOCAL_FUNCTIONS[name.split(':').pop() ?? name] : undefined;
    if (req.method !== 'POST' || !load) {
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name ?? req.url}` }));
      return;
    }
    const body = await readBody(req);
    const event = body ? (JSON.parse(body) as unknown) : {};
    const run = async () => {
      const { handler } = (await load()) as { handler: Handler };
      return handler(event, lambdaContext(name!, 15 * 60_000));
    };
    if (req.headers['x-amz-invocation-type'] === 'Event') {
      const work = run()
        .catch((error: unknown) => log(`lambda ${name}: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
      res.writeHead(202);
      res.end();
      return;
    }
    try {
      const result = await run();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result ?? null));
    } catch (error) {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
      res.end(JSON.stringify({ errorMessage: error instanceof Error ? error.message : String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async close() {
      await Promise.allSettled([...inFlight]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
