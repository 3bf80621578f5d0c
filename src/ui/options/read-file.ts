/** The settings page's side of reading a contacts file in a worker (read-file.worker.ts). */
import type { ContactsRead } from '../../io/contacts';
import type { ColumnChoice } from '../../io/csv';

export type ReadReply =
  | { kind: 'progress'; done: number }
  | { kind: 'contacts'; read: ContactsRead; guessedEncoding: string | null }
  | { kind: 'backup'; text: string }
  | { kind: 'error'; message: string; known: boolean };

export type ReadResult = Exclude<ReadReply, { kind: 'progress' }>;

/**
 * Read the file's bytes in a worker (a copy goes: the page keeps the file to read it again with
 * other columns); `onProgress` hears how many cards are read so far.
 */
export function readInWorker(bytes: ArrayBuffer, onProgress: (done: number) => void, columns?: ColumnChoice): Promise<ReadResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./read-file.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<ReadReply>) => {
      if (e.data.kind === 'progress') return onProgress(e.data.done);
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      resolve({ kind: 'error', message: e.message || 'the file could not be read', known: false });
    };
    worker.postMessage({ bytes, ...(columns ? { columns } : {}) });
  });
}
