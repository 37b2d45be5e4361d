/** The typed API client (openapi-fetch over the generated paths), with the session's bearer token. */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export type Api = Client<paths>;

export function createApi(baseUrl: string, token: () => string | undefined, onUnauthenticated: () => void): Api {
  const api = createClient<paths>({ baseUrl });
  api.use({
    onRequest({ request }) {
      const bearer = token();
      if (bearer) request.headers.set('authorization', `Bearer ${bearer}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  });
  return api;
}

/** One key per form submission: a retry of the same submission repeats it, a new submission gets a new one. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
