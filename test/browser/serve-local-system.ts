/**
 * The system the browser tests drive: the whole local system (DynamoDB Local in memory, the Step
 * Functions service, the API and the built console) with the demo data, on the ports Playwright gives.
 */
import { ensureConsoleBuilt } from '../../infra/local/console-server.ts';
import { startLocalSystem } from '../../infra/local/local-system.ts';

const port = (name: string) => Number(process.env[name]);
ensureConsoleBuilt((line) => console.log(line));
const system = await startLocalSystem({
  tableName: 'gamsa-browser-tests',
  apiPort: port('BROWSER_TEST_API_PORT'),
  stepFunctionsPort: port('BROWSER_TEST_SFN_PORT'),
  pollIntervalMs: 1_000,
  console: { port: port('BROWSER_TEST_CONSOLE_PORT') },
  log: (line) => console.log(line),
});
console.log(`browser-test system ready: ${system.console?.url} (API ${system.apiUrl})`);
const stop = async () => {
  await system.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
