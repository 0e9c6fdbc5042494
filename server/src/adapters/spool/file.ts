import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { InboundMessage, InboundSpool, SpooledMessage } from '../../ports.js';
import { parseEntry } from './revive.js';

interface Entry extends SpooledMessage {
  /** Byte offset just past this entry's line in the log. */
  end: number;
}

/**
 * The spool as files under DATA_DIR (embedded mode): an append-only log of JSON lines, fsync'd
 * before `append` returns, and a head file with the byte offset of the first entry not yet
 * removed, replaced atomically. One process owns the directory, as it owns the PGlite databases.
 */
export class FileSpool implements InboundSpool {
  private entries: Entry[] = [];
  /** Bytes of whole lines in the log. */
  private length = 0;
  /** File operations run one at a time, in call order. */
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly log: FileHandle,
  ) {}

  static async open(dir: string): Promise<FileSpool> {
    await mkdir(dir, { recursive: true });
    const logPath = join(dir, 'inbound.jsonl');
    const content = await readFile(logPath).catch(() => Buffer.alloc(0));
    const log = await open(logPath, 'a');
    const spool = new FileSpool(dir, log);
    // A line without its newline is an append that never returned: it was not accepted, so drop it.
    spool.length = content.lastIndexOf(0x0a) + 1;
    if (spool.length < content.length) {
      await log.truncate(spool.length);
      await log.datasync();
    }
    await syncDirectory(dir);
    let offset = await spool.readHead();
    // A head the log does not match (edited by hand): replay everything, a repeated store is harmless.
    if (offset > spool.length) offset = 0;
    while (offset < spool.length) {
      const end = content.indexOf(0x0a, offset) + 1;
      const entry = parseLine(content.subarray(offset, end - 1).toString('utf8'));
      if (entry) spool.entries.push({ ...entry, end });
      offset = end;
    }
    return spool;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => {});
    return run;
  }

  append(message: InboundMessage): Promise<void> {
    return this.serially(async () => {
      const id = randomUUID();
      const line = Buffer.from(`${JSON.stringify({ id, message })}\n`, 'utf8');
      try {
        await this.log.write(line);
        await this.log.datasync();
      } catch (error) {
        // Never leave half a line for the next append to run into.
        await this.log.truncate(this.length).catch(() => {});
        throw error;
      }
      this.length += line.length;
      this.entries.push({ id, message, end: this.length });
    });
  }

  async peek(limit: number): Promise<SpooledMessage[]> {
    await this.tail;
    return this.entries.slice(0, limit).map(({ id, message }) => ({ id, message }));
  }

  removeHead(id: string): Promise<void> {
    return this.serially(async () => {
      const head = this.entries[0];
      if (head?.id !== id) return;
      if (this.entries.length === 1) {
        // Empty again: the head goes back to 0 durably before the log is cut, so they never disagree.
        await this.writeHead(0);
        await this.log.truncate(0);
        await this.log.datasync();
        this.length = 0;
      } else {
        await this.writeHead(head.end);
      }
      this.entries.shift();
    });
  }

  async size(): Promise<number> {
    await this.tail;
    return this.entries.length;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.log.close();
  }

  private async readHead(): Promise<number> {
    const text = await readFile(join(this.dir, 'inbound.head'), 'utf8').catch(() => '0');
    const offset = Number.parseInt(text, 10);
    return Number.isFinite(offset) && offset >= 0 ? offset : 0;
  }

  private async writeHead(offset: number): Promise<void> {
    const temporary = join(this.dir, 'inbound.head.tmp');
    const file = await open(temporary, 'w');
    try {
      await file.write(String(offset));
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, join(this.dir, 'inbound.head'));
    await syncDirectory(this.dir);
  }
}

function parseLine(line: string): SpooledMessage | null {
  try {
    return parseEntry(line);
  } catch {
    return null;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
