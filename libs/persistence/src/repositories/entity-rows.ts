import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Builds an entity from a row Postgres returned as JSON (`to_jsonb(table)`), by the entity's own
 * column metadata: each column's name to its property, timestamps to Dates. For the one query
 * that brings a whole row along with another table's (the send path), without TypeORM's per-query
 * hydration cost.
 */
export function entityFromJson<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  json: Record<string, unknown> | null,
): T | null {
  if (!json) return null;
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = json[column.databaseName];
    const isTime = column.type === 'timestamptz' || column.type === 'timestamp with time zone';
    (entity as Record<string, unknown>)[column.propertyName] =
      value === null || value === undefined ? null : isTime ? new Date(value as string) : value;
  }
  return entity;
}
