export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    // Detection, highlighting and the hovercard are wired here (see lib/ and components/).
  },
});
