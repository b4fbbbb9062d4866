import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  canonicalTimeZone,
  type ClearancePolicy,
  DomainError,
  outcomeWeeksProblems,
  type QuietHours,
  type ReminderSchedule,
  type Weekday,
} from '@retrowalk/domain';
import {
  type ApiKeyEntity,
  type ApiKeyRole,
  ApiKeyRepository,
  type OrganizationEntity,
  OrganizationRepository,
  type Tx,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Clock } from '../clock/clock';
import { OutcomeCheckPlanner } from '../outcomes/outcome-check-planner';
import { OrganizationPolicies } from './organization-policies';

export interface AuthenticatedCaller {
  organizationId: string;
  apiKeyId: string;
  role: ApiKeyRole;
}

export interface OrganizationSettingsChange {
  displayName?: string | null;
  senderName?: string | null;
  replyTo?: string | null;
  coachEmail?: string;
  backupCoachEmail?: string | null;
  defaultTimezone?: string | null;
  defaultReminder?: { days: Weekday[]; time: string };
  quietHours?: QuietHours;
  importConfirmationsPerMinute?: number;
  /** Applies to people who confirm from now on; switching off also cancels checks not yet sent. */
  outcomeChecks?: { enabled?: boolean; weeks?: readonly number[] };
  clearancePolicy?: ClearancePolicy;
}

export interface IssuedApiKey {
  apiKey: ApiKeyEntity;
  /** The key itself: shown once, stored only as a hash. */
  key: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The name participants see: the display name if the organisation set one. */
export function organizationDisplayName(organization: OrganizationEntity): string {
  return organization.displayName ?? organization.name;
}

export function quietHoursOf(organization: OrganizationEntity): QuietHours {
  return { start: organization.quietHoursStart, end: organization.quietHoursEnd };
}

export function defaultReminderOf(organization: OrganizationEntity): ReminderSchedule {
  return { days: [...organization.defaultReminderDays], time: organization.defaultReminderTime };
}

const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class OrganizationService {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly policies: OrganizationPolicies,
    private readonly clock: Clock,
    private readonly outcomePlanner: OutcomeCheckPlanner,
  ) {}

