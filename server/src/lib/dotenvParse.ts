import {
  JS_ONLY_LINE_BREAK,
  hasPyInterpolation,
  isJsSpace,
  isPySpace,
  npmDoubleQuoted,
  pyDoubleQuoted,
  pySingleQuoted,
} from './dotenvChars';

export interface DotenvEntry {
  name: string;
  /** The value both parsers read (python-dotenv with `interpolate=False`). */
  value: string;
  /** 1-based line of the entry's first line. */
  line: number;
  /** python-dotenv (default `interpolate=True`) would expand `${…}` in it: the value is not reliable. */
  interpolated?: true;
  /**
   * UTF-16 offsets of the value as written, quotes included (empty after the
   * `=` for an empty value); unset on entries a fix is about to write.
   */
  valueSpan?: { start: number; end: number };
}

export type DotenvParse = { ok: true; entries: DotenvEntry[] } | { ok: false; line: number; reason: string };

/**
 * Reads a `.env` file the way both npm `dotenv` (v18 `parse`) and
 * python-dotenv (0.21 `dotenv_values`) read it, and refuses (`ok: false`,
 * with the line and why) any file where they would disagree, or any line that
 * is not blank, a `#` comment, or `[export ]NAME=value` (unquoted, '…' or "…",
 * possibly spanning lines, with an optional trailing comment).
 *
 * Line breaks are `\n`, `\r\n` or `\r`, as both readers see them once a file
 * is read from disk (npm replaces `\r\n?` with `\n`; Python opens files with
 * universal newlines); a break inside a quoted value is read as `\n`.
 */
export function parseDotenv(text: string): DotenvParse {
  return new Reader(text).read();
}

/**
 * The entries of a `.env`-style file read the same way, skipping (rather than
 * refusing the file for) each line the two readers would not agree on: what a
 * `.env.example` declares, or which service a value locates. Never fails.
 */
export function readDotenvLenient(text: string): DotenvReading {
  const reader = new Reader(text, true);
  reader.read();
  return { entries: reader.entries, names: reader.names };
}

export interface DotenvReading {
  /** The entries both readers read alike. */
  entries: DotenvEntry[];
  /** Every name declared, in order, once: also those of entries whose value the readers disagree on. */
  names: string[];
}

class Refusal {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {}
}

