import { columnArrayLiterals, numberArrayLiteral, textArrayLiteral } from './array-literal';

describe('array literals', () => {
  it('writes numbers and nulls unquoted', () => {
    expect(numberArrayLiteral([1, -2.5, null, 1e21, 0])).toBe('{1,-2.5,NULL,1e+21,0}');
    expect(numberArrayLiteral([])).toBe('{}');
  });

  it('refuses a number PostgreSQL could not store rather than writing NaN', () => {
    expect(() => numberArrayLiteral([1, Number.NaN])).toThrow('array element 1 is NaN');
  });

  it('quotes text so separators, quotes, backslashes and the word NULL survive', () => {
    expect(textArrayLiteral(['a,b', '{x}', 'say "hi"', 'c:\\dir', 'NULL', null, ''])).toBe(
      '{"a,b","{x}","say \\"hi\\"","c:\\\\dir","NULL",NULL,""}',
    );
  });

  it('builds many columns in one pass, each as its own literal, and refuses a number that is not finite', () => {
    const rows = [
      { name: 'Early, "A"', pot: 3_600_000, oee: 0.5 },
      { name: null, pot: 0, oee: null },
    ];
    const values = (r: (typeof rows)[number]) => [r.name, r.pot, r.oee];
    expect(columnArrayLiterals(rows, ['text', 'number', 'number'], values)).toEqual([
      '{"Early, \\"A\\"",NULL}',
      '{3600000,0}',
      '{0.5,NULL}',
    ]);
    expect(columnArrayLiterals([], ['text'], () => [])).toEqual(['{}']);
    expect(() =>
      columnArrayLiterals([{ oee: Number.POSITIVE_INFINITY }], ['number'], (r) => [r.oee]),
    ).toThrow('array element 0 is Infinity');
  });
});
