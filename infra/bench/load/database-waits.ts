// What our database's backends are doing, from pg_stat_activity twice a second: how many are busy
// (a pool at its size has callers queueing behind it) and what the active ones wait on (a lock, an
// advisory lock, I/O, the client), the evidence for "what saturates first".
import pg from 'pg';
import { now } from './messages.js';

export interface WaitSample {
  at: number;
  connections: number;
  /** Active or idle in a transaction: holding a pooled connection. */
  busy: number;
  /** Active backends by what they wait on (`Lock:advisory`, `LWLock:…`, `running` when on CPU). */
  waits: Record<string, number>;
}

export class DatabaseWaits {
  readonly samples: WaitSample[] = [];
  private readonly client: pg.Client;
  private timer: NodeJS.Timeout | undefined;

  constructor(databaseUrl: string) {
    this.client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-load-sampler' });
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 500);
  }

  private async sample(): Promise<void> {
    const rows = await this.client.query<{ state: string | null; wait: string; n: number }>(
      `SELECT state, CASE WHEN state = 'active' AND wait_event IS NOT NULL
                          THEN wait_event_type || ':' || wait_event ELSE 'running' END AS wait, count(*)::int AS n
         FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
        GROUP BY 1, 2`,
    );
    const sample: WaitSample = { at: now(), connections: 0, busy: 0, waits: {} };
    for (const { state, wait, n } of rows.rows) {
      sample.connections += n;
      if (state === 'active' || state?.startsWith('idle in transaction')) sample.busy += n;
      if (state === 'active') sample.waits[wait] = (sample.waits[wait] ?? 0) + n;
    }
    this.samples.push(sample);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.client.end();
  }
}
