import { z } from 'zod';
import { ConfigError, parseConfig } from './parse-config';
import { port, postgresUrl } from './env-fields';

const schema = z.object({
  DATABASE_URL: postgresUrl('postgresql://convergent_app@127.0.0.1:5432/convergent'),
  API_PORT: port(3000),
});

describe('parseConfig', () => {
  it('fills defaults for an empty environment', () => {
    expect(parseConfig(schema, {})).toEqual({
      DATABASE_URL: 'postgresql://convergent_app@127.0.0.1:5432/convergent',
      API_PORT: 3000,
    });
  });

  it('names every bad variable and its value in one error', () => {
    const run = () => parseConfig(schema, { DATABASE_URL: 'mysql://x', API_PORT: '99999' });
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('DATABASE_URL="mysql://x": expected a postgresql:// URL');
      expect(message).toContain('API_PORT="99999"');
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