  /** Creates an organisation and its first admin key; the key is shown once and stored hashed. */
  async create(input: {
    name: string;
    coachEmail: string;
  }): Promise<{ organizationId: string; apiKey: string }> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const organization = await this.organizations.create(tx, { ...input, now });
      const { key } = await this.issue(tx, organization.id, 'admin', null);
      return { organizationId: organization.id, apiKey: key };
    });
  }

  async authenticate(presentedKey: string): Promise<AuthenticatedCaller | null> {
    const key = await this.apiKeys.findUsableByHash(hashApiKey(presentedKey));
    if (!key) return null;
    const now = this.clock.now();
    // last_used_at is kept to the minute; skip the write while this process knows it is fresh.
    if (now.getTime() - (this.touched.get(key.id) ?? 0) >= TOUCH_EVERY_MS) {
      await this.apiKeys.touch(key.id, now);
      this.touched.set(key.id, now.getTime());
    }
    return { organizationId: key.organizationId, apiKeyId: key.id, role: key.role };
  }

  createApiKey(organizationId: string, role: ApiKeyRole, label: string | null): Promise<IssuedApiKey> {
    return this.uow.run((tx) => this.issue(tx, organizationId, role, label));
  }

  listApiKeys(organizationId: string): Promise<ApiKeyEntity[]> {
    return this.apiKeys.listUsable(organizationId);
  }

  /** Revokes at once: the next request with the key is refused. The last admin key stays. */
  async revokeApiKey(organizationId: string, id: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const key = await this.apiKeys.findUsableInOrganization(tx, organizationId, id);
      if (!key) throw new DomainError('not_found', 'No API key with this id.');
      if (key.role === 'admin' && (await this.apiKeys.countUsableAdmins(tx, organizationId)) <= 1) {
        throw new DomainError(
          'invalid_state',
          "This is the organisation's last admin key; create another admin key before revoking it.",
        );
      }
      await this.apiKeys.revoke(tx, key.id, this.clock.now());
    });
  }

  /** The organisation's name as participants know it, for pages behind their links. */
  async shownName(organizationId: string): Promise<string> {
    const organization = await this.organizations.findById(organizationId);
    return organization ? organizationDisplayName(organization) : 'Retrowalk';
  }

  async settings(organizationId: string): Promise<OrganizationEntity> {
    const organization = await this.organizations.findById(organizationId);
    if (!organization) throw new DomainError('not_found', 'No such organisation.');
    return organization;
  }

  async updateSettings(
    organizationId: string,
    change: OrganizationSettingsChange,
  ): Promise<OrganizationEntity> {
    return this.uow
      .run(async (tx) => {
        const organization = await this.organizations.findForUpdate(tx, organizationId);
        if (!organization) throw new DomainError('not_found', 'No such organisation.');
        if (change.displayName !== undefined) organization.displayName = change.displayName;
        if (change.senderName !== undefined) organization.senderName = change.senderName;
        if (change.replyTo !== undefined) organization.replyTo = change.replyTo;
        if (change.coachEmail !== undefined) organization.coachEmail = change.coachEmail;
        if (change.backupCoachEmail !== undefined) organization.backupCoachEmail = change.backupCoachEmail;
        if (change.defaultTimezone !== undefined) {
          organization.defaultTimezone =
            change.defaultTimezone === null
              ? null
              : (canonicalTimeZone(change.defaultTimezone) ?? change.defaultTimezone);
        }
        if (change.defaultReminder !== undefined) {
          organization.defaultReminderDays = [...change.defaultReminder.days];
          organization.defaultReminderTime = change.defaultReminder.time;
        }
        if (change.quietHours !== undefined) {
          organization.quietHoursStart = change.quietHours.start;
          organization.quietHoursEnd = change.quietHours.end;
        }
        if (change.importConfirmationsPerMinute !== undefined) {
          organization.importConfirmationsPerMinute = change.importConfirmationsPerMinute;
        }
        if (change.outcomeChecks !== undefined)
          await this.changeOutcomeChecks(tx, organization, change.outcomeChecks);
        if (change.clearancePolicy !== undefined) organization.clearancePolicy = change.clearancePolicy;
        organization.updatedAt = this.clock.now();
        return this.organizations.save(tx, organization);
      })
      .finally(() => this.policies.forget(organizationId));
  }

  private async changeOutcomeChecks(
    tx: Tx,
    organization: OrganizationEntity,
    change: NonNullable<OrganizationSettingsChange['outcomeChecks']>,
  ): Promise<void> {
    if (change.weeks !== undefined) {
      const problems = outcomeWeeksProblems(change.weeks);
      if (problems.length > 0) {
        throw new DomainError(
          'validation_failed',
          'Please check these fields: outcomeChecks.weeks.',
          problems,
        );
      }
      organization.outcomeDoseEndWeek = change.weeks[0]!;
      organization.outcomeFollowUpWeek = change.weeks[1]!;
    }
    if (change.enabled !== undefined) {
      if (organization.outcomeChecksEnabled && !change.enabled) {
        await this.outcomePlanner.cancelForOrganization(tx, organization.id, this.clock.now());
      }
      organization.outcomeChecksEnabled = change.enabled;
    }
  }

  private async issue(
    tx: Tx,
    organizationId: string,
    role: ApiKeyRole,
    label: string | null,
  ): Promise<IssuedApiKey> {
    const key = `rw_${randomBytes(32).toString('base64url')}`;
    const apiKey = await this.apiKeys.create(tx, {
      organizationId,
      prefix: key.slice(0, 10),
      keyHash: hashApiKey(key),
      role,
      label,
      now: this.clock.now(),
    });
    return { apiKey, key };
  }
}
