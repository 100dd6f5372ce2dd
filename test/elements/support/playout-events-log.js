// Every <nano-meet-playout> event of this page from its first, for the test that opened the page to read.
window.playoutEvents = [];
for (const type of ['nano-meet-playout-error', 'nano-meet-playout-waiting', 'nano-meet-playout-playing']) {
  document.addEventListener(type, (event) => window.playoutEvents.push({ type, code: event.detail.code }));
}
