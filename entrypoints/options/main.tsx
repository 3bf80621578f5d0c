import { render } from 'preact';
import { db } from '../../src/store/db';
import { syncSoonAfterChanges } from '../../src/ui/sync-soon';
import { OptionsApp } from '../../src/ui/options/App';
import { t, uiLanguage } from '../../src/ui/i18n';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
syncSoonAfterChanges(db());
render(<OptionsApp />, document.getElementById('app')!);
