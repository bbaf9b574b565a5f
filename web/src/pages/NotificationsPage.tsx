import { useEffect } from 'react';
import { Link } from '../router.tsx';
import { useNotifications } from '../session.tsx';
import { Empty, FitBadge, PageHeader } from '../ui.tsx';

export function NotificationsPage() {
  const { items, live, markAllSeen } = useNotifications();
  useEffect(() => { markAllSeen(); }, [items.length]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle={live === 'live' ? 'Live: new matching jobs appear here within seconds of being posted.' : live === 'unavailable' ? 'Live updates are not enabled on this server.' : 'Connecting to live updates…'}
      />
      {items.length === 0
        ? <Empty title="No notifications yet">When a job that fits you is posted, it shows up here right away.</Empty>
        : (
          <ul className="job-list" aria-label="Notifications" data-testid="notification-list">
            {items.map((n) => (
              <li key={n.id} className="job-card">
                <div className="job-card-main">
                  <h2>{n.jobId ? <Link to={`/member/jobs/${encodeURIComponent(n.jobId)}`}>{n.title}</Link> : n.title}</h2>
                  <p className="muted">{n.body} · <time dateTime={n.createdAt}>{new Date(n.createdAt).toLocaleString()}</time></p>
                </div>
                {n.level && <FitBadge level={n.level} score={n.score} />}
              </li>
            ))}
          </ul>
        )}
    </>
  );
}
