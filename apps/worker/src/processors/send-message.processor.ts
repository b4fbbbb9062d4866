import { Injectable } from '@nestjs/common';
import { SendMessageService } from '@retrowalk/application';
import { type JobHandler, type JobName } from '@retrowalk/queue';

/** Sends one claimed message; the service reloads the row and returns early if it is no longer wanted. */
@Injectable()
export class SendMessageProcessor {
  constructor(private readonly sender: SendMessageService) {}

  readonly handle: JobHandler<JobName.SendMessage> = ({ messageId, claim }, context) =>
    this.sender.send({ id: messageId, claim }, context);
}
