import { render } from 'preact';
import { App } from '../../src/ui/popup/App';

document.documentElement.lang = navigator.language;
render(<App />, document.getElementById('app')!);
