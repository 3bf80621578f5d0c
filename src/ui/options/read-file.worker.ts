/**
 * Reading a contacts file off the settings page's main thread (issue 18: 50,000 cards took the page
 * for seconds): decode, recognise the format, parse; progress every 2,000 cards. The page keeps
 * drawing; it gets plain data back (records and problems, or the backup's text) and an error as a
 * message, never a thrown object.
 */
import { decodeFile, ImportError, sniffFormat } from '../../io/contacts';
import { readContactsCsv, type ColumnChoice } from '../../io/csv';
import { readVCards } from '../../io/vcard';
import type { ReadReply } from './read-file';

const reply = (m: ReadReply) => (self as unknown as { postMessage(m: ReadReply): void }).postMessage(m);

self.onmessage = (e: MessageEvent<{ bytes: ArrayBuffer; columns?: ColumnChoice }>) => {
  try {
    const { text, encoding, guessed } = decodeFile(new Uint8Array(e.data.bytes));
    const format = sniffFormat(text);
    if (format === 'kring-backup') return reply({ kind: 'backup', text });
    const read = format === 'vcard' ? readVCards(text, (done) => reply({ kind: 'progress', done })) : readContactsCsv(text, e.data.columns);
    reply({ kind: 'contacts', read, guessedEncoding: guessed ? encoding : null });
  } catch (err) {
    reply({ kind: 'error', message: (err as Error).message, known: err instanceof ImportError });
  }
};
