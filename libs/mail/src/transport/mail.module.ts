import { Global, Module } from '@nestjs/common';
import { SnsRepository } from '../providers/sns.repository';
import { EmailRepository } from './email.repository';

@Global()
@Module({ providers: [EmailRepository, SnsRepository], exports: [EmailRepository, SnsRepository] })
export class MailModule {}
