/* Why the API refuses a request on an execution. */
/**
 * Why a request was refused: CONFLICT, not in the execution's current state; INVALID, not for this execution at all.
 *
 * @public
 */
export type ExecutionRequestErrorCode = 'CONFLICT' | 'INVALID';

/**
 * A request the execution cannot take in its current state (CONFLICT) or that makes no sense for it (INVALID).
 *
 * @public
 */
export class ExecutionRequestError extends Error {
  /** Tells this error apart from others once serialised or logged. */
  readonly name = 'ExecutionRequestError';

  constructor(
    /** Why the request was refused; the API answers 409 for CONFLICT and 400 for INVALID. */
    readonly code: ExecutionRequestErrorCode,
    message: string,
  ) {
    super(message);
  }
}
