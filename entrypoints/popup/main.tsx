import { render } from 'preact';
import { createPopupApi } from '@/components/popup/api';
import { entityFromHash, PopupApp } from '@/components/popup/PopupApp';
import '@/components/popup/popup.css';

const root = document.getElementById('app')!;
render(<PopupApp api={createPopupApi()} initialEntity={entityFromHash(location.hash)} />, root);
addEventListener('pagehide', () => render(null, root));
