// Type test, never run: `npx tsc -p test/tsconfig.json` compiles it. The name unions are exact, and the wire
// names the types derive are the ones the functions return (test/meeting/wire-names.node.test.ts checks those).
import type {
  JitsiCommandName,
  JitsiCommandWireName,
  JitsiDeviceRequestName,
  JitsiEventName,
  JitsiEventWireName,
  JitsiRequestName,
  JitsiRequestWireName,
  commandWireName,
  eventWireName,
  requestWireName,
} from '../../src/meeting/jitsi-wire/wire-names.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function assertType<T extends true>(): T | void {}
type Includes<Union, Member> = Member extends Union ? true : false;

// The wire name of one name is one literal: the exception, else the kebab case.
assertType<Same<ReturnType<typeof commandWireName<'hangup'>>, 'video-hangup'>>();
assertType<Same<ReturnType<typeof commandWireName<'toggleE2EE'>>, 'toggle-e2ee'>>();
assertType<Same<ReturnType<typeof commandWireName<'setAssumedBandwidthBps'>>, 'set-assumed-bandwidth-bps'>>();
assertType<Same<ReturnType<typeof eventWireName<'readyToClose'>>, 'video-ready-to-close'>>();
assertType<Same<ReturnType<typeof eventWireName<'p2pStatusChanged'>>, 'p2p-status-changed'>>();
assertType<Same<ReturnType<typeof requestWireName<'getRoomsInfo'>>, 'rooms-info'>>();
assertType<
  Same<
    ReturnType<typeof requestWireName<'_isNewElectronScreensharingSupported'>>,
    '_new_electron_screensharing_supported'
  >
>();

// The unions hold the listed names and nothing else.
assertType<Includes<JitsiCommandName, 'toggleAudio'>>();
assertType<Includes<JitsiCommandWireName, 'video-hangup'>>();
assertType<Includes<JitsiEventName, '_willDispose'>>();
assertType<Includes<JitsiEventWireName, 'participant-menu-button-clicked'>>();
assertType<Includes<JitsiRequestWireName, 'get-p2p-status'>>();
assertType<
  Same<
    JitsiDeviceRequestName,
    | 'getAvailableDevices'
    | 'getCurrentDevices'
    | 'isDeviceChangeAvailable'
    | 'isMultipleAudioInputSupported'
    | 'setAudioInputDevice'
    | 'setAudioOutputDevice'
    | 'setVideoInputDevice'
  >
>();
assertType<Same<string extends JitsiCommandName ? true : false, false>>();
// @ts-expect-error: not a command
assertType<Includes<JitsiCommandName, 'toString'>>();
// @ts-expect-error: the kebab case of an exception is not its wire name
assertType<Includes<JitsiCommandWireName, 'hangup'>>();
// @ts-expect-error: the kebab case of an exception is not its wire name
assertType<Includes<JitsiEventWireName, 'ready-to-close'>>();
// @ts-expect-error: a public name is not a wire name
assertType<Includes<JitsiEventWireName, 'participantJoined'>>();
// @ts-expect-error: a request's kebab case where Jitsi drops the `get`
assertType<Includes<JitsiRequestWireName, 'get-rooms-info'>>();
// @ts-expect-error: wire names are not request names
assertType<Includes<JitsiRequestName, 'rooms-info'>>();
