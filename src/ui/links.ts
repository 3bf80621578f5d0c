/**
 * Links back to where an interaction was seen. Built only from ids Kring parsed itself, for hosts
 * Kring supports, and checked again as URLs; page text never becomes a link.
 */
import type { Interaction } from '../model/types';

const HOSTS = new Set(['mail.google.com', 'calendar.google.com']);

export function sourceLink(i: Pick<Interaction, 'provider' | 'sourceId' | 'threadId'>): string | null {
  let url: string | null = null;
  if (i.provider === 'gmail' && /^[0-9a-f]{8,24}$/.test(i.sourceId)) url = `https://mail.google.com/mail/u/0/#all/${i.sourceId}`;
  else if (i.provider === 'gmail' && i.threadId && /^[0-9a-f]{8,24}$/.test(i.threadId)) url = `https://mail.google.com/mail/u/0/#all/${i.threadId}`;
  else if (i.provider === 'google-calendar' && /^[A-Za-z0-9_-]{8,200}$/.test(i.sourceId)) url = `https://calendar.google.com/calendar/event?eid=${i.sourceId}`;
  if (!url) return null;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && HOSTS.has(parsed.hostname) ? parsed.href : null;
}

export const providerName = (provider: string) =>
  ({ gmail: 'Gmail', 'google-calendar': 'Google Calendar', 'outlook-mail': 'Outlook', 'outlook-calendar': 'Outlook Calendar', roundcube: 'Roundcube', proton: 'Proton Mail', yahoo: 'Yahoo Mail', sogo: 'SOGo', generic: 'webmail' })[provider] ?? provider;
