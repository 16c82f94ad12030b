/** How far from the ride's own territory a driver comes from (subsidiarity, then federation). */
export type Reach = 'local' | 'parent' | 'neighbour';

export interface TerritoryLink {
  lenderId: string;
  borrowerId: string;
  /** The borrower's riders may be offered the lender's drivers after waiting this long, seconds. */
  afterSeconds: number;
}

/** The ride's territory and its ancestors, smallest first, with each one's escalation delay. */
export interface TerritoryChain {
  ids: readonly string[];
  /** Seconds a ride waits at `ids[i]` before drivers of `ids[i + 1]` are asked too. */
  escalateAfterSeconds: readonly number[];
}

/**
 * Which drivers may be asked for a ride that has waited `waitedSeconds`: first those inside its
 * smallest territory; after that territory's escalation delay, those of its parent (and so on up);
 * after a lending delay, those of neighbouring territories that agreed to lend. Returns the reach
 * of a driver standing inside `driverTerritories`, or undefined when they may not be asked yet.
 */
export function reachOf(
  chain: TerritoryChain,
  driverTerritories: ReadonlySet<string>,
  waitedSeconds: number,
  lending: readonly TerritoryLink[],
): Reach | undefined {
  if (chain.ids[0] !== undefined && driverTerritories.has(chain.ids[0])) return 'local';
  let escalatedAfter = 0;
  for (let level = 1; level < chain.ids.length; level++) {
    escalatedAfter += chain.escalateAfterSeconds[level - 1] ?? 0;
    if (waitedSeconds < escalatedAfter) break;
    if (driverTerritories.has(chain.ids[level]!)) return 'parent';
  }
  const borrowers = new Set(chain.ids);
  for (const link of lending) {
    if (
      borrowers.has(link.borrowerId) &&
      driverTerritories.has(link.lenderId) &&
      waitedSeconds >= link.afterSeconds
    ) {
      return 'neighbour';
    }
  }
  return undefined;
}
