/** The bar over a page opened from a list (a person, an organisation): Back, focused when the page opens. */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

export function BackBar({ onBack, page }: { onBack: () => void; page: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), [page]);
  return (
    <header class="bar">
      <button ref={ref} type="button" class="back" onClick={onBack}>
        {t('back')}
      </button>
    </header>
  );
}
