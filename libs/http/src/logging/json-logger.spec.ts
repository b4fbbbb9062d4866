import { JsonLogger, redact } from './json-logger';

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, service and context', () => {
    const lines: string[] = [];
    new JsonLogger('api', 'info', (l) => lines.push(l)).log('started', 'Bootstrap');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      service: 'api',
      context: 'Bootstrap',
      msg: 'started',
    });
  });

  it('redacts email addresses, also inside error stacks', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('worker', 'info', (l) => lines.push(l));
    logger.error(new Error('rejected ann.smith+walks@example.co.uk by server'), undefined, 'Send');
    expect(lines[0]).not.toContain('ann.smith');
    expect((JSON.parse(lines[0]!) as { msg: string }).msg).toBe('rejected [email] by server');
  });

  it('drops messages below the configured level', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('api', 'warn', (l) => lines.push(l));
    logger.log('chatty');
    logger.debug('chattier');
    logger.warn('careful');
    expect(lines).toHaveLength(1);
  });

  it('leaves text without addresses alone', () => {
    expect(redact('Sent reminder message 5f1c')).toBe('Sent reminder message 5f1c');
  });
});
