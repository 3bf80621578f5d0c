/** Export and import in the settings page: backup, vCard, CSV; a preview before anything is written. */
import { useEffect, useState } from 'preact/hooks';
import { parseBackup, serializeBackup, type Backup } from '../../io/backup';
import { checkFileSize, ImportError } from '../../io/contacts';
import { serializeGoogleCsv, type ColumnChoice } from '../../io/csv';
import { serializeVCards } from '../../io/vcard-write';
import { db } from '../../store/db';
import { contactRecords, exportBackup, restoreBackup } from '../../store/transfer';
import { download, today } from '../download';
import { ImportWorker, type ContactsSummary } from './read-file';
import { t } from '../i18n';

/** A contacts file read and planned in its worker, which keeps the plan until Import or Cancel. */
type Loaded = { kind: 'contacts'; summary: ContactsSummary; fileName: string; bytes: ArrayBuffer; worker: ImportWorker } | { kind: 'backup'; backup: Backup; fileName: string };

/** An encoding's name as people know it. */
const encodingName = (label: string) => ({ 'windows-1252': 'Windows-1252 (Western European)', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16 (big-endian)' })[label] ?? label;

export function DataTransfer() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [network, setNetwork] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [reading, setReading] = useState<number | null>(null);

  // A file left unimported (another chosen, Cancel, the page closed) takes its worker with it.
  const worker = loaded?.kind === 'contacts' ? loaded.worker : null;
  useEffect(() => () => worker?.close(), [worker]);

  const readFile = async (file: File) => {
    setError(null);
    setResult(null);
    setLoaded(null);
    const reader = new ImportWorker();
    let kept = false;
    try {
      checkFileSize(file.size); // before reading it into memory
      setReading(0);
      const bytes = await file.arrayBuffer();
      const got = await reader.read(bytes, setReading);
      if (got.kind === 'error') throw new ImportError(got.message);
      if (got.kind === 'backup') return setLoaded({ kind: 'backup', backup: parseBackup(got.text), fileName: file.name });
      kept = true;
      setLoaded({ kind: 'contacts', summary: got, fileName: file.name, bytes, worker: reader });
    } catch (e) {
      setError(e instanceof ImportError ? t('importError', [file.name, e.message]) : t('importError', [file.name, String((e as Error).message)]));
    } finally {
      if (!kept) reader.close();
      setReading(null);
    }
  };

  /** A table read again with the columns the user chose in the preview. */
  const chooseColumns = async (columns: ColumnChoice) => {
    if (loaded?.kind !== 'contacts') return;
    const was = loaded;
    setError(null);
    const got = await was.worker.read(was.bytes, () => {}, columns);
    if (got.kind !== 'contacts') return setError(t('importError', [was.fileName, got.kind === 'error' ? got.message : '']));
    setLoaded({ ...was, summary: got });
  };

  const runImport = async () => {
    if (loaded?.kind !== 'contacts') return;
    setProgress({ done: 0, total: loaded.summary.counts.new + loaded.summary.counts.merged });
    try {
      const r = await loaded.worker.apply(network, (done, total) => setProgress({ done, total }));
      if (r.kind === 'error') throw new Error(r.message);
      setResult(t('importDone', [String(r.created), String(r.merged)]));
      setLoaded(null);
    } catch (e) {
      setError(t('importFailed', String((e as Error).message)));
    } finally {
      setProgress(null);
    }
  };

  const exportContacts = async (kind: 'vcf4' | 'vcf3' | 'csv') => {
    const records = await contactRecords(db());
    if (kind === 'csv') download(serializeGoogleCsv(records), `kring-contacts-${today()}.csv`, 'text/csv;charset=utf-8');
    else download(serializeVCards(records, kind === 'vcf3' ? '3.0' : '4.0'), `kring-contacts-${today()}.vcf`, 'text/vcard;charset=utf-8');
  };

  return (
    <div class="transfer">
      <h3>{t('exportHeading')}</h3>
      <div class="actions">
        <button type="button" onClick={() => void exportBackup(db()).then((b) => download(serializeBackup(b), `kring-backup-${today()}.json`, 'application/json'))}>
          {t('exportBackup')}
        </button>
        <button type="button" onClick={() => void exportContacts('vcf4')}>
          {t('exportVcard')}
        </button>
        <button type="button" onClick={() => void exportContacts('vcf3')}>
          {t('exportVcard3')}
        </button>
        <button type="button" onClick={() => void exportContacts('csv')}>
          {t('exportCsv')}
        </button>
      </div>
      <h3>{t('importHeading')}</h3>
      <p class="muted" id="import-help">
        {t('importHelp')}
      </p>
      <div class="field">
        <label for="import-file">{t('importFile')}</label>
        <input
          id="import-file"
          type="file"
          accept=".vcf,.vcard,.csv,.json,text/vcard,text/csv,application/json"
          aria-describedby="import-help"
          onChange={(e) => {
            const f = (e.currentTarget as HTMLInputElement).files?.[0];
            if (f) void readFile(f);
          }}
        />
      </div>
      {reading !== null && (
        <p class="muted" role="status" aria-live="polite">
          {reading > 0 ? t('importReadingCount', reading.toLocaleString()) : t('importReading')}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p class="notice" role="status">
          {result}
        </p>
      )}
      {loaded?.kind === 'contacts' && (
        <section class="card preview" aria-labelledby="preview-h">
          <h4 id="preview-h">{t('previewHeading', loaded.fileName)}</h4>
          <ul class="plain">
            <li>{t('previewNew', String(loaded.summary.counts.new))}</li>
            <li>{t('previewMerged', String(loaded.summary.counts.merged))}</li>
            <li>{t('previewSkipped', String(loaded.summary.counts.skipped))}</li>
          </ul>
          {loaded.summary.guessedEncoding && (
            <p class="notice" role="status">
              {t('previewEncoding', encodingName(loaded.summary.guessedEncoding))}{' '}
              {t('previewExamples', loaded.summary.examples.join(', '))}
            </p>
          )}
          {loaded.summary.columns && <Columns columns={loaded.summary.columns} onChoose={(c) => void chooseColumns(c)} />}
          {loaded.summary.problemCount > 0 && (
            <details class="unread">
              <summary>{t('previewUnread', String(loaded.summary.problemCount))}</summary>
              <ul class="plain small">
                {loaded.summary.problems.map((p) => (
                  <li key={p.where}>{t('previewUnreadRow', [p.where, p.reason])}</li>
                ))}
              </ul>
            </details>
          )}
          {loaded.summary.skipped.length > 0 && (
            <details>
              <summary>{t('previewWhySkipped')}</summary>
              <ul class="plain small">
                {loaded.summary.skipped.slice(0, 200).map((s) => (
                  <li key={s.index}>
                    {t('previewSkipRow', [String(s.index + 1), s.name ?? t('unnamed'), t(`skip_${s.reason.replace('-', '_')}` as 'skip_no_address')])}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <fieldset>
            <legend>{t('importAs')}</legend>
            <label class="check">
              <input type="radio" name="import-as" checked={!network} onChange={() => setNetwork(false)} /> {t('importAsSeen')}
            </label>
            <label class="check">
              <input type="radio" name="import-as" checked={network} onChange={() => setNetwork(true)} /> {t('importAsNetwork')}
            </label>
          </fieldset>
          {progress ? (
            <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label={t('importProgress')} />
          ) : (
            <div class="actions">
              <button type="button" class="primary" onClick={() => void runImport()} disabled={loaded.summary.counts.new + loaded.summary.counts.merged === 0}>
                {t('importButton')}
              </button>
              <button type="button" onClick={() => setLoaded(null)}>
                {t('cancel')}
              </button>
            </div>
          )}
        </section>
      )}
      {loaded?.kind === 'backup' && (
        <section class="card preview confirm" role="alertdialog" aria-labelledby="restore-h" aria-describedby="restore-d">
          <h4 id="restore-h">{t('restoreHeading', loaded.fileName)}</h4>
          <p id="restore-d">{t('restoreExplain', [String(loaded.backup.tables.people.length), String(loaded.backup.tables.interactions.length), loaded.backup.exportedAt.slice(0, 10)])}</p>
          <div class="actions">
            <button
              type="button"
              class="danger"
              onClick={() =>
                void restoreBackup(db(), loaded.backup)
                  .then(() => (setResult(t('restored')), setLoaded(null)))
                  .catch((e: Error) => setError(t('importFailed', e.message)))
              }
            >
              {t('restoreButton')}
            </button>
            <button type="button" onClick={() => setLoaded(null)}>
              {t('cancel')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

/** Which columns a table was read from, and a choice of others (a table Kring does not know). */
function Columns({ columns, onChoose }: { columns: NonNullable<ContactsSummary['columns']>; onChoose: (c: ColumnChoice) => void }) {
  const quote = (xs: number[]) => xs.map((i) => `“${columns.headers[i] ?? ''}”`).join(', ');
  const detectedEmail = columns.emails.join(',');
  const detectedName = columns.name.join(',');
  // A function, not one array: each select gets vnodes of its own (Preact does not share them).
  const headerOptions = () =>
    columns.headers.map((h, i) => (
    <option key={i} value={String(i)}>
      {h || `#${i + 1}`}
    </option>
  ));
  return (
    <div class="columns">
      <p class="muted small">{t('previewColumns', [quote(columns.emails), quote(columns.name) || t('previewNoNameColumn')])}</p>
      <details>
        <summary>{t('previewChooseColumns')}</summary>
        <div class="field">
          <label for="csv-email">{t('previewEmailColumn')}</label>
          <select id="csv-email" value={detectedEmail} onChange={(e) => onChoose({ emails: (e.currentTarget as HTMLSelectElement).value.split(',').map(Number), name: columns.name })}>
            {columns.emails.length > 1 && <option value={detectedEmail}>{quote(columns.emails)}</option>}
            {headerOptions()}
          </select>
        </div>
        <div class="field">
          <label for="csv-name">{t('previewNameColumn')}</label>
          <select id="csv-name" value={detectedName} onChange={(e) => { const v = (e.currentTarget as HTMLSelectElement).value; onChoose({ emails: columns.emails, name: v === '' ? [] : v.split(',').map(Number) }); }}>
            <option value="">{t('previewNoNameColumn')}</option>
            {columns.name.length > 1 && <option value={detectedName}>{quote(columns.name)}</option>}
            {headerOptions()}
          </select>
        </div>
      </details>
    </div>
  );
}
