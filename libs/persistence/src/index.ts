export { API_KEY_ROLES, ApiKeyEntity, type ApiKeyRole } from './entities/api-key.entity';
export { CheckInEntity, type StoredReport } from './entities/check-in.entity';
export { type DecisionActorKind, DecisionEntity, type DecisionSource } from './entities/decision.entity';
export { EnrollmentEntity } from './entities/enrollment.entity';
export { MessageEntity } from './entities/message.entity';
export { OrganizationEntity } from './entities/organization.entity';
export { createDataSource, ENTITIES, MIGRATIONS } from './data-source';
export {
  ensureDatabaseExists,
  explainPostgresError,
  runMigrations,
  ServiceUnavailableAtStartError,
} from './database-bootstrap';
export { PersistenceModule } from './persistence.module';
export { ApiKeyRepository } from './repositories/api-key.repository';
export { CheckInRepository } from './repositories/check-in.repository';
export { ClockRepository } from './repositories/clock.repository';
export { EnrollmentRepository, type NewEnrollment } from './repositories/enrollment.repository';
export { MessageRepository, type NewMemberMessage, type NewMessage } from './repositories/message.repository';
export {
  type ClaimedMessage,
  type LapsedClaim,
  type MessageClaim,
  MessageDeliveryRepository,
  type SendingMessage,
  type UnfinishedMessage,
} from './repositories/message-delivery.repository';
export {
  MessageSendingRepository,
  type SendingContext,
  type SentMessage,
  type ServerAnswer,
} from './repositories/message-sending.repository';
export { OrganizationRepository } from './repositories/organization.repository';
export { currentManager, DATA_SOURCE, isUniqueViolation, type Tx, UnitOfWork } from './unit-of-work';
export {
  createRoleIfMissingSql,
  grantRoleToCurrentUserSql,
  isolateByOrganization,
  TENANT_ROLE,
} from './migrations/tenant-isolation';
export { type AuditAction, type AuditActorKind, AuditEntryEntity } from './entities/audit-entry.entity';
export { AuditEntryRepository, type NewAuditEntry } from './repositories/audit-entry.repository';
export { ImportEntity, type ImportSource, type ImportStatus } from './entities/import.entity';
export {
  type EarlierRepeat,
  type ImportedEnrollmentRef,
  type ImportRowError,
  ImportRepository,
  type StagedRow,
} from './repositories/import.repository';
export {
  type CohortGroupRow,
  type CohortSelection,
  type EnrolmentWeekRow,
  type PlanRow,
  ReportRepository,
  type WeekCountRow,
} from './repositories/report.repository';
export { OutcomeCheckEntity } from './entities/outcome-check.entity';
export { type NewOutcomeCheck, OutcomeCheckRepository } from './repositories/outcome-check.repository';
export { AttentionItemEntity } from './entities/attention-item.entity';
export { CoachNoteEntity } from './entities/coach-note.entity';
export { MemberEntity, type MemberRole } from './entities/member.entity';
export { MemberSessionEntity } from './entities/member-session.entity';
export { SignInLinkEntity, type SignInLinkPurpose } from './entities/sign-in-link.entity';
export {
  type AttentionListQuery,
  AttentionRepository,
  type AttentionRow,
  type DueTimer,
  type OpenAttention,
} from './repositories/attention.repository';
export { CoachNoteRepository } from './repositories/coach-note.repository';
export {
  ENROLLMENT_ORDERS,
  type EnrollmentListQuery,
  EnrollmentListRepository,
  type EnrollmentListRow,
  type EnrollmentOrder,
  type EnrollmentSummary,
} from './repositories/enrollment-list.repository';
export { MemberRepository, type MemberRow } from './repositories/member.repository';
export { MemberSessionRepository, type UsableSession } from './repositories/member-session.repository';
export { SignInLinkRepository } from './repositories/sign-in-link.repository';
export {
  DeliveryEventEntity,
  type DeliveryEventKind,
  type DeliveryEventOrigin,
} from './entities/delivery-event.entity';
export { type SuppressionLiftReason, SuppressionEntity } from './entities/suppression.entity';
export {
  DeliveryEventRepository,
  type EventTarget,
  type NewDeliveryEvent,
} from './repositories/delivery-event.repository';
export { type NewSuppression, SuppressionRepository } from './repositories/suppression.repository';
