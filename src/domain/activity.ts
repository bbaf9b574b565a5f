import { z } from 'zod';
import { Id } from './common.ts';

export const ApplicationStatus = z.enum(['applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn']);
export const Application = z.object({
  id: Id,
  jobId: Id,
  memberId: Id,
  status: ApplicationStatus.default('applied'),
  note: z.string().max(5000).default(''),
  appliedAt: z.string().datetime(),
});
export type Application = z.infer<typeof Application>;
export type ApplicationInput = z.input<typeof Application>;

export const FitLevel = z.enum(['strong', 'good', 'partial', 'stretch']);
export type FitLevel = z.infer<typeof FitLevel>;
export const FIT_LEVEL_RANK: Record<FitLevel, number> = { stretch: 0, partial: 1, good: 2, strong: 3 };

export const Notification = z.object({
  id: Id,
  memberId: Id,
  kind: z.enum(['job_match', 'application_update', 'system']).default('job_match'),
  jobId: Id.optional(),
  level: FitLevel.optional(),
  score: z.number().min(0).max(1).optional(),
  title: z.string().max(300),
  body: z.string().max(2000).default(''),
  /** The event that caused it: with `memberId` it makes the write idempotent. */
  sourceEventId: z.string().max(200),
  createdAt: z.string().datetime(),
  readAt: z.string().datetime().nullish(),
});
export type Notification = z.infer<typeof Notification>;
export type NotificationInput = z.input<typeof Notification>;

export const MessageRole = z.enum(['user', 'assistant', 'system', 'tool']);
export const ConversationMessage = z.object({
  role: MessageRole,
  content: z.string().max(50000),
  createdAt: z.string().datetime(),
  intent: z.string().max(60).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type ConversationMessage = z.infer<typeof ConversationMessage>;

export const Conversation = z.object({
  id: Id,
  memberId: Id,
  title: z.string().max(300).default(''),
  /** Summary of turns that no longer fit the context window. */
  summary: z.string().max(10000).default(''),
  messages: z.array(ConversationMessage).default([]),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type Conversation = z.infer<typeof Conversation>;
export type ConversationInput = z.input<typeof Conversation>;
