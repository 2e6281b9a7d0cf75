// Lint: typescript-eslint's recommended type-aware rules. Generated code and build output are out of lint.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'src/generated/', 'neo4j-embedded/', 'bench/peer/', 'bench/results/', 'bench/.build/', 'jest.config.js', 'eslint.config.mjs', 'tests/support/summary-reporter.js', 'tests/support/progress-reporter.js', 'tests/support/runner.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-console': 'error',
    },
  },
);
