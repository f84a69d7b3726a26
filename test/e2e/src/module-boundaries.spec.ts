import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

// The workspace's real ESLint configuration, run on a fixture project tagged as a universal util
// lib (test/lint-fixtures, excluded from the normal lint run because it is wrong on purpose).
function lintFixture(file: string): LintMessage[] {
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [join(root, 'node_modules/eslint/bin/eslint.js'), '--no-ignore', '--format', 'json', file],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const [result] = JSON.parse(output) as Array<{ messages: LintMessage[] }>;
  return result?.messages ?? [];
}

describe('module boundaries', () => {
  const messages = lintFixture('test/lint-fixtures/src/util-imports-data-access.ts');
  const runtimeMessages = lintFixture('test/lint-fixtures/src/universal-imports-node.ts');

  it('rejects a util lib importing a data-access lib', () => {
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: '@nx/enforce-module-boundaries',
        message: expect.stringContaining(
          '"type:util" can only depend on libs tagged with "type:util"',
        ) as string,
      }),
    );
  });

  it('rejects universal code importing a node-only lib', () => {
    expect(runtimeMessages).toContainEqual(
      expect.objectContaining({
        ruleId: '@nx/enforce-module-boundaries',
        message: expect.stringContaining(
          '"runtime:universal" can only depend on libs tagged with "runtime:universal"',
        ) as string,
      }),
    );
  });

  it('rejects the Prisma client outside the db lib', () => {
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: 'no-restricted-imports',
        message: expect.stringContaining(
          'Only repositories in platform-data-access-db touch Prisma',
        ) as string,
      }),
    );
  });
});
