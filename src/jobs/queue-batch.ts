/**
 * The loop every queue consumer shares (feeds, notices, the push): each message is parsed, handled, and acknowledged
 * once done, or retried when its handling throws (the queue redelivers it, and after `max_retries` moves it to the
 * dead-letter queue). A malformed message is acknowledged and logged: retrying cannot mend it.
 */

/** The parts of a delivered queue message used here. */
export interface DeliveredMessage {
  readonly body: unknown;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/** `handle` answers 'settled' when it acknowledged or retried the message itself (the push: a delay). */
export async function consumeEach<M extends DeliveredMessage, T>(
  queueName: string,
  messages: readonly M[],
  parse: (body: unknown) => T | null,
  handle: (parsed: T, message: M) => Promise<'settled' | undefined>,
  log: (line: string) => void,
): Promise<void> {
  for (const message of messages) {
    const parsed = parse(message.body);
    try {
      if (parsed === null)
        log(`${queueName}: ignored a malformed message ${JSON.stringify(message.body)}`);
      else if ((await handle(parsed, message)) === 'settled') continue;
      message.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(
        `${queueName}: ${JSON.stringify(message.body)} failed (attempt ${message.attempts}): ${reason}`,
      );
      message.retry();
    }
  }
}
