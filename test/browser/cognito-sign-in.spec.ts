/**
 * The console's sign-in as it runs on AWS: authorization code + PKCE against the user pool's managed
 * login, and sign-out through Cognito's /logout. Cognito itself needs AWS, so its four endpoints
 * (discovery, authorize, token, logout) are answered by this test at the browser's network layer; the ID
 * token it hands out is a real one from the local issuer, so the API accepts the signed-in console.
 */
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { consoleSecurityHeaders } from '../../infra/local/console-server.ts';
import { API, tokenFor } from './api-steps.ts';
import { expectAccessible, screenshot } from './support.ts';

const IDP = 'https://idp.gamsa.test';
const AUTHORITY = `${IDP}/ap-northeast-2_Test`;
const CLIENT_ID = 'console-client-id';

/**
 * The managed login's page, sending the browser back the way Cognito does after a sign-in. (A page and
 * not a 302: Playwright routes a navigation's first request only, and the console's page after it must
 * get the AWS CSP from the route above.)
 */
const managedLoginPage = (back: string) => ({
  contentType: 'text/html',
  body: `<!doctype html><meta http-equiv="refresh" content="0;url=${back.replace(/&/g, '&amp;')}"><title>로그인</title>`,
});

test('on AWS the console signs in with code + PKCE at the managed login and signs out there too', async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  const investigator = await tokenFor(request, 'investigator');
  const seen: { challenge?: string; method?: string; verifier?: string; logout?: URL; refreshes: number } = {
    refreshes: 0,
  };

  // The console's pages carry the CSP CloudFront sends on AWS, which lets scripts reach the sign-in origins.
  await page.route(`${baseURL}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const headers = response.headers();
    headers['content-security-policy'] = consoleSecurityHeaders(API, [IDP])['content-security-policy']!;
    return route.fulfill({ response, headers });
  });
  await page.route('**/config.json', async (route) => {
    const local = (await (await route.fetch()).json()) as { apiUrl: string };
    await route.fulfill({
      json: { apiUrl: local.apiUrl, auth: { mode: 'cognito', authority: AUTHORITY, clientId: CLIENT_ID, domain: IDP } },
    });
  });
  await page.route(`${AUTHORITY}/.well-known/openid-configuration`, (route) =>
    route.fulfill({
      json: {
        issuer: AUTHORITY,
        authorization_endpoint: `${IDP}/oauth2/authorize`,
        token_endpoint: `${IDP}/oauth2/token`,
        jwks_uri: `${AUTHORITY}/.well-known/jwks.json`,
        response_types_supported: ['code'],
      },
      headers: { 'access-control-allow-origin': '*' },
    }),
  );
  await page.route(`${IDP}/oauth2/authorize**`, (route) => {
    const url = new URL(route.request().url());
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('redirect_uri')).toBe(`${baseURL}/auth/callback`);
    seen.challenge = url.searchParams.get('code_challenge') ?? undefined;
    seen.method = url.searchParams.get('code_challenge_method') ?? undefined;
    const back = `${baseURL}/auth/callback?code=code-123&state=${url.searchParams.get('state')}`;
    return route.fulfill(managedLoginPage(back));
  });
  await page.route(`${IDP}/oauth2/token`, (route) => {
    const form = new URLSearchParams(route.request().postData() ?? '');
    if (form.get('grant_type') === 'refresh_token') {
      expect(form.get('refresh_token')).toBe('refresh-123');
      seen.refreshes += 1;
    } else {
      expect(form.get('grant_type')).toBe('authorization_code');
      expect(form.get('code')).toBe('code-123');
      seen.verifier = form.get('code_verifier') ?? undefined;
    }
    return route.fulfill({
      json: {
        id_token: investigator.token,
        access_token: investigator.token,
        refresh_token: 'refresh-123',
        token_type: 'Bearer',
        // Short, so the silent renewal (a minute before expiry) comes within the test.
        expires_in: 63,
      },
      headers: { 'access-control-allow-origin': '*' },
    });
  });
  await page.route(`${IDP}/logout**`, (route) => {
    seen.logout = new URL(route.request().url());
    return route.fulfill(managedLoginPage(`${baseURL}/login`));
  });

  await page.goto('/search?kind=grievance');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('기관 계정으로 로그인합니다')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, 'sign-in-cognito');
  await page.getByRole('button', { name: '기관 계정으로 로그인' }).click();

  // Back in the console where the person was going, with the user pool's token.
  await expect(page).toHaveURL(/\/search\?kind=grievance$/);
  await expect(page.locator('.user-name')).toContainText('박준형');
  expect(seen.method).toBe('S256');
  expect(seen.verifier, 'the token request proves the PKCE verifier').toBeTruthy();
  expect(createHash('sha256').update(seen.verifier!).digest('base64url')).toBe(seen.challenge);

  // Renewed silently with the refresh token before it expires; the person stays signed in.
  await expect.poll(() => seen.refreshes, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.locator('.user-name')).toContainText('박준형');

  await page.getByRole('button', { name: '로그아웃' }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(seen.logout?.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(seen.logout?.searchParams.get('logout_uri')).toBe(`${baseURL}/login`);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});
