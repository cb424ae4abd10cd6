import { SqliteDialect } from 'kysely';
import type { DatabaseConnection, Driver } from 'kysely';

/**
 * Kysely's SQLite dialect with its one connection handed out first come, first served.
 *
 * Kysely's own SQLite driver guards the connection with a lock that every waiter polls: all of them
 * await the same promise, and each release wakes every one of them to find that one got it and the
 * rest must wait again. Under 50 concurrent TAXII clients that was 25-50 async resumptions for each of
 * the five queries of a page (8.5% of the server's CPU in a profile of `npm run bench -- taxii`).
 * Here waiters queue, and a release wakes the next one only. The connection, queries, transactions
 * and savepoints are still Kysely's own: this driver only takes its turn before asking for it, so
 * Kysely's lock below is never contended.
 */
export class QueuedSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new QueuedDriver(super.createDriver());
  }
}

class QueuedDriver implements Driver {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    try {
      return await this.inner.acquireConnection();
    } catch (error) {
      this.handOver();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.handOver();
    }
  }

  /** The next waiter gets the connection (it stays busy), or nobody is waiting and it is free. */
  private handOver(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.busy = false;
    else next();
  }

  beginTransaction: Driver['beginTransaction'] = (connection, settings) =>
    this.inner.beginTransaction(connection, settings);
  commitTransaction: Driver['commitTransaction'] = (connection) => this.inner.commitTransaction(connection);
  rollbackTransaction: Driver['rollbackTransaction'] = (connection) =>
    this.inner.rollbackTransaction(connection);
  savepoint: NonNullable<Driver['savepoint']> = (connection, name, compile) =>
    this.inner.savepoint!(connection, name, compile);
  rollbackToSavepoint: NonNullable<Driver['rollbackToSavepoint']> = (connection, name, compile) =>
    this.inner.rollbackToSavepoint!(connection, name, compile);
  releaseSavepoint: NonNullable<Driver['releaseSavepoint']> = (connection, name, compile) =>
    this.inner.releaseSavepoint!(connection, name, compile);

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
