/**
 * Local sign-in: the demo staff of the local system, one click each (the local issuer mints the same
 * Cognito-shaped token `npm run token` prints). On AWS the user pool's managed login takes this place.
 */
import { useQuery, useMutation } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useEffect } from 'react';
import { cognito, ROLE_LABELS, useApp, type Role } from '../auth/session.tsx';
import type { CognitoAuthConfig } from '../config.ts';
import { ErrorState, Loading } from '../components/StateViews.tsx';

interface DemoStaff {
  sub: string;
  name: string;
  position: string;
  roles: Role[];
  team?: string;
}

const TEAM_LABELS: Record<string, string> = {
  audit: '감사팀',
  investigation: '조사팀',
  complaints: '민원관리팀',
  patrol: '순찰팀',
};

function CognitoSignIn({ auth, next }: { auth: CognitoAuthConfig; next: string }) {
  const start = useMutation({
    mutationFn: async () => {
      const { mod, manager } = await cognito(auth);
      await mod.signInRedirect(manager, next.startsWith('/') && !next.startsWith('//') ? next : '/');
    },
  });
  return (
    <>
      <p className="signin-lead">기관 계정으로 로그인합니다. 로그인 화면으로 이동했다가 이 콘솔로 돌아옵니다.</p>
      <button
        type="button"
        className="krds-btn primary large"
        onClick={() => start.mutate()}
        disabled={start.isPending}
      >
        {start.isPending ? '로그인 화면으로 이동 중…' : '기관 계정으로 로그인'}
      </button>
      {start.isError && (
        <p className="form-hint-invalid" role="alert">
          로그인 화면을 열지 못했습니다: {start.error.message}
        </p>
      )}
    </>
  );
}

/** Back from the managed login (/auth/callback): the code becomes the session, then on to where the person was going. */
export function AuthCallback() {
  const { config, session, signIn } = useApp();
  const navigate = useNavigate();
  const done = useQuery({
    queryKey: ['auth-callback'],
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    enabled: config.auth.mode === 'cognito',
    queryFn: async () => {
      const { mod, manager } = await cognito(config.auth as CognitoAuthConfig);
      return mod.completeSignIn(manager);
    },
  });
  useEffect(() => {
    if (!done.data) return;
    signIn(done.data.token);
    navigate(done.data.next, { replace: true });
  }, [done.data, signIn, navigate]);
  if (session && !done.isError) return <Loading label="로그인을 마무리하는 중입니다…" />;
  return (
    <main id="main-content" className="signin">
      <div className="signin-box">
        <h1 className="signin-title">감사담당관 사건 관리</h1>
        {done.isError ? (
          <div className="state-view error" role="alert">
            <p className="state-title">로그인을 마치지 못했습니다: {done.error.message}</p>
            <a href="/login" className="krds-btn secondary small">
              다시 로그인
            </a>
          </div>
        ) : (
          <Loading label="로그인을 마무리하는 중입니다…" />
        )}
      </div>
    </main>
  );
}

export function SignIn() {
  const { config, signIn } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const staff = useQuery({
    queryKey: ['local-staff'],
    queryFn: async () => {
      const response = await fetch(`${config.apiUrl}/local/staff`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return ((await response.json()) as { items: DemoStaff[] }).items;
    },
    enabled: config.auth.mode === 'local',
  });
  const mint = useMutation({
    mutationFn: async (sub: string) => {
      const response = await fetch(`${config.apiUrl}/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub }),
      });
      const body = (await response.json()) as { token?: string; error?: { messageKo: string } };
      if (!response.ok || !body.token) throw new Error(body.error?.messageKo ?? `HTTP ${response.status}`);
      return body.token;
    },
    onSuccess: (token) => {
      signIn(token);
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    },
  });

  return (
    <main id="main-content" className="signin">
      <div className="signin-box">
        <h1 className="signin-title">감사담당관 사건 관리</h1>
        {config.auth.mode === 'cognito' ? (
          <CognitoSignIn auth={config.auth} next={params.get('next') ?? '/'} />
        ) : staff.isPending ? (
          <Loading label="직원 목록을 불러오는 중입니다…" />
        ) : staff.isError ? (
          <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />
        ) : (
          <div className="krds-table-wrap">
            <table className="tbl col data">
              <caption>로그인할 데모 직원 (이름을 누르면 그 직원으로 로그인합니다)</caption>
              <thead>
                <tr>
                  <th scope="col">이름</th>
                  <th scope="col">직위</th>
                  <th scope="col">역할</th>
                  <th scope="col">소속</th>
                </tr>
              </thead>
              <tbody>
                {staff.data.map((member) => (
                  <tr key={member.sub}>
                    <td>
                      <button
                        type="button"
                        className="krds-btn text signin-as"
                        disabled={mint.isPending}
                        onClick={() => mint.mutate(member.sub)}
                      >
                        {member.name}
                      </button>
                    </td>
                    <td>{member.position}</td>
                    <td>{member.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</td>
                    <td>{member.team ? TEAM_LABELS[member.team] : '감사담당관실'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {config.auth.mode === 'local' && (
          <p className="signin-lead">
            로컬 시스템의 데모 직원으로 로그인합니다. 실제 운영 환경에서는 기관 계정(Cognito)으로 로그인합니다.
          </p>
        )}
        {mint.isError && (
          <p className="form-hint-invalid" role="alert">
            로그인하지 못했습니다: {mint.error.message}
          </p>
        )}
      </div>
    </main>
  );
}
