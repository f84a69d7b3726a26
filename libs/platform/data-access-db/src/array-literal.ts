// PostgreSQL array literals ('{1,2,NULL}') built in one pass per column. The pg driver can encode
// JavaScript arrays itself, but it escapes and quotes every element through several calls, and
// for a flush of tens of thousands of rows that was the insert path's largest cost in the
// bench/ingest profile; numbers and UUIDs need no quoting at all.

// Finite numbers (what the device schemas admit) and nulls, for integer and float8 arrays.
function numberElement(value: number | null | undefined, index: number): string {
  if (value === null || value === undefined) return 'NULL';
  if (Number.isFinite(value)) return String(value);
  throw new RangeError(`array element ${index} is ${value}: only finite numbers have a column type`);
}

// Any text, quoted so that commas, braces, spaces and the word NULL stay text.
function textElement(value: string | null | undefined): string {
  return value === null || value === undefined ? 'NULL' : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

export function numberArrayLiteral(values: ReadonlyArray<number | null>): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) out += (i > 0 ? ',' : '') + numberElement(values[i], i);
  return `${out}}`;
}

export function textArrayLiteral(values: ReadonlyArray<string | null>): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) out += (i > 0 ? ',' : '') + textElement(values[i]);
  return `${out}}`;
}

export type ArrayElementKind = 'number' | 'text';

// The array literals of many columns in one pass over the rows: rowValues gives a row's values in
// the order of kinds. For wide rows this is much cheaper than a pass per column (one array and one
// call per value and column).
export function columnArrayLiterals<R>(
  rows: readonly R[],
  kinds: readonly ArrayElementKind[],
  rowValues: (row: R) => ReadonlyArray<string | number | null>,
): string[] {
  const out = kinds.map(() => '{');
  for (let i = 0; i < rows.length; i += 1) {
    const values = rowValues(rows[i] as R);
    const separator = i > 0 ? ',' : '';
    for (let c = 0; c < kinds.length; c += 1) {
      const value = values[c];
      out[c] +=
        separator +
        (kinds[c] === 'text'
          ? textElement(value as string | null | undefined)
          : numberElement(value as number | null | undefined, i));
    }
  }
  return out.map((literal) => `${literal}}`);
}
