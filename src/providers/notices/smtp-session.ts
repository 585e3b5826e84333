/**
 * One SMTP session over a TCP socket with the shape of `cloudflare:sockets` (readable/writable streams, `opened`,
 * `startTls()`): the runtime's `connect` is passed in by the entry, so this file runs wherever one is given (workerd
 * in production, a node:net adapter in the Node tests). Every reply is awaited under a timeout; a reply outside the
 * expected class throws an `SmtpReplyError` carrying its code, which the channel maps to retry or permanent.
 */

export interface SmtpSocket {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  readonly opened: Promise<unknown>;
  close(): Promise<void>;
  startTls(): SmtpSocket;
}

export type SmtpConnect = (
  address: { hostname: string; port: number },
  options: { secureTransport: 'on' | 'starttls'; allowHalfOpen: boolean },
) => SmtpSocket;

export class SmtpReplyError extends Error {
  readonly code: number;
  constructor(step: string, code: number, text: string) {
    super(`${step}: ${code} ${text}`);
    this.code = code;
  }
}

export interface SmtpReply {
  code: number;
  lines: string[];
}

/** Reads and writes one socket; `upgrade` swaps to the socket STARTTLS returns. */
export class SmtpSession {
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private writer: WritableStreamDefaultWriter<Uint8Array>;
  private socket: SmtpSocket;
  private readonly timeoutMs: number;
  private buffered = '';
  private readonly decoder = new TextDecoder();
  private readonly encoder = new TextEncoder();

  constructor(socket: SmtpSocket, timeoutMs: number) {
    this.socket = socket;
    this.timeoutMs = timeoutMs;
    this.reader = socket.readable.getReader();
    this.writer = socket.writable.getWriter();
  }

  /** Resolves when the connection is open, or throws after the timeout. */
  opened(): Promise<unknown> {
    return this.within('connect', this.socket.opened);
  }

  upgrade(): void {
    this.reader.releaseLock();
    this.writer.releaseLock();
    this.socket = this.socket.startTls();
    this.reader = this.socket.readable.getReader();
    this.writer = this.socket.writable.getWriter();
  }

  /** Sends `line` (unless null: the greeting) and awaits a reply of the `expect` class (2 or 3). */
  async command(step: string, line: string | null, expect: 2 | 3 = 2): Promise<SmtpReply> {
    if (line !== null) await this.within(step, this.writer.write(this.encoder.encode(line)));
    const reply = await this.within(step, this.reply());
    if (Math.floor(reply.code / 100) !== expect)
      throw new SmtpReplyError(step, reply.code, reply.lines.join(' '));
    return reply;
  }

  async close(): Promise<void> {
    await this.socket.close().catch(() => undefined);
  }

  /** A whole reply: lines `250-…` continue it, `250 …` (or a bare code) ends it. */
  private async reply(): Promise<SmtpReply> {
    const lines: string[] = [];
    for (;;) {
      const end = this.buffered.indexOf('\n');
      if (end < 0) {
        const { value, done } = await this.reader.read();
        if (done) throw new Error('the mail server closed the connection');
        this.buffered += this.decoder.decode(value, { stream: true });
        continue;
      }
      const line = this.buffered.slice(0, end).replace(/\r$/, '');
      this.buffered = this.buffered.slice(end + 1);
      lines.push(line.slice(4));
      if (line[3] !== '-') return { code: Number(line.slice(0, 3)) || 0, lines };
    }
  }

  private within<T>(step: string, promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${step}: no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
