/**
 * One page's state, in one object that components read: `update` replaces fields and tells every
 * subscriber. Components render from it; only the page's controller updates it.
 */
export class Store<S extends object> {
  private readonly listeners = new Set<(state: Readonly<S>) => void>();

  constructor(private current: S) {}

  get state(): Readonly<S> {
    return this.current;
  }

  update(patch: Partial<S>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }

  /** Calls `listener` now and after every update; returns how to stop. */
  subscribe(listener: (state: Readonly<S>) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }
}
