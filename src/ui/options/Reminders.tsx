/**
 * Settings → Reminders (issue 20): off, daily or weekly, at a time the user picks. Turning them on
 * asks the browser for the notifications permission (from this click); turning them off gives it back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ReminderMode, ReminderRule } from '../../network/reminders';
import { db } from '../../store/db';
import { REMINDER_ALARM, reminderSettings, setReminders } from '../../store/reminders';
import { t } from '../i18n';
import { useLive } from '../useLive';

/** Weekday names in the UI language, Monday first. */
function weekdays(): { n: number; label: string }[] {
  const f = new Intl.DateTimeFormat(browser.i18n.getUILanguage?.() || undefined, { weekday: 'long' });
  // 2026-11-30 is a Monday.
  return [1, 2, 3, 4, 5, 6, 0].map((n) => ({ n, label: f.format(new Date(2026, 10, 30 + ((n + 6) % 7))) }));
}

export function Reminders() {
  const settings = useLive(() => reminderSettings(db()), []);
  const [refused, setRefused] = useState(false);
  const ref = useRef<HTMLElement>(null);
  // Opened from the popup's offer (options.html#reminders): show this section.
  useEffect(() => {
    if (location.hash === '#reminders') ref.current?.scrollIntoView();
  }, [settings !== undefined]);
  if (!settings) return null;
  const save = async (rule: ReminderRule) => {
    setRefused(false);
    if (rule.mode !== 'off' && settings.mode === 'off') {
      // From the user's click: the browser asks once, and remembers the answer.
      const granted = await browser.permissions.request({ permissions: ['notifications'] }).catch(() => false);
      if (!granted) {
        setRefused(true);
        return;
      }
    }
    await setReminders(db(), rule);
    if (rule.mode === 'off') await browser.permissions.remove({ permissions: ['notifications'] }).catch(() => false);
    // The background checks now and sets the next precise check.
    await browser.alarms.create(REMINDER_ALARM, { when: Date.now() + 500 });
  };
  const rule: ReminderRule = { mode: settings.mode, time: settings.time, weekday: settings.weekday };
  return (
    <section aria-labelledby="reminders-h" id="reminders" ref={ref}>
      <h2 id="reminders-h">{t('remindersHeading')}</h2>
      <p class="muted">{t('remindersExplain')}</p>
      <div class="field" role="radiogroup" aria-labelledby="reminders-h">
        {(['off', 'daily', 'weekly'] as const satisfies readonly ReminderMode[]).map((mode) => (
          <label key={mode} class="check">
            <input type="radio" name="reminder-mode" checked={settings.mode === mode} onChange={() => void save({ ...rule, mode })} />{' '}
            {t(mode === 'off' ? 'remindersOff' : mode === 'daily' ? 'remindersDaily' : 'remindersWeekly')}
          </label>
        ))}
      </div>
      {settings.mode !== 'off' && (
        <div class="field">
          {settings.mode === 'weekly' && (
            <>
              <label for="reminder-day">{t('remindersOn')}</label>{' '}
              <select id="reminder-day" value={String(settings.weekday)} onChange={(e) => void save({ ...rule, weekday: Number((e.currentTarget as HTMLSelectElement).value) })}>
                {weekdays().map((d) => (
                  <option key={d.n} value={String(d.n)}>
                    {d.label}
                  </option>
                ))}
              </select>{' '}
            </>
          )}
          <label for="reminder-time">{t('remindersAt')}</label>{' '}
          <input id="reminder-time" type="time" value={settings.time} onChange={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value;
            if (/^\d{2}:\d{2}$/.test(v)) void save({ ...rule, time: v });
          }} />
        </div>
      )}
      {refused && (
        <p class="error" role="alert">
          {t('remindersRefused')}
        </p>
      )}
    </section>
  );
}