const ENTRY_HEAD = /[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*/y;

class Reader {
  private pos = 0;
  private line = 1;
  readonly entries: DotenvEntry[] = [];
  /** Names declared (lenient reading only: refused entries' too). */
  readonly names: string[] = [];
  private readonly named = new Set<string>();

  constructor(
    private readonly text: string,
    /** Skip a line the readers disagree on instead of refusing the file. */
    private readonly lenient = false,
  ) {}

  read(): DotenvParse {
    try {
      this.readAll();
      return { ok: true, entries: this.entries };
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, line: e.line, reason: e.reason };
      throw e;
    }
  }

  private readAll(): void {
    const t = this.text;
    if (t.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      const first = t.slice(1, this.lineEnd(1));
      if (!this.lenient && !/^[ \t]*(#.*)?$/.test(first)) {
        this.refuse(
          'the file starts with a byte-order mark that python-dotenv reads as part of the first name; remove the BOM or start the file with a comment line',
        );
      }
    }
    while (this.pos < t.length) {
      const start = this.pos;
      const line = this.line;
      try {
        this.readLine();
      } catch (e) {
        if (!this.lenient || !(e instanceof Refusal)) throw e;
        ENTRY_HEAD.lastIndex = start;
        const name = ENTRY_HEAD.exec(t)?.[1];
        if (name !== undefined) this.declare(name);
        this.pos = start;
        this.line = line;
        this.nextLine(this.lineEnd(start));
      }
    }
  }

  private readLine(): void {
    const end = this.lineEnd(this.pos);
    const lineText = this.text.slice(this.pos, end);
    if (/^[ \t]*$/.test(lineText)) {
      this.nextLine(end);
    } else if (/^[ \t]*#/.test(lineText)) {
      this.checkComment(lineText);
      this.nextLine(end);
    } else {
      this.readEntry();
    }
  }

  private readEntry(): void {
    const t = this.text;
    ENTRY_HEAD.lastIndex = this.pos;
    const head = ENTRY_HEAD.exec(t);
    if (!head) {
      this.refuse('this line is not blank, a # comment, or NAME=value (names are letters, digits, _ . -)');
    }
    const name = head[1];
    const startLine = this.line;
    const p = ENTRY_HEAD.lastIndex;
    const quote = t[p];
    let value: string;
    let after: number;
    let valueEnd: number;
    if (quote === "'" || quote === '"') {
      const close = t.indexOf(quote, p + 1);
      if (close < 0) this.refuse(`the ${quote} quote opened here is never closed`);
      const body = t.slice(p + 1, close).replace(/\r\n?/g, '\n');
      if (body.endsWith('\\')) {
        this.refuse(
          `a backslash right before the closing ${quote} makes the two dotenv readers disagree on where the value ends`,
        );
      }
      value = quote === "'" ? body : npmDoubleQuoted(body);
      const py = quote === "'" ? pySingleQuoted(body) : pyDoubleQuoted(body);
      if (py !== value) {
        this.refuse(
          quote === "'"
            ? "python-dotenv turns \\\\ and \\' inside single quotes into \\ and ', npm dotenv keeps them"
            : 'npm dotenv only decodes \\n and \\r inside double quotes; python-dotenv also decodes \\\\ \\" \\\' \\t and others',
        );
      }
      this.advanceTo(close + 1);
      after = close + 1;
      valueEnd = after;
      const end = this.lineEnd(after);
      const rest = t.slice(after, end);
      if (!/^[ \t]*(#.*)?$/.test(rest)) {
        this.refuse(`text after the closing ${quote} quote: dotenv (npm) and python-dotenv read this line differently`);
      }
      if (/#/.test(rest)) this.checkComment(rest);
      this.nextLine(end);
    } else if (quote === '`') {
      this.refuse('python-dotenv does not understand backtick quotes (it keeps the backticks)');
    } else {
      const end = this.lineEnd(p);
      const raw = t.slice(p, end);
      value = this.unquoted(raw);
      valueEnd = value === '' ? p : p + raw.indexOf(value) + value.length;
      this.nextLine(end);
    }
    const entry: DotenvEntry = { name, value, line: startLine, valueSpan: { start: p, end: valueEnd } };
    if (hasPyInterpolation(value)) entry.interpolated = true;
    this.entries.push(entry);
    if (this.lenient) this.declare(name);
  }

  /** `raw` is the rest of the line after `=` and spaces/tabs. */
  private unquoted(raw: string): string {
    if (JS_ONLY_LINE_BREAK.test(raw)) {
      this.refuse('U+2028/U+2029 end a line for npm dotenv but not for python-dotenv');
    }
    if (raw.length === 0) return '';
    if (isJsSpace(raw.charCodeAt(0)) || isPySpace(raw.charCodeAt(0))) {
      this.refuse('unusual whitespace after = is read differently by the two dotenv readers');
    }
    const hash = raw.indexOf('#');
    if (hash === 0) {
      this.refuse(
        'a # right after = starts a comment for npm dotenv but is the value for python-dotenv; quote the value',
      );
    }
    if (hash > 0 && !isPySpace(raw.charCodeAt(hash - 1))) {
      this.refuse('an unquoted value containing #: npm dotenv cuts it there, python-dotenv keeps it; quote the value');
    }
    const kept = hash < 0 ? raw : raw.slice(0, hash);
    const npm = kept.trim();
    let e = kept.length;
    while (e > 0 && isPySpace(kept.charCodeAt(e - 1))) e--;
    if (kept.slice(0, e) !== npm) {
      this.refuse('unusual whitespace at the end of the value is read differently by the two dotenv readers');
    }
    return npm;
  }

  private checkComment(comment: string): void {
    if (JS_ONLY_LINE_BREAK.test(comment)) {
      this.refuse('U+2028/U+2029 in a comment end the comment for npm dotenv but not for python-dotenv');
    }
  }

  private declare(name: string): void {
    if (this.named.has(name)) return;
    this.named.add(name);
    this.names.push(name);
  }

  /** Offset of the line break (or end of text) at or after `from`. */
  private lineEnd(from: number): number {
    const t = this.text;
    for (let i = from; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 13) return i;
    }
    return t.length;
  }

  /** Moves past the line break at `end`, counting lines. */
  private nextLine(end: number): void {
    const t = this.text;
    let i = end;
    if (t.charCodeAt(i) === 13) i++;
    if (t.charCodeAt(i) === 10) i++;
    if (i > end) this.line++;
    this.pos = i;
  }

  private advanceTo(to: number): void {
    const t = this.text;
    for (let i = this.pos; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || (c === 13 && t.charCodeAt(i + 1) !== 10)) this.line++;
    }
    this.pos = to;
  }

  private refuse(reason: string): never {
    throw new Refusal(this.line, reason);
  }
}
