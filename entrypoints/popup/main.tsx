import { render } from 'preact';

function Popup() {
  return <main>Crosscheck</main>;
}

const root = document.getElementById('app')!;
render(<Popup />, root);
addEventListener('pagehide', () => render(null, root));
