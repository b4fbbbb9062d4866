export { API_KEY_ROLES, ApiKeyEntity, type ApiKeyRole } from './entities/api-key.entity';
export { CheckInEntity, type StoredReport } from './entities/check-in.entity';
export { DecisionEntity, type DecisionSource } from './entities/decision.entity';
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
export { MessageRepository, type NewMessage } from './repositories/message.repository';
export {
  type ClaimedMessage,
  type LapsedClaim,
  type MessageClaim,
  MessageDeliveryRepository,
  type SendingMessage,
  type UnfinishedMessage,
} from './repositories/message-delivery.repository';
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
