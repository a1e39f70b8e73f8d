import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup/fast-check.ts'],
    // Adapter tests start real servers on loopback; give slow CI machines room.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
