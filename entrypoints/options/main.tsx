import { render } from 'preact';

function Options() {
  return <main>Crosscheck options</main>;
}

const root = document.getElementById('app')!;
render(<Options />, root);
addEventListener('pagehide', () => render(null, root));
