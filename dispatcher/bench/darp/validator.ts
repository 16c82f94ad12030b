import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The independent validator's API (dispatcher/bench/validate/validate-darp.ts, written by a colleague). */
export type ValidateDarp = (
  instanceText: string,
  solution: { routes: { node: number; arrival: number; start: number }[][] },
) => { feasible: boolean; cost: number; violations: string[] };

/** Loads the independent validator, or undefined when it has not landed yet. */
export async function loadValidator(): Promise<ValidateDarp | undefined> {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'validate', 'validate-darp.js');
  if (!existsSync(file)) return undefined;
  const module = (await import(file)) as { validateDarpSolution?: ValidateDarp };
  return module.validateDarpSolution;
}
