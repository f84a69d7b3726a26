import { numberArrayLiteral, textArrayLiteral } from './array-literal';

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
});
