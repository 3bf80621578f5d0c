import { render } from 'preact';
import { SidebarApp } from '../../src/ui/sidebar/App';
import { uiLanguage } from '../../src/ui/i18n';

document.documentElement.lang = uiLanguage();
render(<SidebarApp />, document.getElementById('app')!);
