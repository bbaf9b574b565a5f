import type { Db } from '../database.ts';
import { ApplicationRepository, CompanyRepository, CourseRepository, JobRepository, MemberRepository, type Clock } from './aggregates.ts';
import { ConversationRepository, NotificationRepository } from './activity.ts';
import { ConceptRepository } from './concepts.ts';
import { OutboxRepository } from './outbox.ts';
import { ApiTokenRepository } from './tokens.ts';

export interface Repositories {
  concepts: ConceptRepository;
  companies: CompanyRepository;
  members: MemberRepository;
  jobs: JobRepository;
  courses: CourseRepository;
  applications: ApplicationRepository;
  notifications: NotificationRepository;
  conversations: ConversationRepository;
  outbox: OutboxRepository;
  tokens: ApiTokenRepository;
}

export function createRepositories(db: Db, clock: Clock = () => new Date()): Repositories {
  return {
    concepts: new ConceptRepository(db),
    companies: new CompanyRepository(db),
    members: new MemberRepository(db, clock),
    jobs: new JobRepository(db, clock),
    courses: new CourseRepository(db),
    applications: new ApplicationRepository(db),
    notifications: new NotificationRepository(db),
    conversations: new ConversationRepository(db),
    outbox: new OutboxRepository(db),
    tokens: new ApiTokenRepository(db),
  };
}

export {
  ApplicationRepository, CompanyRepository, ConceptRepository, ConversationRepository, CourseRepository, JobRepository,
  MemberRepository, NotificationRepository, OutboxRepository, type Clock,
};
export { appendEvent, TOPICS, type DomainEvent } from './outbox.ts';
export type { StoredNotification } from './activity.ts';
export { ApiTokenRepository, hashToken, type Identity, type Role } from './tokens.ts';
export { yearsOfExperience } from './derive.ts';
