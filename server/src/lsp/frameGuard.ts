/**
 * Between stdin and the JSON-RPC reader: passes well-framed messages through
 * unchanged and drops a malformed header (garbage before a header, a header
 * line without `:`, a missing or non-numeric `Content-Length`), reporting it,
 * then resynchronises on the next `Content-Length:`. vscode-jsonrpc's reader
 * reports such a header to nobody and then never reads another message: the
 * server would sit there, deaf, with no word of why.
 *
 * The report names the problem and the number of bytes dropped, never their
 * content (it could be anything the client had in its buffers).
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH_FIELD = Buffer.from('Content-Length:');
/** A header block longer than this without its blank line is not a header. */
const MAX_HEADER_BYTES = 8192;

export class FrameGuard extends Transform {
  private buffer: Buffer<ArrayBufferLike> = Buffer.alloc(0);

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES) this.skip('no end of header', this.buffer.length);
        break;
      }
      const length = contentLength(this.buffer.subarray(0, end).toString('ascii'));
      if (typeof length === 'string') {
        this.skip(length, end + HEADER_END.length);
        continue;
      }
      const frameEnd = end + HEADER_END.length + length;
      if (this.buffer.length < frameEnd) break;
      this.push(this.buffer.subarray(0, frameEnd));
      this.buffer = this.buffer.subarray(frameEnd);
    }
    done();
  }

  /** Drops the bad header: up to the next `Content-Length:` after its start, or `fallback` bytes. */
  private skip(problem: string, fallback: number): void {
    const next = this.buffer.indexOf(LENGTH_FIELD, 1);
    const dropped = next > 0 ? next : fallback;
    this.report(`malformed message header (${problem}): ${dropped} bytes skipped`);
    this.buffer = this.buffer.subarray(dropped);
  }
}

/** The Content-Length of a header block, or what is wrong with the block. */
function contentLength(header: string): number | string {
  let length: number | string = 'no Content-Length';
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'a header line without a "name: value"';
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    length = /^\d{1,9}$/.test(value) ? Number(value) : 'Content-Length is not a number';
  }
  return length;
}
