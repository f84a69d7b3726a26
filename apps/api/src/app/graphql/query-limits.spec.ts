import { parse } from 'graphql';
import { queryDepth } from './query-limits';

describe('queryDepth', () => {
  it('counts nesting through fragments and inline fragments, not introspection', () => {
    const document = parse(`
      query Deep { a { ...F } __schema { types { fields { type { name } } } } }
      fragment F on T { b { ... on U { c { d } } } }
      query Shallow { a }
    `);
    expect(queryDepth(document, 'Deep')).toBe(4);
    expect(queryDepth(document, 'Shallow')).toBe(1);
  });
});
