import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// One capability writes each table (src/db/schema/owners.json, ADR 0010): a feature imports only its own tables
// and never another feature's repository; it uses that feature's service, published interface or events.
const owners = JSON.parse(readFileSync(join(import.meta.dirname, 'src/db/schema/owners.json'), 'utf8'));
const features = readdirSync(join(import.meta.dirname, 'src/features'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const tablesOf = (feature) => owners[feature] ?? [];
const allTables = Object.entries(owners).filter(([k]) => !k.startsWith('$')).flatMap(([, v]) => v);
const featureBoundaries = features.map((feature) => ({
  files: [`src/features/${feature}/**/*.ts`],
  ignores: ['src/features/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: ['index', 'accounts', 'api', 'audit', 'calendar', 'contacts', 'domestic-abuse', 'measures', 'notifications', 'people', 'tenancy'].map((file) => ({
          name: `../../db/schema/${file}.js`,
          importNames: allTables.filter((t) => !tablesOf(feature).includes(t)),
          message: `${feature} may import only its own tables (src/db/schema/owners.json); use the owning feature's service, published interface or events.`,
        })),
        patterns: [
          {
            group: ['../*/repository*', '../*/*-repository*', '../../features/*/repository*', '../../features/*/*-repository*'],
            message: "A feature never imports another feature's repository: call its service, or use its published.ts / events.ts.",
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'scratch/', 'src/public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/public/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', HTMLScriptElement: 'readonly' } },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*', '**/platform/*', '**/features/*', '**/db/*', '**/config*', '**/app*', '**/server*'], message: 'domain/ imports nothing from the rest of the application' },
            { group: ['node:*', 'fastify*', 'drizzle-orm*', 'pg', '@electric-sql/*'], message: 'domain/ is pure: no I/O' },
          ],
        },
      ],
    },
  },
  ...featureBoundaries,
  {
    files: ['bench/**/*.ts', 'scripts/**/*.ts', 'src/db/seed/cli.ts', 'src/**/cli.ts', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
