// WebRTC between two peers on one machine needs an address that is not loopback: Chromium gathers no
// loopback candidates, and without a default route it gathers none at all (docs/jitsi/media-testing.md §4.4).
// So the tests run in a network namespace of their own, with one veth interface and a default route through
// it: no way out of the machine, and every peer finds 10.200.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const NAMESPACE_ADDRESS = '10.200.0.1';
const MARK = 'NANO_MEET_NETWORK_NAMESPACE';

const SETUP = [
  'ip link set lo up',
  'ip link add v0 type veth peer name v1',
  `ip addr add ${NAMESPACE_ADDRESS}/24 dev v0`,
  'ip link set v0 up',
  'ip link set v1 up',
  'ip route add default dev v0',
].join(' && ');

export function inNetworkNamespace() {
  return process.env[MARK] === '1';
}

/** Root, with util-linux's `unshare` and iproute2's `ip`: what making a namespace takes. */
export function canMakeNetworkNamespace() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasIp = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].some((path) => existsSync(path));
  return isRoot && hasIp && existsSync('/usr/bin/unshare');
}

/** Runs `command` in a fresh network namespace and returns its exit status. */
export function runInNetworkNamespace(command, args) {
  const result = spawnSync('unshare', ['-n', 'sh', '-c', `${SETUP} && exec "$@"`, 'sh', command, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [MARK]: '1' },
  });
  return result.status ?? 1;
}
