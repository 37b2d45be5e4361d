/**
 * Serves the built console (web/dist) the way CloudFront does on AWS: the files, index.html for every
 * app route, /config.json telling the app where the API is, and the same security headers (strict
 * CSP: scripts, styles and fonts from the console's own origin, calls to the API and the case-files store only).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import sirv from 'sirv';

export const CONSOLE_DIR = resolve(import.meta.dirname, '../../web');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');

export interface ConsoleServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The headers CloudFront's response-headers policy sets (infra/constructs/console-hosting.ts). */
export function consoleSecurityHeaders(
  apiOrigin: string,
  signInOrigins: readonly string[] = [],
  filesOrigin?: string,
): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      // On AWS the sign-in's discovery, token and renewal requests go to the user pool's origins.
      // Case files go straight to the object store through presigned URLs (PUT on upload).
      ['connect-src', "'self'", apiOrigin, ...signInOrigins, ...(filesOrigin ? [filesOrigin] : [])].join(' '),
      "img-src 'self' data:",
      "font-src 'self' data:",
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
}

function newestModification(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestModification(join(path, entry))));
}

/** Builds web/dist when it is missing or older than the console's sources. */
export function ensureConsoleBuilt(log: (line: string) => void = () => {}): void {
  const index = join(CONSOLE_DIST, 'index.html');
  const sources = [join(CONSOLE_DIR, 'src'), join(CONSOLE_DIR, 'index.html'), join(CONSOLE_DIR, 'vite.config.ts')];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestModification))) return;
  log('콘솔 빌드 중 (vite build)…');
  const vite = resolve(CONSOLE_DIR, '../node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(CONSOLE_DIR, 'vite.config.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`콘솔 빌드 실패 (vite build, 종료 코드 ${result.status})`);
  log('콘솔 빌드 완료');
}

export async function startConsoleServer(options: {
  port: number;
  apiUrl: string;
  /** The case-files store (presigned uploads go there from the browser). */
  filesUrl?: string;
  host?: string;
  distDir?: string;
}): Promise<ConsoleServer> {
  const distDir = options.distDir ?? CONSOLE_DIST;
  const headers = consoleSecurityHeaders(
    new URL(options.apiUrl).origin,
    [],
    options.filesUrl ? new URL(options.filesUrl).origin : undefined,
  );
  const files = sirv(distDir, {
    single: true,
    etag: true,
    setHeaders: (res, pathname) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      // Hashed assets never change; index.html must be fetched again to pick up a new build.
      res.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const config = JSON.stringify({ apiUrl: options.apiUrl, auth: { mode: 'local' } });
  const server = createServer((req, res) => {
    if (req.url === '/config.json') {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...headers,
      });
      return res.end(config);
    }
    files(req, res, () => {
      res.writeHead(404, headers);
      res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
