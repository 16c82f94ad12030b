import { moveCursor } from './option-cursor.js';

describe('moveCursor', () => {
  it('starts at the first with ↓ and at the last with ↑', () => {
    expect(moveCursor(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveCursor(-1, 3, 'ArrowUp')).toBe(2);
  });

  it('moves by one and wraps around both ends', () => {
    expect(moveCursor(0, 3, 'ArrowDown')).toBe(1);
    expect(moveCursor(2, 3, 'ArrowDown')).toBe(0);
    expect(moveCursor(0, 3, 'ArrowUp')).toBe(2);
    expect(moveCursor(2, 3, 'ArrowUp')).toBe(1);
  });

  it('has nothing to highlight in an empty list, and recovers from a stale index', () => {
    expect(moveCursor(-1, 0, 'ArrowDown')).toBe(-1);
    expect(moveCursor(5, 2, 'ArrowDown')).toBe(0);
  });
});
