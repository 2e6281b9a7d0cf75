/**
 * A Cypher statement as data: a name, its text and its parameters, built apart from running it.
 * Builders are plain functions (tested without a database); `run` executes one in a transaction
 * and the unit of work that runs it carries its name to Neo4j as transaction metadata, so the
 * query log says which statement of which mutation ran.
 */
import type { ManagedTransaction, Neo4jRecord } from './driver';

export interface Statement {
  /** Stable and unique across the project, e.g. `relationship.append-evidence`. */
  name: string;
  text: string;
  params: Record<string, unknown>;
}

export function statement(name: string, text: string, params: Record<string, unknown> = {}): Statement {
  return { name, text, params };
}

export async function run(tx: ManagedTransaction, s: Statement): Promise<Neo4jRecord[]> {
  return (await tx.run(s.text, s.params)).records;
}
