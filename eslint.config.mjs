import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Who may import whom. Three axes, no wildcards: type keeps layers one-way, runtime keeps Nest and
// Prisma out of the browser and the gateway, scope declares every cross-domain dependency.
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
  },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'runtime:universal', onlyDependOnLibsWithTags: ['runtime:universal'] },
  { sourceTag: 'runtime:node', onlyDependOnLibsWithTags: ['runtime:node', 'runtime:universal'] },
  { sourceTag: 'runtime:browser', onlyDependOnLibsWithTags: ['runtime:browser', 'runtime:universal'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared'] },
  { sourceTag: 'scope:fleet', onlyDependOnLibsWithTags: ['scope:fleet', 'scope:platform', 'scope:shared'] },
  {
    sourceTag: 'scope:tenancy',
    onlyDependOnLibsWithTags: ['scope:tenancy', 'scope:platform', 'scope:shared'],
  },
  { sourceTag: 'scope:assets', onlyDependOnLibsWithTags: ['scope:assets', 'scope:platform', 'scope:shared'] },
  { sourceTag: 'scope:alarms', onlyDependOnLibsWithTags: ['scope:alarms', 'scope:platform', 'scope:shared'] },
  {
    sourceTag: 'scope:telemetry',
    onlyDependOnLibsWithTags: ['scope:telemetry', 'scope:platform', 'scope:shared'],
  },
  {
    sourceTag: 'scope:kpi',
    onlyDependOnLibsWithTags: ['scope:kpi', 'scope:telemetry', 'scope:platform', 'scope:shared'],
  },
  { sourceTag: 'scope:edge', onlyDependOnLibsWithTags: ['scope:edge', 'scope:platform', 'scope:shared'] },
  { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:portal', 'scope:shared'] },
  {
    sourceTag: 'scope:api',
    onlyDependOnLibsWithTags: [
      'scope:api',
      'scope:alarms',
      'scope:tenancy',
      'scope:assets',
      'scope:kpi',
      'scope:fleet',
      'scope:telemetry',
      'scope:platform',
      'scope:shared',
    ],
  },
  {
    sourceTag: 'scope:worker',
    onlyDependOnLibsWithTags: [
      'scope:worker',
      'scope:alarms',
      'scope:kpi',
      'scope:telemetry',
      'scope:platform',
      'scope:shared',
    ],
  },
  {
    sourceTag: 'scope:ingest',
    onlyDependOnLibsWithTags: [
      'scope:ingest',
      'scope:fleet',
      'scope:telemetry',
      'scope:platform',
      'scope:shared',
    ],
  },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared'] },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.state/**',
      '**/tmp/**',
      'libs/platform/data-access-db/src/generated/**',
      'apps/portal/src/gql/**',
      '**/*.cjs',
      '**/vite.config.*',
      'test/lint-fixtures/**',
      'prisma/prisma.config.ts',
    ],
  },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints, banTransitiveDependencies: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@prisma/client', message: 'Only repositories in platform-data-access-db touch Prisma.' },
          ],
          patterns: [
            {
              group: ['**/generated/prisma*'],
              message: 'Only platform-data-access-db touches the Prisma client.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: "Parse the environment once in the app's main.ts into a typed config and pass it down.",
        },
      ],
    },
  },
  {
    files: [
      'apps/*/src/main.ts',
      'infra/aws/src/main.ts',
      'infra/aws/src/provisioning-hook/index.ts',
      '**/*.spec.ts',
      '**/*.spec.tsx',
      'libs/platform/data-access-testing/**',
      'tools/**',
      'test/**',
      'prisma/seed/main.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['libs/platform/data-access-db/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', 'test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/require-await': 'off' },
  },
  prettier,
);
