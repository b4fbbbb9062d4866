import { Injectable } from '@nestjs/common';
import { type ClearancePolicy, DEFAULT_CLEARANCE_POLICY, DomainError } from '@retrowalk/domain';
import {
  ApiKeyRepository,
  type AttentionItemEntity,
  AttentionRepository,
  type CheckInEntity,
  CheckInRepository,
  type CoachNoteEntity,
  CoachNoteRepository,
  type DecisionEntity,
  type EnrollmentEntity,
  EnrollmentRepository,
  MemberRepository,
  type MessageEntity,
  MessageRepository,
  OrganizationRepository,
} from '@retrowalk/persistence';

/** Everything the workspace shows about one participant, read in one organisation's transaction. */
export interface ParticipantStory {
  enrollment: EnrollmentEntity;
  nextReminderAt: Date | null;
  clearancePolicy: ClearancePolicy;
  checkIns: CheckInEntity[];
  decisions: DecisionEntity[];
  messages: MessageEntity[];
  notes: CoachNoteEntity[];
  attention: AttentionItemEntity[];
  /** Names of the members and API keys that acted, by their id. */
  people: Map<string, { kind: 'member' | 'api_key'; name: string }>;
}

@Injectable()
export class ParticipantStoryService {
  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly organizations: OrganizationRepository,
    private readonly checkIns: CheckInRepository,
    private readonly messages: MessageRepository,
    private readonly notes: CoachNoteRepository,
    private readonly attention: AttentionRepository,
    private readonly members: MemberRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  async story(organizationId: string, enrollmentId: string): Promise<ParticipantStory> {
    const enrollment = await this.enrollments.findInOrganization(organizationId, enrollmentId);
    if (!enrollment) throw new DomainError('not_found', 'No enrolment with this id.');
    // One after another: inside an organisation's request they share one connection.
    const organization = await this.organizations.findById(organizationId);
    const checkIns = await this.checkIns.list(enrollment.id);
    const decisions = await this.checkIns.decisions(enrollment.id);
    const messages = await this.messages.listForEnrollment(enrollment.id);
    const notes = await this.notes.listForEnrollment(enrollment.id);
    const attention = await this.attention.listForEnrollment(enrollment.id);
    const nextReminderAt =
      enrollment.status === 'active' ? await this.messages.nextPendingDue(enrollment.id, 'reminder') : null;

    const memberIds = [
      ...decisions.map((d) => d.actorMemberId),
      ...notes.map((n) => n.memberId),
      ...attention.map((a) => a.acknowledgedByMemberId),
    ].filter((id): id is string => id !== null);
    const keyIds = [
      ...decisions.map((d) => d.actorApiKeyId),
      ...notes.map((n) => n.apiKeyId),
      ...attention.map((a) => a.acknowledgedByApiKeyId),
    ].filter((id): id is string => id !== null);
    const people = new Map<string, { kind: 'member' | 'api_key'; name: string }>();
    for (const m of await this.members.findManyByIds(memberIds))
      people.set(m.id, { kind: 'member', name: m.name });
    for (const k of await this.apiKeys.findManyByIds(organizationId, keyIds)) {
      people.set(k.id, { kind: 'api_key', name: k.label ? `API key "${k.label}"` : `API key ${k.prefix}…` });
    }
    return {
      enrollment,
      nextReminderAt,
      clearancePolicy: organization?.clearancePolicy ?? DEFAULT_CLEARANCE_POLICY,
      checkIns,
      decisions,
      messages,
      notes,
      attention,
      people,
    };
  }
}
