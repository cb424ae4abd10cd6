import type { Kysely } from 'kysely';

/**
 * Subscriptions follow from the seq at which they were saved: `start_seq` keeps it (the `cursor`
 * moves as the webhook runner works), so the live stream marks as a `match` only versions written
 * after the subscription existed, on every node alike.
 */
export function subscriptionsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('subscriptions')
        .addColumn('start_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('subscription_deliveries_log')
        .on('subscription_deliveries')
        .columns(['subscription_id', 'created'])
        .execute();
    },
  };
}
