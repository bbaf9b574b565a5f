import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FitwiseError, type Job } from '../domain/index.ts';
import type { Identity, Repositories, Role } from '../store/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity;
  }
}

export class UnauthorizedError extends FitwiseError {
  constructor(message = 'sign in: send Authorization: Bearer <token>') {
    super('unauthorized', message, { status: 401 });
  }
}

export class ForbiddenError extends FitwiseError {
  constructor(message = 'this token may not do that') {
    super('forbidden', message, { status: 403 });
  }
}

const CACHE_MS = 30_000;

/**
 * Resolves `Authorization: Bearer <token>` to an identity on every request (cached briefly). Routes then
 * call `requireRole` and the scope checks below: 401 without a valid token, 403 with one that may not act.
 */
export function installAuth(app: FastifyInstance, repos: Repositories): void {
  const cache = new Map<string, { identity: Identity | undefined; at: number }>();
  app.decorateRequest('identity', undefined);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (!header) return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new UnauthorizedError('malformed Authorization header: expected "Bearer <token>"');
    const token = m[1]!;
    const hit = cache.get(token);
    let identity: Identity | undefined;
    if (hit && Date.now() - hit.at < CACHE_MS) identity = hit.identity;
    else {
      identity = await repos.tokens.resolve(token);
      if (cache.size > 10_000) cache.clear();
      cache.set(token, { identity, at: Date.now() });
    }
    if (!identity) throw new UnauthorizedError('unknown or revoked token');
    req.identity = identity;
  });
}

export function requireIdentity(req: FastifyRequest): Identity {
  if (!req.identity) throw new UnauthorizedError();
  return req.identity;
}

export function requireRole(req: FastifyRequest, ...roles: Role[]): Identity {
  const id = requireIdentity(req);
  if (!roles.includes(id.role)) throw new ForbiddenError(`requires role ${roles.join(' or ')}; this token is ${id.role}`);
  return id;
}

/** A member acts only on their own data; admins may act on anyone's. */
export function requireSelf(req: FastifyRequest, memberId: string): Identity {
  const id = requireRole(req, 'member', 'admin');
  if (id.role === 'member' && id.memberId !== memberId) throw new ForbiddenError('a member may only access their own data');
  return id;
}

/** A recruiter acts only on their own company's jobs. */
export function requireJobOwner(req: FastifyRequest, job: Job): Identity {
  const id = requireRole(req, 'recruiter', 'admin');
  if (id.role === 'recruiter' && id.companyId !== job.companyId) throw new ForbiddenError("a recruiter may only access their own company's jobs");
  return id;
}
