/**
 * A progress bar on stderr for long scans only: nothing is drawn during the
 * first second, so short runs and CI logs stay clean.
 */
import type { ScanProgress } from '../workspace/scan';

const DELAY_MS = 1000;
const REDRAW_MS = 100;
const WIDTH = 30;

export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(p: ScanProgress): void {
    const now = Date.now();
    if (now - this.started < DELAY_MS || now - this.lastDraw < REDRAW_MS || p.total === 0) return;
    this.lastDraw = now;
    this.drawn = true;
    const filled = Math.round((p.done / p.total) * WIDTH);
    const bar = '#'.repeat(filled) + '.'.repeat(WIDTH - filled);
    this.stream.write(`\r[${bar}] ${p.done}/${p.total} files`);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
