import { Global, Module } from '@nestjs/common';
import { EmailRepository } from './email.repository';

@Global()
@Module({ providers: [EmailRepository], exports: [EmailRepository] })
export class MailModule {}
