/** Where the API is and how staff sign in: /config.json, written by whoever serves the console. */
export interface ConsoleConfig {
  apiUrl: string;
  auth: { mode: 'local' } | { mode: 'cognito'; authority: string; clientId: string };
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
