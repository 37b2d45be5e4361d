/** Where the API is and how staff sign in: /config.json, written by whoever serves the console. */
export interface CognitoAuthConfig {
  mode: 'cognito';
  /** The user pool's issuer (https://cognito-idp.<region>.amazonaws.com/<pool id>): its discovery document. */
  authority: string;
  clientId: string;
  /** The managed login's domain (https://…auth.<region>.amazoncognito.com): its /logout ends the session there too. */
  domain?: string;
}

export interface ConsoleConfig {
  apiUrl: string;
  auth: { mode: 'local' } | CognitoAuthConfig;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
