import type { NextDueChange } from '../../core/index.ts';
import type { Params } from './sql-store.ts';

/** One statement and its named parameters. */
export interface SqlStatement {
  readonly sql: string;
  readonly params: Params;
}

// Four parameters a row: 500 rows stay far below SQLite's 32,766 and PostgreSQL's 65,535 limits.
const rowsPerStatement = 500;

/**
 * The UPDATEs that store new next-due instants, many rows a statement: after downtime a pass may
 * move every subscription at once, and one statement a row would cost a round trip (and, on
 * SQLite, a commit) each. A row applies only while the subscription still has the time and zone
 * the instant was computed from. `UPDATE … FROM (VALUES …)` and the `columnN` names are what
 * SQLite (3.33+) and PostgreSQL both accept.
 */
export function nextDueUpdates(changes: readonly NextDueChange[]): SqlStatement[] {
  // The last change for a subscription wins; a row listed twice would update it arbitrarily.
  const latest = [...new Map(changes.map((change) => [change.subscriptionId, change])).values()];
  const statements: SqlStatement[] = [];
  for (let start = 0; start < latest.length; start += rowsPerStatement) {
    const rows: string[] = [];
    const params: Record<string, string | number> = {};
    latest.slice(start, start + rowsPerStatement).forEach((change, i) => {
      rows.push(`(:id_${i}, CAST(:due_${i} AS BIGINT), :time_${i}, :zone_${i})`);
      params[`id_${i}`] = change.subscriptionId;
      params[`due_${i}`] = change.nextDueAt;
      params[`time_${i}`] = change.time;
      params[`zone_${i}`] = change.timeZone;
    });
    statements.push({
      sql: `UPDATE subscriptions SET next_due_at = v.column2
        FROM (VALUES ${rows.join(', ')}) AS v
        WHERE subscriptions.id = v.column1 AND subscriptions.post_time = v.column3
          AND subscriptions.time_zone = v.column4`,
      params,
    });
  }
  return statements;
}
