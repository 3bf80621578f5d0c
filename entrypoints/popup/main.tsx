import { render } from 'preact';
import { db } from '../../src/store/db';
import { syncSoonAfterChanges } from '../../src/ui/sync-soon';
import { App } from '../../src/ui/popup/App';
import { uiLanguage } from '../../src/ui/i18n';

document.documentElement.lang = uiLanguage();
syncSoonAfterChanges(db());
render(<App />, document.getElementById('app')!);
