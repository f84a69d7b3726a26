// PostgreSQL array literals ('{1,2,NULL}') built in one pass per column. The pg driver can encode
// JavaScript arrays itself, but it escapes and quotes every element through several calls, and
// for a flush of tens of thousands of rows that was the insert path's largest cost in the
// bench/ingest profile; numbers and UUIDs need no quoting at all.

// Finite numbers (what the device schemas admit) and nulls, for integer and float8 arrays.
export function numberArrayLiteral(values: ReadonlyArray<number | null>): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (i > 0) out += ',';
    if (value === null || value === undefined) out += 'NULL';
    else if (Number.isFinite(value)) out += String(value);
    else throw new RangeError(`array element ${i} is ${value}: only finite numbers have a column type`);
  }
  return `${out}}`;
}

// Any text, each element quoted so that commas, braces, spaces and the word NULL stay text.
export function textArrayLiteral(values: ReadonlyArray<string | null>): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (i > 0) out += ',';
    out += value === null || value === undefined ? 'NULL' : `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return `${out}}`;
}
