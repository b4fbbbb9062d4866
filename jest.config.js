// Three tiers, one runner. Unit tests sit beside the code; integration and end-to-end tests live in
// test/ and talk to the real Postgres and Redis, each file in its own database and Redis prefix, so
// every tier can run in parallel across both cores.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@retrowalk/(domain|config|observability|persistence|queue|mail|application|http|web)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^@retrowalk/testing$': '<rootDir>/test/support/index.ts',
};

// NestJS 12 and several of its dependencies (glob, content-disposition, ...) ship as ES modules only.
// Node loads them with require(esm); Jest's module system cannot, so SWC compiles them to CommonJS
// (once: Jest caches the result).
const transformIgnorePatterns = [];

const base = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns,
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  // Two workers, never in band: on a 2-core machine Jest's default (cores - 1 = 1) runs every file
  // inside the runner's own process, where what 130 files leave behind piles up until the heap runs
  // out (CI died so). A worker that has grown past the limit is replaced between files.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
  ],
};
