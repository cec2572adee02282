import type { Mapping } from '../mapping/mapping.types';
import { checkScheme, connectionValue, type SourceAdapter } from './adapter';
import { Hdf5Source } from './hdf5';
import { RelationalSource } from './relational';
import { MariaDbClient, PostgresClient, SqliteClient } from './sql.clients';

export * from './adapter';

/** The adapter a mapping's source names, connected through its environment variable (or `connection`). */
export function createAdapter(m: Mapping, connection?: string): SourceAdapter {
  const conn = connectionValue(m, connection);
  checkScheme(m, conn);
  switch (m.source.adapter) {
    case 'mariadb':
    case 'mysql': {
      const c = new MariaDbClient(conn);
      return new RelationalSource(m, c, c.label);
    }
    case 'postgres': {
      const c = new PostgresClient(conn);
      return new RelationalSource(m, c, c.label);
    }
    case 'sqlite': {
      const c = new SqliteClient(conn);
      return new RelationalSource(m, c, c.label);
    }
    case 'hdf5':
      return new Hdf5Source(m, conn);
  }
}
