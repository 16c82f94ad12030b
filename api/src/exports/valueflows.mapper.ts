import type { RequestKind } from '@navette/contracts';

/** One request as the export reads it: the ride, its accepted assignment and driver, if any. */
export interface ValueFlowsRideRow {
  rideId: string;
  kind: RequestKind;
  status: string;
  riderId: string;
  territoryId: string;
  seats: number;
  wheelchairPlaces: number;
  /** A task's cargo units (its territory's size for bag, box or car boot); 0 for a ride. */
  cargoUnits: number;
  requestedAt: Date;
  pickupAt: Date | null;
  pickedUpAt: Date | null;
  completedAt: Date | null;
  assignmentId: string | null;
  assignmentStatus: string | null;
  assignedAt: Date | null;
  driverId: string | null;
  /** The trip of the accepted assignment, if any: pooled rides share one. */
  tripId: string | null;
}

export type JsonLdNode = Record<string, unknown> & { '@id': string; '@type': string };

export interface ValueFlowsDocument {
  '@context': Record<string, unknown>;
  '@id': string;
  '@graph': JsonLdNode[];
}

const dateTime = { '@type': 'xsd:dateTime' };
const reference = { '@type': '@id' };

/** Terms of the ValueFlows vocabulary and units of measure (OM 2) used by the export. */
export const valueFlowsContext = {
  vf: 'https://w3id.org/valueflows/ont/vf#',
  om2: 'http://www.ontology-of-units-of-measure.org/resource/om-2/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  'vf:action': reference,
  'vf:provider': reference,
  'vf:receiver': reference,
  'vf:inScopeOf': reference,
  'vf:satisfies': reference,
  'vf:fulfills': reference,
  'om2:hasUnit': reference,
  'vf:hasBeginning': dateTime,
  'vf:hasEnd': dateTime,
  'vf:due': dateTime,
};

export const memberUri = (id: string) => `urn:navette:member:${id}`;

/** Navette's unit of cargo room: a territory says how many a bag, a box or a car boot takes. */
export const CARGO_UNIT = 'urn:navette:unit:cargo-unit';
export const territoryUri = (id: string) => `urn:navette:territory:${id}`;

/**
 * A ride is a service delivered to the rider; a task (a parcel or an errand) hands a thing into
 * the requester's custody at its destination.
 */
export function actionOf(kind: RequestKind): string {
  return kind === 'task' ? 'vf:transferCustody' : 'vf:deliverService';
}

function measure(value: number, unit: string) {
  return { '@type': 'om2:Measure', 'om2:hasNumericalValue': value, 'om2:hasUnit': unit };
}

/** Places asked for (seats and wheelchair places) for rides; the cargo units carried for tasks. */
function resourceQuantity(row: ValueFlowsRideRow) {
  return row.kind === 'task'
    ? measure(row.cargoUnits, CARGO_UNIT)
    : measure(row.seats + row.wheelchairPlaces, 'om2:one');
}

const iso = (date: Date) => date.toISOString();
/** Hours to the thousandth (3.6 s). */
const hours = (seconds: number) => Math.round((seconds / 3600) * 1000) / 1000;

/**
 * The territory's requests as ValueFlows (JSON-LD): each request a `vf:Intent` (the rider as
 * receiver), each accepted assignment a `vf:Commitment` satisfying it (driver as provider), each
 * finished trip a `vf:EconomicEvent` fulfilling the commitment, timed by its beginning and end only.
 * Agents are member URNs typed `vf:Agent`: no names. An event's effort is the ride's share of its
 * trip's driving (`effortSeconds`, from `shared-effort.ts`): pooled riders carried
 * together share the time, so summed effort equals the time bank's hours given.
 */
export function toValueFlows(
  territoryId: string,
  rows: readonly ValueFlowsRideRow[],
  effortSeconds: ReadonlyMap<string, number>,
): ValueFlowsDocument {
  const graph: JsonLdNode[] = [];
  const agents = new Set<string>();
  for (const row of rows) {
    agents.add(row.riderId);
    if (row.assignmentId && row.driverId && row.assignedAt) agents.add(row.driverId);
    const action = actionOf(row.kind);
    const intentId = `urn:navette:intent:${row.rideId}`;
    const scope = territoryUri(row.territoryId);
    graph.push({
      '@id': intentId,
      '@type': 'vf:Intent',
      'vf:action': action,
      'vf:receiver': memberUri(row.riderId),
      'vf:hasBeginning': iso(row.pickupAt ?? row.requestedAt),
      'vf:resourceQuantity': resourceQuantity(row),
      'vf:inScopeOf': scope,
      'vf:finished': ['completed', 'cancelled', 'unserved'].includes(row.status),
    });
    if (!row.assignmentId || !row.driverId || !row.assignedAt) continue;
    const commitmentId = `urn:navette:commitment:${row.assignmentId}`;
    graph.push({
      '@id': commitmentId,
      '@type': 'vf:Commitment',
      'vf:action': action,
      'vf:provider': memberUri(row.driverId),
      'vf:receiver': memberUri(row.riderId),
      'vf:satisfies': intentId,
      'vf:hasBeginning': iso(row.pickupAt && row.pickupAt > row.assignedAt ? row.pickupAt : row.assignedAt),
      'vf:resourceQuantity': resourceQuantity(row),
      'vf:inScopeOf': scope,
      'vf:finished': row.assignmentStatus === 'completed',
    });
    if (row.status !== 'completed' || !row.pickedUpAt || !row.completedAt) continue;
    graph.push({
      '@id': `urn:navette:event:${row.rideId}`,
      '@type': 'vf:EconomicEvent',
      'vf:action': action,
      'vf:provider': memberUri(row.driverId),
      'vf:receiver': memberUri(row.riderId),
      'vf:fulfills': commitmentId,
      'vf:hasBeginning': iso(row.pickedUpAt),
      'vf:hasEnd': iso(row.completedAt),
      'vf:resourceQuantity': resourceQuantity(row),
      'vf:effortQuantity': measure(hours(effortSeconds.get(row.rideId) ?? 0), 'om2:hour'),
      'vf:inScopeOf': scope,
    });
  }
  for (const id of agents) graph.push({ '@id': memberUri(id), '@type': 'vf:Agent' });
  return { '@context': valueFlowsContext, '@id': `${territoryUri(territoryId)}:valueflows`, '@graph': graph };
}
