import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { SCREEN_ROLES } from './auth/screens.ts';
import { hasRole, useApp, type Role } from './auth/session.tsx';
import { Layout } from './components/Layout.tsx';
import { Forbidden, Loading, NotFound } from './components/StateViews.tsx';
import { AuthCallback, SignIn } from './pages/SignIn.tsx';
import { MyTasks } from './pages/MyTasks.tsx';

// Routes past the first screen load on demand, so 내 업무 starts with the least JavaScript.
const CasePage = lazy(() => import('./pages/CasePage.tsx'));
const Intake = lazy(() => import('./pages/Intake.tsx'));
const Search = lazy(() => import('./pages/Search.tsx'));
const Committees = lazy(() => import('./pages/Committees.tsx'));
const MeetingPage = lazy(() => import('./pages/MeetingPage.tsx'));
const Reports = lazy(() => import('./pages/Reports.tsx'));
const Audit = lazy(() => import('./pages/Audit.tsx'));
const Admin = lazy(() => import('./pages/Admin.tsx'));
const CitizenChecks = lazy(() => import('./pages/CitizenChecks.tsx'));
const FieldImports = lazy(() => import('./pages/FieldImports.tsx'));

function Guard({ roles, children }: { roles: readonly Role[]; children: React.ReactNode }) {
  const { session } = useApp();
  return hasRole(session, roles) ? children : <Forbidden />;
}

/** Signed in on /login: on to the page that sent the person there (a link from a mail, a bookmark). */
function AfterSignIn() {
  const [params] = useSearchParams();
  const next = params.get('next');
  return <Navigate to={next?.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
}

export function App() {
  const { session } = useApp();
  const location = useLocation();
  if (!session) {
    if (location.pathname === '/login') return <SignIn />;
    if (location.pathname === '/auth/callback') return <AuthCallback />;
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  // A 구민감사관 is no staff member: their own checks are all they have (공공감사법 제27조③).
  if (session.roles.every((r) => r === 'citizen-auditor'))
    return (
      <Layout>
        <Suspense fallback={<Loading />}>
          <CitizenChecks />
        </Suspense>
      </Layout>
    );
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<MyTasks />} />
          <Route path="/login" element={<AfterSignIn />} />
          {/* The session may start (the sign-in client's own event) before the callback has sent the person on. */}
          <Route path="/auth/callback" element={<AuthCallback />} />
          <Route
            path="/cases/:caseId"
            element={
              <Guard roles={SCREEN_ROLES.case}>
                <CasePage />
              </Guard>
            }
          />
          <Route
            path="/intake"
            element={
              <Guard roles={SCREEN_ROLES.intake}>
                <Intake />
              </Guard>
            }
          />
          <Route
            path="/search"
            element={
              <Guard roles={SCREEN_ROLES.search}>
                <Search />
              </Guard>
            }
          />
          <Route
            path="/committees"
            element={
              <Guard roles={SCREEN_ROLES.committees}>
                <Committees />
              </Guard>
            }
          />
          <Route
            path="/meetings/:meetingId"
            element={
              <Guard roles={SCREEN_ROLES.committees}>
                <MeetingPage />
              </Guard>
            }
          />
          <Route
            path="/reports"
            element={
              <Guard roles={SCREEN_ROLES.reports}>
                <Reports />
              </Guard>
            }
          />
          <Route
            path="/audit"
            element={
              <Guard roles={SCREEN_ROLES.audit}>
                <Audit />
              </Guard>
            }
          />
          <Route
            path="/admin"
            element={
              <Guard roles={SCREEN_ROLES.admin}>
                <Admin />
              </Guard>
            }
          />
          {/* Who may import is a team question the API answers (403 with the reason); the page shows it. */}
          <Route path="/field-complaints/imports" element={<FieldImports />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
