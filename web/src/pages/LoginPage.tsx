import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAsync } from '../hooks.ts';
import { homeOf } from '../App.tsx';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorState } from '../ui.tsx';

const ROLES = [
  { as: 'member' as const, title: 'Member', text: 'See jobs that fit you, ask "am I a fit?", get notified of new matches within seconds.' },
  { as: 'recruiter' as const, title: 'Recruiter', text: 'Post jobs with a writing coach, watch matched members arrive, rank applicants by fit.' },
  { as: 'admin' as const, title: 'Operator', text: 'Tokens and cost, latency, budgets, evaluation history and engine status.' },
];

export function LoginPage() {
  const { signIn, signInWithToken } = useSession();
  const config = useAsync((signal) => api<{ demoLogin: boolean }>('/v1/auth/config', { signal }), []);
  const demo = config.data?.demoLogin ?? true;
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const go = async (as: 'member' | 'recruiter' | 'admin') => {
    setBusy(as);
    setError(null);
    try {
      const me = await signIn(as);
      navigate(homeOf(me), true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const submitToken = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('token');
    setError(null);
    try {
      const me = await signInWithToken(token.trim());
      navigate(homeOf(me), true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <main className="login" id="main">
      <div className="login-panel">
        <div className="brand brand-large"><span className="brand-mark" aria-hidden="true">F</span> Fitwise</div>
        <h1>Explainable job matching</h1>
        <p className="muted">{demo ? 'Sign in as one of the seeded demo users, or with an API token.' : 'Sign in with your API token.'}</p>
        {demo && <div className="role-grid">
          {ROLES.map((r) => (
            <button key={r.as} type="button" className="role-card" onClick={() => go(r.as)} disabled={busy !== null} data-testid={`login-${r.as}`}>
              <span className="role-card-title">{busy === r.as ? 'Signing in…' : `Continue as ${r.title}`}</span>
              <span className="role-card-text">{r.text}</span>
            </button>
          ))}
        </div>}
        <form className="token-form" onSubmit={submitToken}>
          <label htmlFor="token-input">API token</label>
          <input id="token-input" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="fw_…" />
          <button type="submit" className="btn" disabled={!token.trim() || busy !== null}>{busy === 'token' ? 'Signing in…' : 'Sign in'}</button>
        </form>
        {error !== null && <ErrorState error={error} />}
        <p className="fine">Demo sign-in issues a bearer token kept in this browser. Real deployments issue tokens with <code>fitwise tokens create</code>.</p>
      </div>
    </main>
  );
}
