import { type OutcomeSettings } from '@retrowalk/domain';
import { type OrganizationEntity } from '@retrowalk/persistence';

/** The organisation's outcome checks as the domain reads them. */
export function outcomeSettingsOf(organization: OrganizationEntity): OutcomeSettings {
  return {
    enabled: organization.outcomeChecksEnabled,
    weeks: [organization.outcomeDoseEndWeek, organization.outcomeFollowUpWeek],
  };
}
