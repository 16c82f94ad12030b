/** What runs SQL: a TypeORM `DataSource`, `EntityManager` or query runner all fit. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}
