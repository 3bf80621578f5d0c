import { render } from 'preact';
import { App } from '../../src/ui/popup/App';
import { uiLanguage } from '../../src/ui/i18n';

document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app')!);
