import { DataSource } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity';
import { CheckInEntity } from './entities/check-in.entity';
import { DecisionEntity } from './entities/decision.entity';
import { ImportEntity } from './entities/import.entity';
import { EnrollmentEntity } from './entities/enrollment.entity';
import { MessageEntity } from './entities/message.entity';
import { OrganizationEntity } from './entities/organization.entity';
import { DeliveryEventEntity } from './entities/delivery-event.entity';
import { SuppressionEntity } from './entities/suppression.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { CheckIns1764100000000 } from './migrations/1764100000000-check-ins';
import { InFlightIndex1764200000000 } from './migrations/1764200000000-in-flight-index';
import { RolesSettingsIsolation1764300000000 } from './migrations/1764300000000-roles-settings-isolation';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import { DataRights1764600000000 } from './migrations/1764600000000-data-rights';
import { Imports1764400000000 } from './migrations/1764400000000-imports';
import { ReportIndexes1764500000000 } from './migrations/1764500000000-report-indexes';
import { LeastPrivilege1764800000000 } from './migrations/1764800000000-least-privilege';
import { UnfinishedImportsIndex1764900000000 } from './migrations/1764900000000-unfinished-imports-index';
import { DeliveryGuarantee1765000000000 } from './migrations/1765000000000-delivery-guarantee';
import { SupersededReEngagementRows1765010000000 } from './migrations/1765010000000-superseded-re-engagement-rows';
import { CanonicalTimeZones1765200000000 } from './migrations/1765200000000-canonical-time-zones';
import { OutcomeCheckEntity } from './entities/outcome-check.entity';
import { OutcomeChecks1765300000000 } from './migrations/1765300000000-outcome-checks';
import { MembersAndSignIn1765100000000 } from './migrations/1765100000000-members-and-sign-in';
import { AttentionItems1765110000000 } from './migrations/1765110000000-attention-items';
import { EnrollmentList1765120000000 } from './migrations/1765120000000-enrollment-list';
import { AttentionItemEntity } from './entities/attention-item.entity';
import { CoachNoteEntity } from './entities/coach-note.entity';
import { MemberEntity } from './entities/member.entity';
import { MemberSessionEntity } from './entities/member-session.entity';
import { SignInLinkEntity } from './entities/sign-in-link.entity';
import { Deliverability1765400000000 } from './migrations/1765400000000-deliverability';
import { UnsentDueIndex1765520000000 } from './migrations/1765520000000-unsent-due-index';

export const ENTITIES = [
  OrganizationEntity,
  ApiKeyEntity,
  EnrollmentEntity,
  MessageEntity,
  CheckInEntity,
  DecisionEntity,
  AuditEntryEntity,
  ImportEntity,
  OutcomeCheckEntity,
  MemberEntity,
  MemberSessionEntity,
  SignInLinkEntity,
  AttentionItemEntity,
  CoachNoteEntity,
  DeliveryEventEntity,
  SuppressionEntity,
];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  CheckIns1764100000000,
  InFlightIndex1764200000000,
  RolesSettingsIsolation1764300000000,
  Imports1764400000000,
  ReportIndexes1764500000000,
  DataRights1764600000000,
  LeastPrivilege1764800000000,
  UnfinishedImportsIndex1764900000000,
  DeliveryGuarantee1765000000000,
  SupersededReEngagementRows1765010000000,
  MembersAndSignIn1765100000000,
  AttentionItems1765110000000,
  EnrollmentList1765120000000,
  CanonicalTimeZones1765200000000,
  OutcomeChecks1765300000000,
  Deliverability1765400000000,
  UnsentDueIndex1765520000000,
];

export interface DatabaseTimeouts {
  /** Connecting, and waiting for a free pooled connection. */
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export interface DataSourceOptions {
  databaseUrl: string;
  /** Connections in the pool; the dispatcher and the send workers share it. */
  poolSize?: number;
  /**
   * Bounds on every wait. Left out only where a statement may rightly run long (migrations build
   * indexes on big tables); the apps always pass them.
   */
  timeouts?: DatabaseTimeouts;
}

// The client gives up a little after the server would have, so the server's own (cleaner)
// cancellation normally wins; the client's timer is for when the server cannot be heard at all.
const CLIENT_TIMEOUT_MARGIN_MS = 2000;

export function createDataSource(options: DataSourceOptions): DataSource {
  const t = options.timeouts;
  return new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // TypeORM would CREATE EXTENSION "uuid-ossp" on every connect (our ids come from Postgres'
    // own gen_random_uuid()): a needless privilege, and a race between processes starting at once.
    installExtensions: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: t?.connectTimeoutMs ?? 5000,
      // A peer that vanished (a network partition) is noticed by TCP, not after two hours.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(t && {
        statement_timeout: t.statementTimeoutMs,
        idle_in_transaction_session_timeout: t.idleInTransactionTimeoutMs,
        query_timeout: t.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
      }),
    },
  });
}
