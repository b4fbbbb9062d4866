import { UnrecoverableError } from 'bullmq';

/**
 * A job that ends on purpose, its outcome already recorded where people read it: a message that
 * bounced (the row says `bounced`, the timeline shows the reply) or whose tries are spent for now
 * (back to the schedule for later). BullMQ must not retry it, so it is unrecoverable; but it is no
 * fault of ours, so its line is a warning without a stack, not an error for an operator to chase.
 */
export class JobSettled extends UnrecoverableError {}
