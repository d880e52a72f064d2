import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // The engine runs in a worker and in Node: it must not reach for the DOM, React or wall-clock randomness.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'react',
            'react-dom',
            '@xyflow/*',
            '**/app/**',
            '**/worker/**',
            // Pictures are for the app's bundler: a kind's icon.ts alone imports one, and no
            // engine module imports an icon.ts (Node cannot load an SVG).
            '*.svg',
            '**/icon',
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: "Use the run's seeded Rng." },
      ],
    },
  },
  {
    // A kind's picture (kinds/<kind>/icon.ts), which only the app gathers (app/canvas/kind-icons.tsx).
    files: ['src/engine/kinds/*/icon.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The app reaches the engine's runtime only through the worker: it imports catalogs
    // (kinds/registry.ts, kinds/vocabulary.ts) and validation, never code that runs a simulation.
    // test/engine/module-graph.test.ts checks the whole graph; this names the file at fault.
    files: ['src/app/**/*.{ts,tsx}', 'src/main.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/engine/simulate',
                '**/engine/kinds/runtimes',
                '**/engine/kinds/types',
                '**/engine/kinds/*/create',
                '**/engine/kinds/*/runtime',
                '**/engine/sim/context',
                '**/engine/sim/node-base',
                '**/engine/compare/run-point',
                '**/engine/stats/run-replications',
              ],
              allowTypeImports: true,
              message:
                'The app must not bundle engine runtime code: import kinds/registry or kinds/vocabulary, and run through the worker.',
            },
          ],
        },
      ],
    },
  },
);
