import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { contractSchemas, schemasReferencedBy } from './contract-schemas.js';

/** The generator loads the TypeScript program: slow on a loaded machine. */
const GENERATE_TIMEOUT_MS = 120_000;

describe('the contracts JSON schemas', () => {
  it(
    'are current: api/contracts/schema/contracts.schema.json is what `npm run schemas` writes',
    async () => {
      const run = promisify(execFile);
      await expect(run('node', ['infra/scripts/contract-schemas.mjs', '--check'])).resolves.toBeDefined();
    },
    GENERATE_TIMEOUT_MS,
  );

  it('bring along every schema a referenced one needs, rebased, and refuse an unknown name', () => {
    const schemas = schemasReferencedBy({ $ref: '#/components/schemas/RideView' }, '#/components/schemas/');
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['RideView', 'PointGeometry', 'LngLat', 'RideStatus']),
    );
    expect(JSON.stringify(schemas)).not.toContain('#/definitions/');
    expect(contractSchemas.Problem).toBeDefined();
    expect(() => schemasReferencedBy({ $ref: '#/components/schemas/NoSuchView' }, '#/x/')).toThrow(
      /NoSuchView/,
    );
  });
});
