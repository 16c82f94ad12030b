import { limitRefusal, type SignupFacts } from './volunteer-limits.js';

const free: SignupFacts = {
  startMinute: 8 * 60,
  durationMinutes: 240,
  quietHours: null,
  declaredHoursPerWeek: 10,
  weeklyTripLimit: null,
  signedMinutesThatWeek: 0,
  signedShiftsThatWeek: 0,
};

describe('a volunteer’s own limits on signing up for a shift', () => {
  it('lets a shift within every limit through', () => {
    expect(limitRefusal(free)).toBeUndefined();
    expect(
      limitRefusal({ ...free, quietHours: [22 * 60, 24 * 60], signedMinutesThatWeek: 360 }),
    ).toBeUndefined();
  });

  it('refuses a shift touching quiet hours, also one running past midnight into them', () => {
    expect(limitRefusal({ ...free, quietHours: [11 * 60, 13 * 60] })?.field).toBe('quietHours');
    expect(limitRefusal({ ...free, startMinute: 22 * 60, quietHours: [0, 6 * 60] })).toMatchObject({
      field: 'quietHours',
      message: 'the shift falls in your quiet hours (00:00–06:00)',
    });
  });

  it('refuses hours beyond those declared for the week, and more shifts than the weekly trip limit', () => {
    expect(limitRefusal({ ...free, signedMinutesThatWeek: 7 * 60 })).toMatchObject({
      field: 'declaredHoursPerWeek',
      message: 'with this shift you would drive 11 h that week, beyond the 10 h a week you declared',
    });
    expect(limitRefusal({ ...free, declaredHoursPerWeek: 0 })?.field).toBe('declaredHoursPerWeek');
    expect(limitRefusal({ ...free, weeklyTripLimit: 2, signedShiftsThatWeek: 2 })?.field).toBe(
      'weeklyTripLimit',
    );
    expect(limitRefusal({ ...free, weeklyTripLimit: 2, signedShiftsThatWeek: 1 })).toBeUndefined();
  });
});
