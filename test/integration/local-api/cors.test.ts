/**
 * The local API answers browsers from the console's origins only (as the HTTP API's CORS will on AWS):
 * preflights from those origins pass with the headers the console sends, any other origin gets none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../../../infra/local/api-server.ts';
import { createLocalIssuer } from '../../../infra/local/auth/local-issuer.ts';

const CONSOLE = 'http://localhost:3000';
let api: LocalApi;

beforeAll(async () => {
  api = await startLocalApi({
    port: 0,
    issuer: await createLocalIssuer(),
    corsOrigins: [CONSOLE],
    localRoutes: async (_req, url) =>
      url.pathname === '/local/ping' ? { statusCode: 200, body: { ok: true } } : undefined,
  });
});
afterAll(() => api.close());

const preflight = (origin: string) =>
  fetch(`${api.url}/cases`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, idempotency-key',
    },
  });

describe('local API CORS', () => {
  it("lets the console's origin send its writes (bearer token, JSON, Idempotency-Key)", async () => {
    const res = await preflight(CONSOLE);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('refuses a preflight from any other origin', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks answers to the console as readable by it (and exposes the replay header), and no one else', async () => {
    const mine = await fetch(`${api.url}/local/ping`, { headers: { origin: CONSOLE } });
    expect(mine.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(mine.headers.get('access-control-expose-headers')).toContain('idempotent-replayed');
    const other = await fetch(`${api.url}/local/ping`, { headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
