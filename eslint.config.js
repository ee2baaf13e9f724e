// @ts-check
import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

/**
 * Lint keeps the shape of the code (CONTRIBUTING.md, "The shape of a feature"):
 * - `src/domain/` imports nothing outside itself but @js-joda and Node's built-ins: rules stay pure.
 * - A feature imports another feature only through that feature's public `index.ts`, never its routes,
 *   services, queries or presenters directly (so `caseload` cannot reach into `allocation/routes.ts`).
 * - SQL (Kysely builders and the `sql` tag) lives only in `queries.ts` files, `src/db/` and `src/access/`'s
 *   own query files; services call named query functions.
 * - Route handlers read typed `request.params/query/body` from their schema: no `as` casts.
 * `src/web/lint.test.ts` proves each of these fails when broken.
 */

const features = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name)

/** Kysely's statement builders: calling one outside a query file is SQL outside a query file. */
const SQL_BUILDERS = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto']

const noRequestCasts = {
  selector:
    "TSAsExpression > MemberExpression.expression[object.name='request'][property.name=/^(params|query|body)$/]",
  message: 'Declare the schema on the route (typebox type provider) instead of casting request.params/query/body.',
}

const sqlOutsideQueries = [
  {
    selector: `CallExpression[callee.property.name=/^(${SQL_BUILDERS.join('|')})$/]`,
    message: 'SQL lives in queries.ts: add a named, executor-first query function there and call it.',
  },
  {
    selector: "TaggedTemplateExpression[tag.name='sql']",
    message: 'SQL lives in queries.ts: add a named, executor-first query function there and call it.',
  },
]

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'src/web/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', noRequestCasts],
    },
  },
  // Small functions: a reader takes one in at a glance. Exempt: migrations (frozen in time) and the domain's
  // calculators, which follow their published specification step by step and are tested against its cases.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/db/migrations/**', 'src/domain/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  // Pure rules: nothing from the rest of the app, no database, no web, no clock but what is passed in.
  {
    files: ['src/domain/**/*.ts'],
    // Tests read the published reference cases in test/vectors/.
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Allowed: @js-joda, node: built-ins, this folder (./) and sibling rule families (../x/).
              regex: '^(?!@js-joda/|node:|\\./|\\.\\./(?!\\.\\./))',
              message: 'src/domain/ is pure: import only other domain modules, @js-joda and Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  // Features: another feature only through its index.ts.
  ...features.map(feature => ({
    files: [`src/features/${feature}/**/*.ts`],
    ignores: ['src/features/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.\\./(?!${feature}/|\\.\\./)[^/]+/(?!index\\.ts$)`,
              message: `Import another feature only through its public index.ts (../<feature>/index.ts).`,
            },
            {
              regex: '^(\\.\\./)+features/[^/]+/(?!index\\.ts$)',
              message: `Import another feature only through its public index.ts.`,
            },
          ],
        },
      ],
    },
  })),
  // Outside the features, only the composition roots may import a feature, and only through its index.ts.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/features/**', 'src/**/*.test.ts', 'src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\./|(\\.\\./)+)features/[^/]+/(?!index\\.ts$)',
              message: 'Import a feature only through its public index.ts.',
            },
          ],
        },
      ],
    },
  },
  // SQL only in query files.
  {
    files: ['src/features/**/*.ts', 'src/web/**/*.ts', 'src/cli/**/*.ts', 'src/services.ts'],
    ignores: ['**/queries.ts', '**/queries/*.ts', '**/*.test.ts', '**/testing.ts'],
    rules: { 'no-restricted-syntax': ['error', noRequestCasts, ...sqlOutsideQueries] },
  },
  // Migrations are frozen in time and take Kysely<any>, by Kysely's own convention (they must not follow the
  // app's schema types as those change).
  {
    files: ['src/db/migrations/**/*.ts', 'src/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Tests may set up and check data with SQL, and reach into any feature.
  {
    files: ['**/*.test.ts', 'test/**', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
