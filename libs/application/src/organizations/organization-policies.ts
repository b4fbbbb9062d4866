import { Injectable } from '@nestjs/common';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '@retrowalk/domain';
import { OrganizationRepository, type Tx } from '@retrowalk/persistence';

const FRESH_FOR_MS = 30_000;

/**
 * The organisation settings that scheduling reads for every message it places (quiet hours), kept
 * for 30 seconds per process so a fan-out of a million reminders does not read the same row a
 * million times. A settings change reaches every process within that time.
 */
@Injectable()
export class OrganizationPolicies {
  private readonly cache = new Map<string, { quietHours: QuietHours; readAt: number }>();

  constructor(private readonly organizations: OrganizationRepository) {}

  async quietHours(organizationId: string, tx?: Tx): Promise<QuietHours> {
    const cached = this.cache.get(organizationId);
    if (cached && Date.now() - cached.readAt < FRESH_FOR_MS) return cached.quietHours;
    const organization = await this.organizations.findById(organizationId, tx);
    const quietHours = organization
      ? { start: organization.quietHoursStart, end: organization.quietHoursEnd }
      : DEFAULT_QUIET_HOURS;
    this.cache.set(organizationId, { quietHours, readAt: Date.now() });
    return quietHours;
  }

  /** After this process changed the settings itself: read them again next time. */
  forget(organizationId: string): void {
    this.cache.delete(organizationId);
  }
}
