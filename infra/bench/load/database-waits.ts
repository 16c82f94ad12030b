// What our database's backends are doing, from pg_stat_activity twice a second: how many each
// process holds and keeps busy (a pool with all its connections busy has callers queueing behind
// it) and what the active ones wait on (a lock, an advisory lock, I/O), the evidence for "what
// saturates first".
import pg from 'pg';
import { now } from './messages.js';

export interface WaitSample {
  at: number;
  connections: number;
  /** Active or idle in a transaction: holding a pooled connection. */
  busy: number;
  /** Active backends by what they wait on (`Lock:advisory`, `LWLock:…`, `running` when on CPU). */
  waits: Record<string, number>;
  /** Connections and busy ones by the process holding them (`other`: not identified). */
  owners: Record<string, { connections: number; busy: number }>;
  /** Active backends by statement (its text's start, `statementKey`): where PostgreSQL's time goes. */
  statements: Record<string, number>;
}

/** A statement's text, whitespace collapsed, cut to its first 100 characters (parameters are `$n`). */
export const statementKey = (query: string) => query.replace(/\s+/g, ' ').trim().slice(0, 100);

export class DatabaseWaits {
  readonly samples: WaitSample[] = [];
  private readonly client: pg.Client;
  private timer: NodeJS.Timeout | undefined;

  private owners = new Map<number, string>();
  private ownersAt = 0;

  /** `findOwners`: local port → process name (socket-owners.ts), asked again when a new port shows. */
  constructor(
    databaseUrl: string,
    private readonly findOwners: () => Map<number, string>,
  ) {
    this.client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-load-sampler' });
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 500);
  }

  private async sample(): Promise<void> {
    const rows = await this.client.query<{
      state: string | null;
      wait: string;
      port: number | null;
      query: string;
    }>(
      `SELECT state, client_port AS port, query,
              CASE WHEN state = 'active' AND wait_event IS NOT NULL
                   THEN wait_event_type || ':' || wait_event ELSE 'running' END AS wait
         FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    // New connections since the last look: look again, at most once a second. Only then: with
    // thousands of sockets open, one look reads thousands of /proc links and held this thread (and
    // the coordinator's socket, whose latency it measures) for up to half a second.
    const unknown = rows.rows.some(({ port }) => port !== null && !this.owners.has(port));
    if (unknown && Date.now() - this.ownersAt > 1000) {
      [this.owners, this.ownersAt] = [this.findOwners(), Date.now()];
      // A port held by none of the stack's processes (another client) is not looked for again.
      for (const { port } of rows.rows)
        if (port !== null && !this.owners.has(port)) this.owners.set(port, 'other');
    }
    const sample: WaitSample = { at: now(), connections: 0, busy: 0, waits: {}, owners: {}, statements: {} };
    for (const { state, wait, port, query } of rows.rows) {
      const owner = (sample.owners[this.owners.get(port ?? -1) ?? 'other'] ??= { connections: 0, busy: 0 });
      sample.connections++;
      owner.connections++;
      if (state === 'active' || state?.startsWith('idle in transaction')) {
        sample.busy++;
        owner.busy++;
      }
      if (state !== 'active') continue;
      sample.waits[wait] = (sample.waits[wait] ?? 0) + 1;
      const key = statementKey(query);
      sample.statements[key] = (sample.statements[key] ?? 0) + 1;
    }
    this.samples.push(sample);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.client.end();
  }
}
