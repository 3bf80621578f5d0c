/** Pieces the popup and the sidebar share. Page-derived text is only ever a text node here. */
import { useState } from 'preact/hooks';
import { CADENCE_CHOICES } from '../network/cadence';
import type { Interaction, Person } from '../model/types';
import { formatDateTime, formatShortDate, t } from './i18n';
import { cadenceLabel, DIRECTION_LABEL, REASON_LABEL, relativeTime } from './format';
import { providerName, sourceLink } from './links';

export function displayName(p: Pick<Person, 'name'> | null | undefined, address?: string): string {
  return p?.name ?? address ?? t('unnamed');
}

export function StatusChip({ person, count }: { person: Pick<Person, 'status'> | null | undefined; count: number }) {
  if (!person) return <span class="chip chip-new">{t('statusNew')}</span>;
  if (person.status === 'network') return <span class="chip chip-network">{t('statusNetwork')}</span>;
  return <span class="chip">{count === 1 ? t('statusSeenOnce') : t('statusSeen', String(count))}</span>;
}

export function Reason({ person }: { person: Pick<Person, 'reason'> }) {
  return <span class="reason">{t(REASON_LABEL[person.reason])}</span>;
}

export function LastContact({ at, now = Date.now() }: { at: number; now?: number }) {
  if (!at) return <span class="last muted">{t('noContactYet')}</span>;
  return (
    <span class="last">
      {t('lastContactShort')}{' '}
      <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
        {relativeTime(at, now)}
      </time>
    </span>
  );
}

export function InteractionRow({ i, compact = false }: { i: Pick<Interaction, 'at' | 'direction' | 'subject' | 'provider' | 'sourceId' | 'threadId'>; compact?: boolean }) {
  // In the sidebar you are already looking at the message: no link back, and short dates.
  const link = compact ? null : sourceLink(i);
  return (
    <li class={`interaction ${i.direction}`}>
      <time dateTime={new Date(i.at).toISOString()} title={formatDateTime(i.at)}>
        {formatShortDate(i.at)}
      </time>
      <span class="direction">{t(DIRECTION_LABEL[i.direction])}</span>
      <span class="subject">{i.subject ?? (i.direction === 'manual' ? '' : t('noSubject'))}</span>
      {link && (
        <a class="source" href={link} target="_blank" rel="noopener noreferrer" aria-label={t('openSourceLabel', providerName(i.provider))}>
          {t('openSource')}
        </a>
      )}
    </li>
  );
}

/** The cadence select; "custom…" asks for a number of days inline. */
export function CadencePicker({ value, onChange, id, label = t('cadenceLabel') }: { value: number | null; onChange: (days: number | null) => void; id: string; label?: string }) {
  const choices: (number | null)[] = [...CADENCE_CHOICES, null];
  const isCustom = value !== null && !(CADENCE_CHOICES as readonly number[]).includes(value);
  const [custom, setCustom] = useState(isCustom);
  return (
    <span class="cadence">
      <label for={id}>{label}</label>{' '}
      <select
        id={id}
        value={custom ? 'custom' : String(value ?? 'none')}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          if (v === 'custom') return setCustom(true);
          setCustom(false);
          onChange(v === 'none' ? null : Number(v));
        }}
      >
        {choices.map((c) => (
          <option key={String(c)} value={String(c ?? 'none')}>
            {cadenceLabel(c)}
          </option>
        ))}
        <option value="custom">{isCustom ? cadenceLabel(value) : t('cadenceCustomOption')}</option>
      </select>
      {custom && (
        <input
          type="number"
          min={1}
          max={3650}
          class="custom-days"
          aria-label={t('cadenceCustomPrompt')}
          value={value ?? ''}
          onChange={(e) => {
            const n = Number((e.currentTarget as HTMLInputElement).value);
            if (Number.isFinite(n) && n >= 1 && n <= 3650) onChange(Math.round(n));
          }}
        />
      )}
    </span>
  );
}

/** The warning before turning Kring on for an http:// site (issue 16), with a second, deliberate click. */
export function InsecureSite({ origin, onAnyway, onCancel }: { origin: string; onAnyway: () => void; onCancel: () => void }) {
  return (
    <div class="notice warn" role="alert">
      <p>{t('siteInsecure', origin)}</p>
      <button type="button" class="danger" onClick={onAnyway}>
        {t('siteInsecureAnyway')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
