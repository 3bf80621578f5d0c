import { render } from 'preact';
import { OptionsApp } from '../../src/ui/options/App';
import { t, uiLanguage } from '../../src/ui/i18n';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
render(<OptionsApp />, document.getElementById('app')!);
