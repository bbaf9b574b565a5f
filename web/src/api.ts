/** The API client: bearer token + identity headers, JSON calls, and SSE over fetch (EventSource cannot send headers). */

export type Role = 'member' | 'recruiter' | 'admin';
export interface Identity { role: Role; memberId?: string; companyId?: string; name?: string }

const TOKEN_KEY = 'fitwise.token';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

let token: string | null = readToken();
let identity: Identity | null = null;

function readToken(): string | null {
  try { return localStorage.getItem(TOKEN_KEY); } catch { return null; }
}

export function currentToken(): string | null { return token; }

export function setSession(t: string | null, who: Identity | null): void {
  token = t;
  identity = who;
  try {
    if (t) localStorage.setItem(TOKEN_KEY, t);
    else localStorage.removeItem(TOKEN_KEY);
  } catch { /* private mode: the session lasts for this page only */ }
}

/**
 * Authorization for every call, plus the identity headers some routes read until they all use the
 * token (`x-role`, `x-member-id`, `x-company-id`, derived from `/v1/me`).
 */
export function authHeaders(): Record<string, string> {
  const h: Record<string, string> = {};
  if (token) h.authorization = `Bearer ${token}`;
  if (identity) {
    h['x-role'] = identity.role;
    if (identity.memberId) h['x-member-id'] = identity.memberId;
    if (identity.companyId) h['x-company-id'] = identity.companyId;
  }
  return h;
}

async function toError(res: Response): Promise<ApiError> {
  let code = 'http_error';
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json() as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch { /* not JSON */ }
  return new ApiError(res.status, code, message);
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
  });
  if (!res.ok) throw await toError(res);
  return res.status === 204 ? (undefined as T) : await res.json() as T;
}

export interface SseEvent { event: string; data: unknown; id?: string }

/**
 * Reads a text/event-stream response and calls `onEvent` per event; resolves when the stream ends.
 * Throws ApiError on a non-2xx answer (e.g. 404 when a route is not deployed).
 */
export async function streamSse(
  path: string,
  onEvent: (e: SseEvent) => void,
  init: { method?: string; body?: unknown; signal?: AbortSignal; lastEventId?: string; onOpen?: () => void } = {},
): Promise<void> {
  const headers: Record<string, string> = { accept: 'text/event-stream', ...authHeaders() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.lastEventId) headers['last-event-id'] = init.lastEventId;
  const res = await fetch(path, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
    cache: 'no-store',
  });
  if (!res.ok) throw await toError(res);
  init.onOpen?.();
  if (!res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
      }
      if (data.length === 0) continue;
      const text = data.join('\n');
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* plain text data */ }
      onEvent({ event, data: parsed, ...(id !== undefined ? { id } : {}) });
    }
  }
}

// ---- Shapes the pages read (a subset of the API's answers) ----

export type FitLevel = 'strong' | 'good' | 'partial' | 'stretch';

export interface Evidence { field: string; quote: string; note?: string }
export type NextStep =
  | { kind: 'course'; courseId: string; title: string; provider: string; level: string; durationHours: number; url?: string }
  | { kind: 'adjacent_skill'; skillId: string; label: string; field: string }
  | { kind: 'surface_evidence'; field: string; quote: string; advice: string }
  | { kind: 'action'; advice: string };
export interface Qualification {
  requirement: string;
  kind: 'required' | 'preferred';
  type?: string;
  status: 'met' | 'partial' | 'missing';
  evidence: Evidence[];
  via?: { id: string; label: string };
  nextSteps?: NextStep[];
}
export interface FitAssessment {
  level: FitLevel;
  score: number;
  qualifications: Qualification[];
  facts: { summary: string; location?: { compatible: boolean; reason: string }; [k: string]: unknown };
}

export interface JobSkill { skillId?: string; name: string; level?: string; years?: number }
export interface Job {
  id: string;
  companyId: string;
  title: string;
  description: string;
  location: { city?: string; region?: string; country?: string };
  remote: 'onsite' | 'hybrid' | 'remote';
  seniority: string;
  employmentType: string;
  salary?: { min: number; max: number; currency: string; period: string };
  required: { skills: JobSkill[]; minYears?: number };
  preferred: { skills: JobSkill[] };
  status: 'draft' | 'open' | 'closed';
  postedAt?: string;
}
export interface Page<T> { items: T[]; total: number; limit?: number; offset?: number }
export interface MatchedJob { jobId: string; level: FitLevel; score: number; job?: Job; assessment?: FitAssessment }
export interface Notification {
  id: string; memberId: string; kind: string; jobId?: string; level?: FitLevel; score?: number;
  title: string; body: string; createdAt: string; readAt?: string | null; seq?: number;
}
export interface Company { id: string; name: string }

export function placeOf(job: Pick<Job, 'location' | 'remote'>): string {
  const where = [job.location?.city, job.location?.country].filter(Boolean).join(', ');
  return [where, job.remote !== 'onsite' ? job.remote : ''].filter(Boolean).join(' · ') || 'Location not given';
}
