/** Unit tests run without I/O; integration tests start the embedded Cosmos server themselves;
 * e2e tests start the bot and the Agents Playground and drive Chromium. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
