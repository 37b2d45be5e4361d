/**
 * Sign-in on AWS: the user pool's managed login, authorization code + PKCE (oidc-client-ts), the ID token
 * renewed silently with the refresh token before it expires, and sign-out that also ends the managed
 * login's session (Cognito's /logout wants `logout_uri`, not the standard parameter). Loaded only when
 * /config.json says `cognito`, so the local console never downloads it.
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { CognitoAuthConfig } from '../config.ts';

export const CALLBACK_PATH = '/auth/callback';

export function createUserManager(auth: CognitoAuthConfig, origin = window.location.origin): UserManager {
  return new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/login`,
    response_type: 'code',
    scope: 'openid email profile',
    automaticSilentRenew: true,
    // The tab's session only, like the local sign-in.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    ...(auth.domain && { metadataSeed: { end_session_endpoint: `${auth.domain}/logout` } }),
  });
}

/** The API's authorizer takes the user pool's ID token (its `aud` is the console's client). */
export const bearerOf = (user: User | null): string | undefined => (user && !user.expired ? user.id_token : undefined);

export async function signInRedirect(manager: UserManager, next: string): Promise<void> {
  await manager.signinRedirect({ state: next });
}

/** Back from the managed login: the code is exchanged (with the PKCE verifier) and where to go next returned. */
export async function completeSignIn(manager: UserManager): Promise<{ token: string; next: string }> {
  const user = await manager.signinRedirectCallback();
  const token = bearerOf(user);
  if (!token) throw new Error('로그인 응답에 ID 토큰이 없습니다');
  const next =
    typeof user.state === 'string' && user.state.startsWith('/') && !user.state.startsWith('//') ? user.state : '/';
  return { token, next };
}

export async function signOutRedirect(manager: UserManager, auth: CognitoAuthConfig): Promise<void> {
  const origin = window.location.origin;
  await manager.removeUser();
  if (!auth.domain) return;
  await manager.signoutRedirect({ extraQueryParams: { client_id: auth.clientId, logout_uri: `${origin}/login` } });
}
