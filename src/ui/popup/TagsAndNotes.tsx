/** Tags (saved when the field is left) and a note (saved as the user types): a person's page and an organisation's. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

export function TagsAndNotes(props: {
  /** Ids of the fields: '' gives #tags and #notes. */
  idPrefix?: string;
  /** What is shown changes (another person or organisation opened): the fields start again from it. */
  subject: string;
  tags: readonly string[];
  notes: string;
  onTags: (tags: string[]) => Promise<unknown>;
  onNotes: (notes: string) => Promise<unknown>;
  /** Fields above the tags (an organisation's name). */
  children?: ComponentChildren;
}) {
  const id = (name: string) => `${props.idPrefix ?? ''}${name}`;
  const [notes, setNotesText] = useState(props.notes);
  const [tags, setTagsText] = useState(props.tags.join(', '));
  const [saved, setSaved] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    setNotesText(props.notes);
    setTagsText(props.tags.join(', '));
    // Only when another subject is opened; edits here must not be overwritten while typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.subject]);
  const saveNotes = (v: string) => {
    setNotesText(v);
    setSaved(false);
    clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void props.onNotes(v).then(() => setSaved(true)), 400);
  };
  return (
    <div class="fields">
      {props.children}
      <label for={id('tags')}>{t('tags')}</label>
      <input
        id={id('tags')}
        value={tags}
        aria-describedby={id('tags-hint')}
        onInput={(e) => setTagsText((e.currentTarget as HTMLInputElement).value)}
        onBlur={() => void props.onTags(tags.split(','))}
      />
      <span id={id('tags-hint')} class="muted small">
        {t('tagsHint')}
      </span>
      <label for={id('notes')}>{t('notes')}</label>
      <textarea id={id('notes')} rows={3} value={notes} aria-describedby={id('notes-hint')} onInput={(e) => saveNotes((e.currentTarget as HTMLTextAreaElement).value)} />
      <span id={id('notes-hint')} class="muted small" aria-live="polite">
        {saved ? t('saved') : t('notesHint')}
      </span>
    </div>
  );
}
