import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A low-level DynamoDB command, as far as resolving its middleware goes. */
interface ResolvableCommand<Input, Output> {
  readonly input: Input;
  resolveMiddleware(
    stack: DynamoDBClient['middlewareStack'],
    configuration: DynamoDBClient['config'],
    options: undefined,
  ): Handler<Input, Output>;
}

type Handler<Input, Output> = (command: {
  input: Input;
}) => Promise<{ output: Output }>;

/**
 * `client.send` that resolves each command type's middleware stack once, as later SDK versions
 * do behind `cacheMiddleware`. The pinned SDK (3.523, the only `client-drs` available) resolves
 * the client's whole stack on every send, about a fifth of the CPU of an engine cycle that
 * writes every execution (profiled under `npm run bench:engine`). The stack is the client's as
 * of the first send of each command type, and its context is shared by concurrent sends, as with
 * `cacheMiddleware`. Low-level commands only: lib-dynamodb's bind their input into the stack.
 */
export function resolvedSend(
  client: Pick<DynamoDBClient, 'middlewareStack' | 'config'>,
) {
  const handlers = new Map<unknown, Handler<unknown, unknown>>();
  return async function send<Input, Output>(
    command: ResolvableCommand<Input, Output>,
  ): Promise<Output> {
    let handler = handlers.get(command.constructor) as
      | Handler<Input, Output>
      | undefined;
    if (!handler) {
      handler = command.resolveMiddleware(
        client.middlewareStack,
        client.config,
        undefined,
      );
      handlers.set(command.constructor, handler as never);
    }
    return (await handler(command)).output;
  };
}
