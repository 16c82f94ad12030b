// Runs the city's part of bench:day in a worker thread, on the other core while the demo town runs.
import { parentPort, workerData } from 'node:worker_threads';
import { cityDay } from './demand.js';
import type { TakeoverOptions } from '../../src/batch/takeover.js';
import { citySlices, forecastOf, runDay, sizeFleet } from './experiments.js';

/** What the worker is asked. */
export interface CityJob {
  seed: number;
  requests: number;
  hours: number;
  sliceSeconds: number;
  /** Share of waiting-spot suggestions Navette's idle vehicles follow (0: they wait where they are). */
  followRate: number;
  /** LNS time cap per batch, ms (`RunOptions.improveMs`); undefined: the dispatcher's. */
  improveMs?: number;
  /** `RunOptions.takeover`: undefined, the dispatcher's; null, none. */
  takeover?: TakeoverOptions | null;
}

const job = workerData as CityJob;
const day = cityDay(job.seed, job.requests, job.hours);
const sizing = sizeFleet(day, job.seed);
const forecast = forecastOf([1, 2, 3, 4].map((w) => cityDay(job.seed + 1000 * w, job.requests, job.hours)));
const navette = runDay(day, 'navette', sizing.vehicles, job.seed, {
  rebalancing: { followRate: job.followRate, forecast },
  improveMs: job.improveMs,
  takeover: job.takeover,
});
const slices = citySlices(day, sizing.vehicles, job.seed, job.sliceSeconds, {
  improveMs: job.improveMs,
  takeover: job.takeover,
});
parentPort!.postMessage({ requests: day.requests.length, sizing, navette, slices });
