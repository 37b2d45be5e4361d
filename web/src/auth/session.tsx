/**
 * Who is signed in. Locally the token comes from the local issuer (the sign-in page); on AWS from the
 * user pool. The token is kept for the browser tab only (sessionStorage).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApi, type Api } from '../api/client.ts';
import type { CognitoAuthConfig, ConsoleConfig } from '../config.ts';

type CognitoModule = typeof import('./cognito.ts');
let cognitoLoad: Promise<{ mod: CognitoModule; manager: ReturnType<CognitoModule['createUserManager']> }> | undefined;

/** The managed-login client (AWS only), loaded on first use. */
export function cognito(auth: CognitoAuthConfig) {
  cognitoLoad ??= import('./cognito.ts').then((mod) => ({ mod, manager: mod.createUserManager(auth) }));
  return cognitoLoad;
}

export type Role =
  | 'clerk'
  | 'investigator'
  | 'team-lead'
  | 'head'
  | 'secretary'
  | 'member'
  | 'auditor'
  | 'admin'
  | 'citizen-auditor';

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '접수 담당',
  investigator: '조사관',
  'team-lead': '팀장',
  head: '감사담당관',
  secretary: '위원회 간사',
  member: '위원회 위원',
  auditor: '감사인(열람 전용)',
  admin: '관리자',
  'citizen-auditor': '구민감사관',
};

export interface Session {
  token: string;
  sub: string;
  name: string;
  roles: Role[];
  expiresAt: number;
}

const STORAGE_KEY = 'gamsa.session';

function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

export function sessionFromToken(token: string): Session {
  const claims = decodeClaims(token);
  return {
    token,
    sub: String(claims.sub),
    name: String(claims.name ?? claims.email ?? claims.sub),
    roles: (Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : []) as Role[],
    expiresAt: Number(claims.exp) * 1000,
  };
}

function storedSession(): Session | undefined {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() ? session : undefined;
}

interface AppContextValue {
  config: ConsoleConfig;
  api: Api;
  session: Session | undefined;
  signIn(token: string): void;
  signOut(): void;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);

export function AppProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(undefined);
    if (config.auth.mode === 'cognito')
      void cognito(config.auth).then(({ mod, manager }) =>
        mod.signOutRedirect(manager, config.auth as CognitoAuthConfig),
      );
  }, [config.auth]);
  const signIn = useCallback((token: string) => {
    const next = sessionFromToken(token);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  // On AWS the ID token is renewed silently before it expires (refresh token); each renewal replaces the session's.
  useEffect(() => {
    if (config.auth.mode !== 'cognito') return;
    let unsubscribe = () => {};
    void cognito(config.auth).then(({ mod, manager }) => {
      const renewed = (user: Parameters<typeof mod.bearerOf>[0]) => {
        const token = mod.bearerOf(user);
        if (token) signIn(token);
      };
      manager.events.addUserLoaded(renewed);
      unsubscribe = () => manager.events.removeUserLoaded(renewed);
    });
    return () => unsubscribe();
  }, [config.auth, signIn]);
  const api = useMemo(() => createApi(config.apiUrl, () => storedSession()?.token, signOut), [config.apiUrl, signOut]);
  const value = useMemo(() => ({ config, api, session, signIn, signOut }), [config, api, session, signIn, signOut]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}

export function useSession(): Session {
  const { session } = useApp();
  if (!session) throw new Error('useSession without a session');
  return session;
}

export function hasRole(session: Session | undefined, roles: readonly Role[]): boolean {
  return !!session && session.roles.some((r) => roles.includes(r));
}
