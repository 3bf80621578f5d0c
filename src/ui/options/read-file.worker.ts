/**
 * A contacts file, from its bytes to the store, off the settings page's main thread (issue 18:
 * 50,000 cards took the page for seconds): decode, recognise the format, parse (progress every
 * 2,000 cards), plan against the store; then, when the user confirms, write the plan, which stays
 * here meanwhile, so 50,000 records never cross to the page and back. The page gets a summary;
 * an error comes as a message, never a thrown object.
 */
import { decodeFile, ImportError, sniffFormat } from '../../io/contacts';
import { readContactsCsv } from '../../io/csv';
import { readVCards } from '../../io/vcard';
import { db } from '../../store/db';
import { applyImport, previewImport, type ImportPreview } from '../../store/transfer';
import { SHOWN, type WorkerReply, type WorkerRequest } from './read-file';

const reply = (m: WorkerReply) => (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(m);
let planned: ImportPreview | null = null;

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  try {
    if (req.op === 'apply') {
      if (!planned) throw new Error('nothing to import');
      const done = await applyImport(db(), planned.plan, { network: req.network, onProgress: (n, total) => reply({ kind: 'written', done: n, total }) });
      planned = null;
      return reply({ kind: 'imported', ...done });
    }
    const { text, encoding, guessed } = decodeFile(new Uint8Array(req.bytes));
    const format = sniffFormat(text);
    if (format === 'kring-backup') return reply({ kind: 'backup', text });
    const read = format === 'vcard' ? readVCards(text, (done) => reply({ kind: 'progress', done })) : readContactsCsv(text, req.columns);
    planned = await previewImport(db(), read.records);
    reply({
      kind: 'contacts',
      counts: planned.counts,
      skipped: planned.plan.skipped.slice(0, SHOWN),
      problems: read.problems.slice(0, SHOWN),
      problemCount: read.problems.length,
      ...(read.columns ? { columns: read.columns } : {}),
      guessedEncoding: guessed ? encoding : null,
      examples: read.records.slice(0, 5).map((r) => r.name ?? r.emails[0] ?? '').filter(Boolean),
    });
  } catch (err) {
    reply({ kind: 'error', message: (err as Error).message, known: err instanceof ImportError });
  }
};
