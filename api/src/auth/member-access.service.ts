import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { MemberRepository } from '../members/member.repository.js';
import type { MemberAccess } from './auth-member.js';

/**
 * How long a member's role and standing are reused before the database is asked again, in
 * milliseconds: the longest a change made outside the API (SQL, another API node) waits.
 */
export const MEMBER_ACCESS_CACHE_MS = 5000;

/** Entries kept before expired ones are swept out. */
const CACHE_SWEEP_SIZE = 10_000;

interface Cached {
  until: number;
  access: Promise<MemberAccess | undefined>;
}

/**
 * The role, suspension and existence of members, from the database, never from their token.
 * Lookups are cached for MEMBER_ACCESS_CACHE_MS; `changed()` (called by whatever changes a
 * member's role or standing through the API) forgets the entry and tells the listeners at once.
 */
@Injectable()
export class MemberAccessService {
  private readonly cache = new Map<string, Cached>();
  private readonly changes = new EventEmitter();

  constructor(@Inject(MemberRepository) private readonly members: MemberRepository) {}

  /** The member's access now (at most MEMBER_ACCESS_CACHE_MS old); undefined when they no longer exist. */
  current(memberId: string): Promise<MemberAccess | undefined> {
    const cached = this.cache.get(memberId);
    if (cached && cached.until > Date.now()) return cached.access;
    return this.read([memberId]).then((found) => found.get(memberId));
  }

  /** Reads these members afresh (one query) and caches the answers; absent ids no longer exist. */
  async read(memberIds: readonly string[]): Promise<Map<string, MemberAccess>> {
    if (this.cache.size > CACHE_SWEEP_SIZE) this.sweep();
    const query = this.members.accessOf(memberIds).then(
      (rows) =>
        new Map(
          rows.map((row) => [
            row.id,
            {
              id: row.id,
              role: row.role,
              suspended: row.standing === 'suspended',
              sessionVersion: row.session_version,
            },
          ]),
        ),
    );
    const until = Date.now() + MEMBER_ACCESS_CACHE_MS;
    for (const id of memberIds) {
      const entry: Cached = { until, access: query.then((found) => found.get(id)) };
      // A failed read is not cached: the next request asks again.
      entry.access.catch(() => this.cache.get(id) === entry && this.cache.delete(id));
      this.cache.set(id, entry);
    }
    return query;
  }

  /** A member's role or standing changed: forget what was cached and tell the listeners. */
  changed(memberId: string): void {
    this.cache.delete(memberId);
    this.changes.emit('changed', memberId);
  }

  /** Calls `listener` with the id of every member whose role or standing changes through this node. */
  onChange(listener: (memberId: string) => void): void {
    this.changes.on('changed', listener);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.cache) if (entry.until <= now) this.cache.delete(id);
  }
}
