// The sandbox demo: mints a moderator and a guest token with the sandbox's control API, then joins both
// through the sandbox's external_api.js, exactly as a page would with a real Jitsi.
const status = document.getElementById('status');
const log = document.getElementById('log');
const apis = {};

function show(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function record(who, name, payload) {
  const item = document.createElement('li');
  item.textContent = `${who}: ${name} ${JSON.stringify(payload ?? {})}`;
  log.prepend(item);
}

async function control(sandbox, path, body) {
  const response = await fetch(`${sandbox.url}/_sandbox/control${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
}

async function main() {
  const { sandbox } = await (await fetch('/demo-config.json')).json();
  try {
    await fetch(`${sandbox.url}/_sandbox/control/info`);
  } catch {
    show('', true);
    const link = Object.assign(document.createElement('a'), { href: sandbox.url + '/_sandbox/control/info', textContent: sandbox.url });
    status.append('Your browser does not trust the sandbox\'s self-signed certificate yet. Open ', link, ', accept it, then reload this page.');
    return;
  }
  await loadScript(`${sandbox.url}/external_api.js`);
  const room = `demo_${Math.random().toString(36).slice(2, 8)}`;
  for (const [who, moderator] of [['moderator', true], ['guest', false]]) {
    const { token } = await control(sandbox, '/tokens', { room, moderator, name: who === 'moderator' ? 'Mona (moderator)' : 'Gus (guest)', streamname: room });
    const api = new window.JitsiMeetExternalAPI(sandbox.server, { roomName: room, jwt: token, parentNode: document.getElementById(who) });
    for (const event of api.getSupportedEvents()) api.on(event, (payload) => record(who, event, payload));
    apis[who] = api;
  }
  show(`Room ${room} on ${sandbox.server}.`);
  document.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const api = apis[button.dataset.who];
    if (button.dataset.action === 'broadcast') {
      api.startRecording({ mode: 'stream', rtmpStreamKey: sandbox.ingestTemplate.replace('{streamname}', room) });
      show(`Broadcast requested: HLS at ${sandbox.hlsTemplate.replace('{streamname}', room)}`);
    } else {
      api.executeCommand(button.dataset.command, ...JSON.parse(button.dataset.args ?? '[]'));
    }
  });
}

main().catch((error) => show(`The demo could not start: ${error.message}`, true));
