import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { configProblems, configSync, configTextProblem, valueAtPath } from './gateway-twin';

describe('configSync', () => {
  const twin = (
    desiredVersion: number,
    reportedVersion: number | null,
    status: string | null,
    inSync = false,
  ) => ({
    desiredVersion,
    reportedVersion,
    reportedStatus: status,
    configDifference: { inSync },
  });

  it('says the gateway runs its local file when nothing is desired', () => {
    expect(configSync(twin(0, 0, 'applied', true)).kind).toBe('none');
  });

  it('is in sync when the API says so, naming the version', () => {
    expect(configSync(twin(3, 3, 'applied', true))).toEqual({
      kind: 'in-sync',
      label: 'In sync: the gateway runs version 3',
    });
  });

  it('is pending while the gateway has not answered the newest version', () => {
    expect(configSync(twin(4, 3, 'applied')).label).toBe(
      'Pending: version 4 desired, the gateway runs version 3',
    );
    expect(configSync(twin(1, null, null)).kind).toBe('pending');
  });

  it('says a rejected version keeps the previous configuration running', () => {
    expect(configSync(twin(4, 4, 'rejected')).kind).toBe('rejected');
  });

  it('differs when the gateway reports the desired version with other values', () => {
    expect(configSync(twin(4, 4, 'applied')).kind).toBe('differs');
  });
});

describe('valueAtPath', () => {
  const config = {
    machines: [
      { key: 'press-1', source: { kind: 'simulator' } },
      { key: 'line.2', source: { kind: 'modbus', host: '10.0.0.5', tags: [{ name: 'a' }] } },
    ],
  };

  it('finds machines by key, also keys with dots', () => {
    expect(valueAtPath(config, 'machines.press-1.source.kind')).toBe('"simulator"');
    expect(valueAtPath(config, 'machines.line.2.source.host')).toBe('"10.0.0.5"');
    expect(valueAtPath(config, 'machines.line.2.source.tags.0.name')).toBe('"a"');
  });

  it('is undefined where that side lacks the path', () => {
    expect(valueAtPath(config, 'machines.press-3')).toBeUndefined();
    expect(valueAtPath(undefined, 'machines')).toBeUndefined();
  });
});

describe('configTextProblem', () => {
  it('accepts a JSON object and refuses anything else with the reason', () => {
    expect(configTextProblem('{"machines":["press-1"]}')).toBeNull();
    expect(configTextProblem('')).toMatch(/Enter the configuration/);
    expect(configTextProblem('[1]')).toMatch(/must be a JSON object/);
    expect(configTextProblem('{"machines":')).toMatch(/^Not valid JSON/);
  });
});

describe('configProblems', () => {
  it("reads the API's problems extension", () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('invalid configuration', {
          extensions: {
            code: 'BAD_USER_INPUT',
            problems: ['config.machines: required: at least one machine key'],
          },
        }),
      ],
    });
    expect(configProblems(error)).toEqual(['config.machines: required: at least one machine key']);
    expect(configProblems(undefined)).toEqual([]);
  });
});
