/** The console's frame in KRDS markup: skip link, header with who is signed in, side navigation. */
import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { SCREEN_ROLES } from '../auth/screens.ts';
import { useCanImportFieldComplaints } from '../auth/field-imports.ts';
import { hasRole, ROLE_LABELS, useApp, useSession, type Role } from '../auth/session.tsx';

const NAV: { to: string; label: string; roles?: readonly Role[]; fieldImports?: true }[] = [
  { to: '/', label: '내 업무' },
  { to: '/intake', label: '접수', roles: SCREEN_ROLES.intake },
  { to: '/search', label: '검색', roles: SCREEN_ROLES.search },
  { to: '/committees', label: '위원회', roles: SCREEN_ROLES.committees },
  { to: '/reports', label: '보고서', roles: SCREEN_ROLES.reports },
  { to: '/field-complaints/imports', label: '현장민원 가져오기', fieldImports: true },
  { to: '/audit', label: '감사', roles: SCREEN_ROLES.audit },
  { to: '/admin', label: '관리', roles: SCREEN_ROLES.admin },
];

export function Layout({ children }: { children: ReactNode }) {
  const { signOut } = useApp();
  const session = useSession();
  const navigate = useNavigate();
  const canImport = useCanImportFieldComplaints();
  return (
    <>
      <div id="krds-skip-link">
        <a href="#main-content">본문 바로가기</a>
      </div>
      <header className="console-header">
        <div className="inner">
          <NavLink to="/" className="service-name">
            감사담당관 사건 관리
          </NavLink>
          <div className="user-area">
            <span className="user-name">
              {session.name}
              <span className="user-role">{session.roles.map((r) => ROLE_LABELS[r] ?? r).join(' · ')}</span>
            </span>
            <button
              type="button"
              className="krds-btn tertiary small"
              onClick={() => {
                signOut();
                navigate('/login');
              }}
            >
              로그아웃
            </button>
          </div>
        </div>
      </header>
      <div className="console-body">
        <nav className="krds-side-navigation console-nav" aria-label="주 메뉴">
          <ul className="lnb-list">
            {NAV.filter(
              (item) => (!item.roles || hasRole(session, item.roles)) && (!item.fieldImports || canImport),
            ).map((item) => (
              <li key={item.to} className="lnb-item">
                <NavLink
                  to={item.to}
                  end={item.to === '/'}
                  className={({ isActive }) => `lnb-btn lnb-link${isActive ? ' active' : ''}`}
                >
                  {item.to === '/' && session?.roles.every((r) => r === 'citizen-auditor') ? '내 현장점검' : item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main-content" className="console-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
