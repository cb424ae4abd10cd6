import type { CompiledQuery } from 'kysely';

/** A query compiled once, run with other values for its parameters (same text, same result type). */
export function withParameters<R>(
  compiled: CompiledQuery<R>,
  parameters: readonly unknown[],
): CompiledQuery<R> {
  return { ...compiled, parameters };
}
