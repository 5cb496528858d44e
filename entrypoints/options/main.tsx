import { render } from 'preact';
import { createOptionsApi } from '@/components/options/api';
import { OptionsApp } from '@/components/options/OptionsApp';
import '@/components/options/options.css';

const root = document.getElementById('app')!;
render(<OptionsApp api={createOptionsApi()} />, root);
addEventListener('pagehide', () => render(null, root));
