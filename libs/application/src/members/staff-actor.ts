/**
 * Who in an organisation did something a person does (cleared someone, acknowledged an item, wrote
 * a note): a signed-in member, or an integration through an API key.
 */
export type StaffActor = { kind: 'member'; memberId: string } | { kind: 'api_key'; apiKeyId: string };

/** The columns an actor is stored in. */
export function actorColumns(actor: StaffActor): { memberId: string | null; apiKeyId: string | null } {
  return actor.kind === 'member'
    ? { memberId: actor.memberId, apiKeyId: null }
    : { memberId: null, apiKeyId: actor.apiKeyId };
}
