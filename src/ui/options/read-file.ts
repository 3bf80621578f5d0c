/** The settings page's side of importing a contacts file in a worker (read-file.worker.ts). */
import type { ContactsRead, ReadProblem } from '../../io/contacts';
import type { ColumnChoice } from '../../io/csv';
import type { ImportPlan } from '../../io/plan';

/** Skipped records and unreadable cards shown in the preview at most. */
export const SHOWN = 200;

export type WorkerRequest = { op: 'read'; bytes: ArrayBuffer; columns?: ColumnChoice } | { op: 'apply'; network: boolean };

export interface ContactsSummary {
  kind: 'contacts';
  counts: { new: number; merged: number; skipped: number };
  skipped: ImportPlan['skipped'];
  problems: ReadProblem[];
  problemCount: number;
  columns?: NonNullable<ContactsRead['columns']>;
  guessedEncoding: string | null;
  /** A few names (or addresses) from the file, to check an encoding Kring guessed. */
  examples: string[];
}

export type WorkerReply =
  | { kind: 'progress'; done: number }
  | { kind: 'written'; done: number; total: number }
  | ContactsSummary
  | { kind: 'imported'; created: number; merged: number }
  | { kind: 'backup'; text: string }
  | { kind: 'error'; message: string; known: boolean };

/**
 * One file's worker: it reads and plans (`read`), keeps the plan, and writes it when asked
 * (`apply`). A copy of the bytes goes, so the page can read the file again with other columns.
 */
export class ImportWorker {
  private readonly worker = new Worker(new URL('./read-file.worker.ts', import.meta.url), { type: 'module' });

  private ask<T extends WorkerReply>(req: WorkerRequest, onStep: (r: WorkerReply) => void): Promise<T | { kind: 'error'; message: string; known: boolean }> {
    return new Promise((resolve) => {
      this.worker.onmessage = (e: MessageEvent<WorkerReply>) => {
        if (e.data.kind === 'progress' || e.data.kind === 'written') return onStep(e.data);
        resolve(e.data as T);
      };
      this.worker.onerror = (e) => resolve({ kind: 'error', message: e.message || 'the file could not be read', known: false });
      this.worker.postMessage(req);
    });
  }

  read(bytes: ArrayBuffer, onProgress: (cards: number) => void, columns?: ColumnChoice) {
    return this.ask<ContactsSummary | { kind: 'backup'; text: string }>({ op: 'read', bytes, ...(columns ? { columns } : {}) }, (r) => r.kind === 'progress' && onProgress(r.done));
  }

  apply(network: boolean, onProgress: (done: number, total: number) => void) {
    return this.ask<{ kind: 'imported'; created: number; merged: number }>({ op: 'apply', network }, (r) => r.kind === 'written' && onProgress(r.done, r.total));
  }

  close() {
    this.worker.terminate();
  }
}
