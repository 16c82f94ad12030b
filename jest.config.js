// Jest 30 on native ESM: run with NODE_OPTIONS=--experimental-vm-modules (see infra/adr/0001).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@navette/contracts$': '<rootDir>/api/contracts/src/index.ts',
    '^@navette/matching$': '<rootDir>/dispatcher/matching/src/index.ts',
    '^@navette/sql$': '<rootDir>/api/sql/src/index.ts',
    '^@navette/web-kit$': '<rootDir>/web-map/kit/src/index.ts',
    '^@navette/web-kit/map$': '<rootDir>/web-map/kit/src/map/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
const slow = '<rootDir>/infra/testing/slow-tests.setup.js';
// `npm run test:e2e` runs the end-to-end tests in two lanes (infra/adr/0035): one at a time, the
// browser journeys (Chromium's software WebGL wants a core) and the tests that start processes and
// wait for them on a clock (npm start, dispatcher processes, nginx, the benchmarks); then the rest,
// in-process API stacks, two at a time. NAVETTE_E2E_LANE=serial|parallel picks a lane; unset, the
// e2e project is whole.
const lane = process.env.NAVETTE_E2E_LANE;
const oneAtATime =
  '/(web-map/test|infra|dispatcher|api/bench)/|/api/test/(api-descriptions|interleavings|json-logs|migrate-cli|rota-planning|two-nodes)\\.';
const laneIgnores = { serial: [`^(?!.*(${oneAtATime}))`], parallel: [oneAtATime] }[lane] ?? [];

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    // Tests on real services: generous timeouts, the machines are shared and noisy.
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/**/*.int-spec.ts'], setupFilesAfterEnv: [slow] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '/infra/interop/', ...laneIgnores],
      setupFilesAfterEnv: [slow],
    },
    // `npm run check:interop`: independent consumers against a started instance (infra/adr/0019).
    {
      ...shared,
      displayName: 'interop',
      testMatch: ['<rootDir>/infra/interop/*.e2e-spec.ts'],
      setupFilesAfterEnv: [slow],
    },
  ],
};
