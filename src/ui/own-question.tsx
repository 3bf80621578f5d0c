/**
 * "Is this you?": an address (or a name) a page said the user is signed in as waits here until the
 * user answers (issue 16; src/background/ingest.ts keeps it pending). The popup asks about the first
 * one; the settings page lists them all.
 */
import { answerOwn } from '../store/actions';
import { db } from '../store/db';
import { SETTING, getSetting, type PendingOwn } from '../store/settings';
import { t } from './i18n';
import { providerName } from './links';
import { useLive } from './useLive';

export function OwnQuestions({ limit, class: cls }: { limit?: number; class?: string }) {
  const pending = useLive(() => getSetting<PendingOwn[]>(db(), SETTING.pendingOwn, []), []);
  if (!pending?.length) return null;
  return (
    <ul class={`plain own-questions ${cls ?? ''}`}>
      {pending.slice(0, limit).map((p) => (
        <li key={p.key}>
          <p>{p.label ? t('ownPromptName', [p.label, providerName(p.provider)]) : t('ownPrompt', [p.key, providerName(p.provider)])}</p>
          <button type="button" class="primary" onClick={() => void answerOwn(db(), p.key, true)}>
            {t('ownYes')}
          </button>{' '}
          <button type="button" onClick={() => void answerOwn(db(), p.key, false)}>
            {t('ownNo')}
          </button>
        </li>
      ))}
    </ul>
  );
}
