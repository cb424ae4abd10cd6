/** Raised inside evaluation (bad data, bad constant, budget) and turned into a result by the caller. */
export class EvalError extends Error {
  override readonly name = 'EvalError';
}
