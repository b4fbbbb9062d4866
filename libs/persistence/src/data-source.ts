import { DataSource } from 'typeorm';
import { ApiKeyEntity } from './entities/api-key.entity';
import { CheckInEntity } from './entities/check-in.entity';
import { DecisionEntity } from './entities/decision.entity';
import { ImportEntity } from './entities/import.entity';
import { EnrollmentEntity } from './entities/enrollment.entity';
import { MessageEntity } from './entities/message.entity';
import { OrganizationEntity } from './entities/organization.entity';
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
import { MembersAndSignIn1765100000000 } from './migrations/1765100000000-members-and-sign-in';
import { AttentionItems1765110000000 } from './migrations/1765110000000-attention-items';
import { EnrollmentList1765120000000 } from './migrations/1765120000000-enrollment-list';
import { AttentionItemEntity } from './entities/attention-item.entity';
import { CoachNoteEntity } from './entities/coach-note.entity';
import { MemberEntity } from './entities/member.entity';
import { MemberSessionEntity } from './entities/member-session.entity';
import { SignInLinkEntity } from './entities/sign-in-link.entity';

export const ENTITIES = [
  OrganizationEntity,
  ApiKeyEntity,
  EnrollmentEntity,
  MessageEntity,
  CheckInEntity,
  DecisionEntity,
  AuditEntryEntity,
  ImportEntity,
  MemberEntity,
  MemberSessionEntity,
  SignInLinkEntity,
  AttentionItemEntity,
  CoachNoteEntity,
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
  MembersAndSignIn1765100000000,
  AttentionItems1765110000000,
  EnrollmentList1765120000000,
];

export interface DataSourceOptions {
  databaseUrl: string;
  /** Connections in the pool; the dispatcher and the send workers share it. */
  poolSize?: number;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: options.poolSize ?? 20, connectionTimeoutMillis: 5000 },
  });
}
