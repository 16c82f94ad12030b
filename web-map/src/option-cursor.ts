/**
 * The option highlighted after ↓ or ↑ in a list of `count`, from `active` (-1: none). It wraps
 * around; from none, ↓ goes to the first and ↑ to the last. -1 when the list is empty.
 */
export function moveCursor(active: number, count: number, key: 'ArrowDown' | 'ArrowUp'): number {
  if (count === 0) return -1;
  if (active < 0 || active >= count) return key === 'ArrowDown' ? 0 : count - 1;
  return (active + (key === 'ArrowDown' ? 1 : count - 1)) % count;
}
