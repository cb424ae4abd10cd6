import type { CoreTables } from './tables/core.js';
import type { ReportsTables } from './tables/reports.js';
import type { PublicTables } from './tables/public.js';
import type { DeconflictTables } from './tables/deconflict.js';
import type { StreamTables } from './tables/stream.js';
import type { OperationsTables } from './tables/operations.js';
import type { PssTables } from './tables/pss.js';
import type { OperationCarsTables } from './tables/operation-cars.js';
import type { FederationTables } from './tables/federation.js';
import type { IntakeTables } from './tables/intake.js';
import type { RangeTables } from './tables/range.js';

/**
 * The tables of an Accord store, identical on SQLite and PostgreSQL. Timestamps are ISO 8601 text in
 * UTC (sortable as text on both backends); booleans are 0/1 integers. Each feature keeps its tables in
 * its own file under tables/; a new feature adds a file and one name to the list below.
 */
export interface Database
  extends
    CoreTables,
    ReportsTables,
    PublicTables,
    DeconflictTables,
    StreamTables,
    OperationsTables,
    PssTables,
    OperationCarsTables,
    FederationTables,
    IntakeTables,
    RangeTables {}

export type * from './tables/core.js';
export type * from './tables/reports.js';
export type * from './tables/public.js';
export type * from './tables/deconflict.js';
export type * from './tables/stream.js';
export type * from './tables/operations.js';
export type * from './tables/pss.js';
export type * from './tables/operation-cars.js';
export type * from './tables/federation.js';
export type * from './tables/intake.js';
export type * from './tables/range.js';
