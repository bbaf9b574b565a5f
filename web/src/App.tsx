import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import type { Identity } from './api.ts';
import { Link, match, navigate, usePath } from './router.tsx';
import { NotificationsProvider, SessionProvider, useNotifications, useSession } from './session.tsx';
import { Loading } from './ui.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MatchesPage } from './pages/MatchesPage.tsx';
import { JobFitPage } from './pages/JobFitPage.tsx';
import { AssistantPage } from './pages/AssistantPage.tsx';
import { ProfileCoachPage } from './pages/ProfileCoachPage.tsx';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { RecruiterJobsPage } from './pages/RecruiterJobsPage.tsx';
import { PostJobPage } from './pages/PostJobPage.tsx';
import { RecruiterJobPage } from './pages/RecruiterJobPage.tsx';
import { CandidatesPage } from './pages/CandidatesPage.tsx';
// The charts library is loaded only by operators.
const OpsPage = lazy(() => import('./pages/OpsPage.tsx').then((m) => ({ default: m.OpsPage })));

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

export function homeOf(identity: Identity): string {
  return identity.role === 'member' ? '/member' : identity.role === 'recruiter' ? '/recruiter' : '/ops';
}

const NAV: Record<Identity['role'], { to: string; label: string }[]> = {
  member: [
    { to: '/member', label: 'Matched jobs' },
    { to: '/member/assistant', label: 'Assistant' },
    { to: '/member/profile', label: 'Profile coach' },
    { to: '/member/notifications', label: 'Notifications' },
  ],
  recruiter: [
    { to: '/recruiter', label: 'Jobs' },
    { to: '/recruiter/post', label: 'Post a job' },
    { to: '/recruiter/candidates', label: 'Candidates' },
  ],
  admin: [{ to: '/ops', label: 'Operations' }],
};

function Shell() {
  const { identity, checking } = useSession();
  const path = usePath();

  useEffect(() => {
    if (checking) return;
    if (!identity && path !== '/login') navigate('/login', true);
    else if (identity && (path === '/' || path === '/login')) navigate(homeOf(identity), true);
  }, [identity, checking, path]);

  if (checking) return <main className="center"><Loading label="Checking your session…" /></main>;
  if (!identity) return <LoginPage />;
  const content = (
    <Layout identity={identity}>
      <Routes identity={identity} path={path} />
    </Layout>
  );
  return identity.role === 'member' && identity.memberId
    ? <NotificationsProvider memberId={identity.memberId}>{content}</NotificationsProvider>
    : content;
}

function Routes({ identity, path }: { identity: Identity; path: string }) {
  let m: Record<string, string> | null;
  if (identity.role === 'member') {
    if (path === '/member') return <MatchesPage memberId={identity.memberId!} />;
    if ((m = match('/member/jobs/:id', path))) return <JobFitPage memberId={identity.memberId!} jobId={m.id!} />;
    if (path === '/member/assistant') return <AssistantPage />;
    if (path === '/member/profile') return <ProfileCoachPage memberId={identity.memberId!} />;
    if (path === '/member/notifications') return <NotificationsPage />;
  } else if (identity.role === 'recruiter') {
    if (path === '/recruiter') return <RecruiterJobsPage companyId={identity.companyId!} />;
    if (path === '/recruiter/post') return <PostJobPage />;
    if ((m = match('/recruiter/jobs/:id', path))) return <RecruiterJobPage jobId={m.id!} />;
    if (path === '/recruiter/candidates') return <CandidatesPage companyId={identity.companyId!} />;
  } else if (path === '/ops') {
    return <Suspense fallback={<Loading label="Loading dashboards…" />}><OpsPage /></Suspense>;
  }
  return (
    <section className="card">
      <h1>Page not found</h1>
      <p>There is nothing at <code>{path}</code> for your role. <Link to={homeOf(identity)}>Go to your start page</Link>.</p>
    </section>
  );
}

function Layout({ identity, children }: { identity: Identity; children: ReactNode }) {
  const { signOut } = useSession();
  const roleLabel = identity.role === 'admin' ? 'Operator' : identity.role === 'recruiter' ? 'Recruiter' : 'Member';
  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to={homeOf(identity)} className="brand" aria-label="Fitwise home">
          <span className="brand-mark" aria-hidden="true">F</span> Fitwise
        </Link>
        <nav aria-label="Main" className="nav">
          {NAV[identity.role].map((n) => (
            <Link key={n.to} to={n.to} className="nav-link">
              {n.label}{n.to === '/member/notifications' && <UnreadCount />}
            </Link>
          ))}
        </nav>
        <div className="who">
          {identity.role === 'member' && <LiveDot />}
          <span className="who-name" title={identity.name}>{identity.name ?? roleLabel}</span>
          <span className={`role-chip role-${identity.role}`}>{roleLabel}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => { signOut(); navigate('/login'); }}>Sign out</button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>{children}</main>
      {identity.role === 'member' && <Toasts />}
    </div>
  );
}

function UnreadCount() {
  const { unread } = useNotifications();
  if (!unread) return null;
  return <span className="count" aria-label={`${unread} new`} data-testid="unread-count">{unread}</span>;
}

function LiveDot() {
  const { live } = useNotifications();
  const text = live === 'live' ? 'Live updates on' : live === 'connecting' ? 'Connecting…' : live === 'unavailable' ? 'Live updates unavailable' : 'Reconnecting…';
  return <span className={`live-dot live-${live}`} title={text} aria-label={text} role="img" />;
}

function Toasts() {
  const { toasts, dismiss } = useNotifications();
  return (
    <div className="toasts" aria-live="polite" aria-atomic="false" role="region" aria-label="New notifications">
      {toasts.map((t) => (
        <div key={t.id} className="toast" data-testid="toast">
          <div>
            <strong>{t.title}</strong>
            {t.body && <p>{t.body}</p>}
            {t.jobId && <Link to={`/member/jobs/${encodeURIComponent(t.jobId)}`} onClick={() => dismiss(t.id)}>View job</Link>}
          </div>
          <button type="button" className="btn btn-ghost btn-small" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
