import { ConflictError } from '@backstage/errors';

export function isConditionalCheckFailed(error: unknown): boolean {
  return (
    (error as { name?: string })?.name === 'ConditionalCheckFailedException'
  );
}

/** Runs a conditional write and turns a lost race into a 409 with a message a person can act on. */
export async function conditionalWrite<T>(
  write: () => Promise<T>,
  conflictMessage: string,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      throw new ConflictError(conflictMessage);
    }
    throw error;
  }
}
