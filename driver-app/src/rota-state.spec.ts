import type { RotaOccurrenceView } from '@navette/contracts';
import { startable } from './rota-state.js';

const at = Date.parse('2027-05-03T08:00:00Z');
const shift = (mine: RotaOccurrenceView['mine']): RotaOccurrenceView => ({
  slotId: 's',
  territoryId: 't',
  territoryName: 'Kallio',
  date: '2027-05-03',
  startsAt: '2027-05-03T08:00:00.000Z',
  endsAt: '2027-05-03T12:00:00.000Z',
  driversNeeded: 2,
  note: null,
  signed: [],
  waiting: [],
  gap: 1,
  swaps: [],
  mine,
});
const signed = {
  id: 'x',
  driverId: 'd',
  driverName: 'Dan',
  status: 'signed' as const,
  late: false,
  shiftId: null,
};

describe('starting a scheduled shift in one tap', () => {
  it('is offered from 30 minutes before the start until the end, to a signed driver not yet started', () => {
    expect(startable(shift(signed), at - 31 * 60_000)).toBe(false);
    expect(startable(shift(signed), at - 30 * 60_000)).toBe(true);
    expect(startable(shift(signed), at + 3 * 3_600_000)).toBe(true);
    expect(startable(shift(signed), at + 4 * 3_600_000)).toBe(false);
  });

  it('is not offered to a driver waiting, or whose shift is already under way', () => {
    expect(startable(shift({ ...signed, status: 'waiting' }), at)).toBe(false);
    expect(startable(shift({ ...signed, shiftId: 'started' }), at)).toBe(false);
    expect(startable(shift(null), at)).toBe(false);
  });
});
