import { pino } from 'pino';
import { REDACTED_PATHS } from './logger';

describe('log redaction', () => {
  it('keeps credentials of a logged request out of the log line', () => {
    const lines: string[] = [];
    const log = pino(
      { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
      { write: (line: string) => lines.push(line) },
    );
    log.info(
      {
        req: {
          id: 'r-1',
          headers: { authorization: 'Bearer eyJsecret', cookie: 'cvg_refresh=abc', accept: '*/*' },
        },
        res: { headers: { 'set-cookie': 'cvg_refresh=def' } },
        input: { email: 'a@b.c', password: 'hunter22' },
      },
      'request completed',
    );
    expect(lines[0]).not.toMatch(/eyJsecret|cvg_refresh=|hunter22/);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      req: { id: 'r-1', headers: { authorization: '[redacted]', cookie: '[redacted]', accept: '*/*' } },
      input: { email: 'a@b.c', password: '[redacted]' },
    });
  });
});
