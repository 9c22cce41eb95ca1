import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources: the `@vigil/source` export condition points each workspace
// package at src/ instead of the compiled dist/ that consumers get. Vitest adds its own defaults
// (`node`, `development|production`) to this list.
const conditions = ['@vigil/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
