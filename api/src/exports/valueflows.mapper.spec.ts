import { toValueFlows, type ValueFlowsRideRow } from './valueflows.mapper.js';

const base: ValueFlowsRideRow = {
  rideId: 'r1',
  kind: 'ride',
  status: 'requested',
  riderId: 'm-rider',
  territoryId: 't1',
  seats: 2,
  wheelchairPlaces: 0,
  cargoUnits: 0,
  requestedAt: new Date('2025-03-01T10:00:00Z'),
  pickupAt: null,
  pickedUpAt: null,
  completedAt: null,
  assignmentId: null,
  assignmentStatus: null,
  assignedAt: null,
  driverId: null,
  tripId: null,
};

describe('ValueFlows mapping', () => {
  it('an open request is an Intent with the rider as receiver, nothing more', () => {
    const doc = toValueFlows('t1', [base], new Map());
    expect(doc['@context']).toMatchObject({ vf: 'https://w3id.org/valueflows/ont/vf#' });
    expect(doc['@graph']).toEqual([
      expect.objectContaining({
        '@id': 'urn:navette:intent:r1',
        '@type': 'vf:Intent',
        'vf:action': 'vf:deliverService',
        'vf:receiver': 'urn:navette:member:m-rider',
        'vf:hasBeginning': '2025-03-01T10:00:00.000Z',
        'vf:resourceQuantity': {
          '@type': 'om2:Measure',
          'om2:hasNumericalValue': 2,
          'om2:hasUnit': 'om2:one',
        },
        'vf:finished': false,
      }),
      { '@id': 'urn:navette:member:m-rider', '@type': 'vf:Agent' },
    ]);
  });

  it('a finished task: Intent, Commitment satisfying it, EconomicEvent fulfilling that, with hours', () => {
    const doc = toValueFlows(
      't1',
      [
        {
          ...base,
          kind: 'task',
          seats: 0,
          cargoUnits: 2,
          status: 'completed',
          assignmentId: 'a1',
          assignmentStatus: 'completed',
          assignedAt: new Date('2025-03-01T10:01:00Z'),
          driverId: 'm-driver',
          pickedUpAt: new Date('2025-03-01T10:10:00Z'),
          completedAt: new Date('2025-03-01T10:40:00Z'),
          tripId: 'trip1',
        },
      ],
      new Map([['r1', 1200]]),
    );
    const [intent, commitment, event, ...agents] = doc['@graph'];
    expect(agents).toEqual([
      { '@id': 'urn:navette:member:m-rider', '@type': 'vf:Agent' },
      { '@id': 'urn:navette:member:m-driver', '@type': 'vf:Agent' },
    ]);
    expect(intent!['vf:action']).toBe('vf:transferCustody');
    // The resource is the thing carried, measured in the territory's cargo units.
    expect(intent!['vf:resourceQuantity']).toEqual({
      '@type': 'om2:Measure',
      'om2:hasNumericalValue': 2,
      'om2:hasUnit': 'urn:navette:unit:cargo-unit',
    });
    expect(commitment).toMatchObject({
      '@type': 'vf:Commitment',
      'vf:provider': 'urn:navette:member:m-driver',
      'vf:satisfies': 'urn:navette:intent:r1',
      'vf:finished': true,
    });
    expect(event).toMatchObject({
      '@type': 'vf:EconomicEvent',
      'vf:fulfills': 'urn:navette:commitment:a1',
      'vf:hasBeginning': '2025-03-01T10:10:00.000Z',
      'vf:hasEnd': '2025-03-01T10:40:00.000Z',
      // Its share of the trip's driving (20 min, another ride aboard part of the way), not its 30 min aboard.
      'vf:effortQuantity': { 'om2:hasNumericalValue': 0.333, 'om2:hasUnit': 'om2:hour' },
    });
    // One time representation: beginning and end, no point in time as well.
    expect(event).not.toHaveProperty('vf:hasPointInTime');
  });
});
