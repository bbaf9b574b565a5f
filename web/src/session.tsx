import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, currentToken, setSession, streamSse, type Identity, type Notification } from './api.ts';

interface SessionValue {
  identity: Identity | null;
  checking: boolean;
  signIn(as: 'member' | 'recruiter' | 'admin'): Promise<Identity>;
  signInWithToken(token: string): Promise<Identity>;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [checking, setChecking] = useState(Boolean(currentToken()));

  useEffect(() => {
    const token = currentToken();
    if (!token) return;
    api<Identity>('/v1/me').then(
      (me) => { setSession(token, me); setIdentity(me); },
      () => setSession(null, null),
    ).finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (as: 'member' | 'recruiter' | 'admin') => {
    setSession(null, null);
    const { token } = await api<{ token: string; identity: Identity }>('/v1/auth/demo', { body: { as } });
    setSession(token, null);
    const me = await api<Identity>('/v1/me');
    setSession(token, me);
    setIdentity(me);
    return me;
  }, []);

  const signInWithToken = useCallback(async (token: string) => {
    setSession(token, null);
    try {
      const me = await api<Identity>('/v1/me');
      setSession(token, me);
      setIdentity(me);
      return me;
    } catch (err) {
      setSession(null, null);
      throw err;
    }
  }, []);

  const signOut = useCallback(() => {
    setSession(null, null);
    setIdentity(null);
  }, []);

  return <SessionContext.Provider value={{ identity, checking, signIn, signInWithToken, signOut }}>{children}</SessionContext.Provider>;
}

// ---- Live notifications for members ----

interface NotificationsValue {
  items: Notification[];
  unread: number;
  live: 'connecting' | 'live' | 'offline' | 'unavailable';
  toasts: Notification[];
  dismiss(id: string): void;
  markAllSeen(): void;
}

const NotificationsContext = createContext<NotificationsValue>({
  items: [], unread: 0, live: 'offline', toasts: [], dismiss() {}, markAllSeen() {},
});

export function useNotifications(): NotificationsValue { return useContext(NotificationsContext); }

/**
 * Keeps one SSE connection to `/v1/notifications/stream` while a member is signed in: loads the
 * latest list, then resumes the stream after the newest one (Last-Event-ID) and reconnects on drops.
 */
export function NotificationsProvider({ memberId, children }: { memberId: string; children: ReactNode }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [toasts, setToasts] = useState<Notification[]>([]);
  const [seenAt, setSeenAt] = useState(() => new Date().toISOString());
  const [live, setLive] = useState<NotificationsValue['live']>('connecting');
  const lastSeq = useRef(0);

  useEffect(() => {
    const ac = new AbortController();
    let stopped = false;
    const add = (n: Notification, announce: boolean) => {
      if (n.seq !== undefined) lastSeq.current = Math.max(lastSeq.current, n.seq);
      setItems((prev) => (prev.some((p) => p.id === n.id) ? prev : [n, ...prev].slice(0, 100)));
      if (announce) {
        setToasts((t) => [...t, n].slice(-3));
        setTimeout(() => setToasts((t) => t.filter((x) => x.id !== n.id)), 8000);
      }
    };
    (async () => {
      try {
        const list = await api<{ items: Notification[] }>('/v1/notifications?limit=30', { signal: ac.signal });
        const sorted = [...list.items].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
        for (const n of sorted) add(n, false);
      } catch { /* the list is optional: the stream replays */ }
      let delay = 1000;
      while (!stopped) {
        try {
          setLive('connecting');
          await streamSse('/v1/notifications/stream', (e) => {
            if (e.event === 'notification') add(e.data as Notification, true);
          }, { signal: ac.signal, lastEventId: lastSeq.current ? String(lastSeq.current) : undefined, method: 'GET', onOpen: () => setLive('live') });
          delay = 1000;
        } catch (err) {
          if (stopped) return;
          if ((err as { status?: number }).status === 404) { setLive('unavailable'); return; }
        }
        if (stopped) return;
        setLive('offline');
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 15_000);
      }
    })();
    return () => { stopped = true; ac.abort(); };
  }, [memberId]);

  const unread = items.filter((n) => !n.readAt && n.createdAt > seenAt).length;
  const value: NotificationsValue = {
    items, unread, live, toasts,
    dismiss: (id) => setToasts((t) => t.filter((x) => x.id !== id)),
    markAllSeen: () => setSeenAt(new Date().toISOString()),
  };
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}
