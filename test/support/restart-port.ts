/**
 * A port a test keeps across restarts of a process it kills (the crash and restart tests). `freePort()`
 * asks the OS for one, which comes from the ephemeral range (32768–60999 on Linux) — the same range every
 * outgoing connection on the machine takes its local port from. While the killed process is down, one of
 * those connections (this file's, or another test file's running beside it) can take the port, and the
 * restart fails with EADDRINUSE. A port below that range is never handed to a connection: only another
 * listener could take it, and this picks at random among ~12,000 and checks it is free.
 */
import { createServer } from 'node:net';

const LOW = 20_000;
const HIGH = 32_000;

function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function restartPort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await listenable(port)) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}
