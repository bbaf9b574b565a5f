import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, real, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  AlertPreferences, Company, Concept, Conversation, Course, Job, Member,
} from '../domain/index.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

export const concepts = pgTable('concepts', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['skill', 'occupation'] }).notNull(),
  label: text('label').notNull(),
  altLabels: jsonb('alt_labels').$type<string[]>().notNull().default([]),
  description: text('description'),
  category: text('category'),
  related: jsonb('related').$type<string[]>().notNull().default([]),
  skills: jsonb('skills').$type<string[]>().notNull().default([]),
  source: text('source'),
  updatedAt: updatedAt(),
}, (t) => [index('concepts_kind_idx').on(t.kind)]);

export const companies = pgTable('companies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  data: jsonb('data').$type<Company>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('companies_name_idx').on(t.name)]);

/** Members keep their full record in `data`; the columns beside it are what retrieval filters on. */
export const members = pgTable('members', {
  id: text('id').primaryKey(),
  data: jsonb('data').$type<Member>().notNull(),
  openToWork: boolean('open_to_work').notNull().default(false),
  country: text('country'),
  city: text('city'),
  seniority: text('seniority'),
  yearsExperience: real('years_experience').notNull().default(0),
  skillIds: text('skill_ids').array().notNull().default(sql`'{}'::text[]`),
  occupationIds: text('occupation_ids').array().notNull().default(sql`'{}'::text[]`),
  remotePrefs: text('remote_prefs').array().notNull().default(sql`'{}'::text[]`),
  /** Copy of `data.alerts`: notification routing reads it per candidate without detoasting `data`. */
  alerts: jsonb('alerts').$type<AlertPreferences>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('members_skill_ids_idx').using('gin', t.skillIds),
  index('members_open_idx').on(t.openToWork),
  index('members_country_idx').on(t.country),
  // Matching workers poll for members changed since their last refresh.
  index('members_updated_idx').on(t.updatedAt),
]);

export const jobs = pgTable('jobs', {
  id: text('id').primaryKey(),
  companyId: text('company_id').notNull().references(() => companies.id),
  data: jsonb('data').$type<Job>().notNull(),
  title: text('title').notNull(),
  status: text('status', { enum: ['draft', 'open', 'closed'] }).notNull().default('open'),
  occupationId: text('occupation_id'),
  country: text('country'),
  city: text('city'),
  remote: text('remote').notNull(),
  seniority: text('seniority').notNull(),
  skillIds: text('skill_ids').array().notNull().default(sql`'{}'::text[]`),
  salaryMinYear: doublePrecision('salary_min_year'),
  salaryMaxYear: doublePrecision('salary_max_year'),
  postedAt: timestamp('posted_at', { withTimezone: true, mode: 'string' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('jobs_skill_ids_idx').using('gin', t.skillIds),
  index('jobs_status_idx').on(t.status),
  index('jobs_company_idx').on(t.companyId),
  index('jobs_posted_idx').on(t.postedAt),
]);

export const courses = pgTable('courses', {
  id: text('id').primaryKey(),
  data: jsonb('data').$type<Course>().notNull(),
  skillIds: text('skill_ids').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: updatedAt(),
}, (t) => [index('courses_skill_ids_idx').using('gin', t.skillIds)]);

export const applications = pgTable('applications', {
  id: text('id').primaryKey(),
  jobId: text('job_id').notNull().references(() => jobs.id),
  memberId: text('member_id').notNull().references(() => members.id),
  status: text('status').notNull().default('applied'),
  note: text('note').notNull().default(''),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [
  uniqueIndex('applications_job_member_uq').on(t.jobId, t.memberId),
  index('applications_member_idx').on(t.memberId),
]);

export const notifications = pgTable('notifications', {
  /** Monotonic sequence: the SSE event id, so a stream resumes with Last-Event-ID. */
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  id: text('id').notNull(),
  memberId: text('member_id').notNull(),
  kind: text('kind').notNull(),
  jobId: text('job_id'),
  level: text('level'),
  score: real('score'),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  sourceEventId: text('source_event_id').notNull(),
  createdAt: createdAt(),
  readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
}, (t) => [
  uniqueIndex('notifications_id_uq').on(t.id),
  // At-least-once delivery + this constraint = exactly one notification per member per cause.
  uniqueIndex('notifications_member_source_uq').on(t.memberId, t.sourceEventId),
  index('notifications_member_seq_idx').on(t.memberId, t.seq),
  index('notifications_job_idx').on(t.jobId),
]);

export const conversations = pgTable('conversations', {
  id: text('id').primaryKey(),
  memberId: text('member_id').notNull(),
  data: jsonb('data').$type<Conversation>().notNull(),
  updatedAt: updatedAt(),
}, (t) => [index('conversations_member_idx').on(t.memberId, t.updatedAt)]);

/** Transactional outbox: events written with the change that caused them, then dispatched. */
export const outbox = pgTable('outbox', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  eventId: text('event_id').notNull(),
  topic: text('topic').notNull(),
  key: text('key').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
  attempts: integer('attempts').notNull().default(0),
}, (t) => [
  uniqueIndex('outbox_event_uq').on(t.eventId),
  index('outbox_unpublished_idx').on(t.seq).where(sql`published_at is null`),
  // Retention (src/realtime/retention.ts) deletes published rows by age.
  index('outbox_published_at_idx').on(t.publishedAt).where(sql`published_at is not null`),
]);

/** Which consumer has applied which event: idempotency for at-least-once delivery. */
export const processedEvents = pgTable('processed_events', {
  consumer: text('consumer').notNull(),
  eventId: text('event_id').notNull(),
  processedAt: timestamp('processed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.consumer, t.eventId] }), index('processed_events_at_idx').on(t.processedAt)]);

export const webhooks = pgTable('webhooks', {
  id: text('id').primaryKey(),
  ownerKind: text('owner_kind', { enum: ['member', 'company', 'admin'] }).notNull(),
  ownerId: text('owner_id').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  events: text('events').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [index('webhooks_owner_idx').on(t.ownerKind, t.ownerId)]);

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: text('id').primaryKey(),
  webhookId: text('webhook_id').notNull().references(() => webhooks.id),
  eventId: text('event_id').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: ['pending', 'delivered', 'dead'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  lastStatus: integer('last_status'),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'string' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('webhook_deliveries_uq').on(t.webhookId, t.eventId),
  index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
]);

/** The cost ledger: one row per model call (including cache hits and local answers). */
export const llmCalls = pgTable('llm_calls', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  feature: text('feature').notNull(),
  tenant: text('tenant'),
  memberId: text('member_id'),
  provider: text('provider').notNull(),
  model: text('model').notNull(),
  inputTokens: integer('input_tokens').notNull().default(0),
  cachedInputTokens: integer('cached_input_tokens').notNull().default(0),
  outputTokens: integer('output_tokens').notNull().default(0),
  tokensEstimated: boolean('tokens_estimated').notNull().default(false),
  /** Null when the model has no price: unknown cost is never recorded as 0. */
  costUsd: numeric('cost_usd', { precision: 14, scale: 8, mode: 'number' }),
  latencyMs: real('latency_ms'),
  ttftMs: real('ttft_ms'),
  outcome: text('outcome').notNull(),
  errorCode: text('error_code'),
  cacheHit: boolean('cache_hit').notNull().default(false),
  reasks: integer('reasks').notNull().default(0),
  degradedReason: text('degraded_reason'),
}, (t) => [
  index('llm_calls_at_idx').on(t.at),
  index('llm_calls_feature_idx').on(t.feature, t.at),
  index('llm_calls_member_idx').on(t.memberId, t.at),
]);

/** Budget counters per scope and period; reservations are taken with one conditional UPDATE. */
export const llmBudgets = pgTable('llm_budgets', {
  scope: text('scope').notNull(),
  period: text('period').notNull(),
  unit: text('unit', { enum: ['usd', 'tokens'] }).notNull(),
  limitAmount: numeric('limit_amount', { precision: 16, scale: 8, mode: 'number' }).notNull(),
  used: numeric('used', { precision: 16, scale: 8, mode: 'number' }).notNull().default(0),
  updatedAt: updatedAt(),
}, (t) => [primaryKey({ columns: [t.scope, t.period, t.unit] })]);

export const llmCache = pgTable('llm_cache', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  hits: integer('hits').notNull().default(0),
}, (t) => [index('llm_cache_expires_idx').on(t.expiresAt)]);

export const evalRuns = pgTable('eval_runs', {
  id: text('id').primaryKey(),
  suite: text('suite').notNull(),
  report: jsonb('report').$type<Record<string, unknown>>().notNull(),
  passed: boolean('passed').notNull(),
  createdAt: createdAt(),
}, (t) => [index('eval_runs_suite_idx').on(t.suite, t.createdAt)]);

/** API tokens: only a SHA-256 hash of the token is stored. */
export const apiTokens = pgTable('api_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['member', 'recruiter', 'admin'] }).notNull(),
  memberId: text('member_id'),
  companyId: text('company_id'),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
});

export const annotations = pgTable('annotations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: text('case_id').notNull(),
  annotator: text('annotator').notNull(),
  labels: jsonb('labels').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('annotations_case_annotator_uq').on(t.caseId, t.annotator)]);

export const kv = pgTable('kv', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

export type ConceptRow = typeof concepts.$inferSelect;
export type { Concept };
