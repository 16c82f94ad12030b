// Runs simulated days in a worker thread for bench:fairness, so the days spread over the cores.
import { parentPort, workerData } from 'node:worker_threads';
import { simulateDay, type DayOptions, type DayTally } from './day.js';

/** What a worker is asked: the same options for each of `seeds`. */
export interface DayBatch {
  options: Omit<DayOptions, 'seed'>;
  seeds: number[];
}

const batch = workerData as DayBatch;
const tallies: DayTally[] = batch.seeds.map((seed) => simulateDay({ ...batch.options, seed }));
parentPort!.postMessage(tallies);
