import { slotIsOrdered, weeklyHours } from './weekly-hours.js';

describe('weeklyHours', () => {
  it('adds the slots of the week, counting an overlap once', () => {
    expect(
      weeklyHours([
        { day: 0, from: '08:00', to: '12:00' },
        { day: 0, from: '11:00', to: '13:30' },
        { day: 5, from: '00:00', to: '24:00' },
      ]),
    ).toBe(29.5);
  });

  it('is zero without slots', () => {
    expect(weeklyHours([])).toBe(0);
  });

  it('wants a slot to end after it starts', () => {
    expect(slotIsOrdered({ day: 1, from: '22:00', to: '02:00' })).toBe(false);
    expect(slotIsOrdered({ day: 1, from: '09:00', to: '09:15' })).toBe(true);
  });
});
