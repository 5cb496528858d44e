import { render } from 'preact';
import { createWelcomeApi } from '@/components/welcome/api';
import { WelcomeApp } from '@/components/welcome/WelcomeApp';
import '@/components/options/options.css';
import '@/components/welcome/welcome.css';

const root = document.getElementById('app')!;
render(<WelcomeApp api={createWelcomeApi()} />, root);
addEventListener('pagehide', () => render(null, root));
