import type { DataSource } from 'typeorm';
import { TrustGraph } from '../rules/trust-graph.js';

/**
 * The trust graph held in memory and rebuilt from `vouches` at most every `refreshMs`: a batch
 * then needs no query per pair. A vouch given or withdrawn counts within `refreshMs`.
 */
export class TrustCache {
  private graph: TrustGraph | undefined;
  private loadedAt = 0;
  private loading: Promise<TrustGraph> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly refreshMs = 30_000,
  ) {}

  async current(): Promise<TrustGraph> {
    if (this.graph && Date.now() - this.loadedAt < this.refreshMs) return this.graph;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<TrustGraph> {
    const rows: { voucher_id: string; vouchee_id: string }[] = await this.db.query(
      `SELECT voucher_id, vouchee_id FROM vouches WHERE withdrawn_at IS NULL`,
    );
    this.graph = new TrustGraph(rows.map((r) => [r.voucher_id, r.vouchee_id] as const));
    this.loadedAt = Date.now();
    return this.graph;
  }
}
