import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type ApiKeyRole,
  ApiKeyRepository,
  OrganizationRepository,
  UnitOfWork,
} from '@retrowalk/persistence';
import { Clock } from '../clock/clock';

export interface AuthenticatedCaller {
  organizationId: string;
  apiKeyId: string;
  role: ApiKeyRole;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class OrganizationService {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly clock: Clock,
  ) {}

  /** Creates an organisation and its first admin key; the key is shown once and stored hashed. */
  async create(input: {
    name: string;
    coachEmail: string;
  }): Promise<{ organizationId: string; apiKey: string }> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const organization = await this.organizations.create(tx, { ...input, now });
      const apiKey = `rw_${randomBytes(32).toString('base64url')}`;
      await this.apiKeys.create(tx, {
        organizationId: organization.id,
        prefix: apiKey.slice(0, 10),
        keyHash: hashApiKey(apiKey),
        role: 'admin',
        now,
      });
      return { organizationId: organization.id, apiKey };
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
}
