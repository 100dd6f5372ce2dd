/**
 * The participant's own camera and microphone, and the device requests the real page answers itself
 * (`type:'devices'`, Jitsi's `processExternalDeviceRequest`). In tests Chromium's fake devices stand in.
 */
import { wire } from '../protocol/jitsi-events.js';
import type { WireEvent } from '../protocol/page-protocol.js';
import type { HostRequest } from './host-bridge.js';

type DeviceKind = 'audioinput' | 'audiooutput' | 'videoinput';

/** A device as it travels to the host (`MediaDeviceInfo.toJSON()`). */
export interface DeviceDescription {
  deviceId: string;
  groupId: string;
  kind: DeviceKind;
  label: string;
}

/** Why the camera or the microphone is missing, as shown to the person. */
export interface MediaProblem {
  device: 'camera' | 'microphone';
  type: string;
  message: string;
}

/** lib-jitsi-meet's `JitsiTrackErrors`, by the browser's `DOMException` name. */
function trackErrorType(error: unknown): string {
  switch (error instanceof Error ? error.name : '') {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'gum.permission_denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'gum.not_found';
    case 'OverconstrainedError':
      return 'gum.constraint_failed';
    default:
      return 'gum.general';
  }
}

function describe(device: MediaDeviceInfo): DeviceDescription {
  return { deviceId: device.deviceId, groupId: device.groupId, kind: device.kind as DeviceKind, label: device.label };
}

/** Jitsi's `groupDevicesByKind`. */
function groupByKind(devices: DeviceDescription[]) {
  return {
    audioInput: devices.filter((device) => device.kind === 'audioinput'),
    audioOutput: devices.filter((device) => device.kind === 'audiooutput'),
    videoInput: devices.filter((device) => device.kind === 'videoinput'),
  };
}

const EMPTY_DEVICE_LISTS = { audioInput: [], audioOutput: [], videoInput: [] };

/** The request names of `type:'devices'` that the page answers itself. */
export function isDeviceRequest(data: HostRequest): boolean {
  return data['type'] === 'devices';
}

export class LocalMedia {
  /** The current camera and microphone, once acquired; `undefined` when neither could be opened. */
  stream: MediaStream | undefined;
  /** What went wrong when opening the devices. */
  problems: MediaProblem[] = [];
  readonly #selected: Partial<Record<DeviceKind, string>> = { audiooutput: 'default' };
  #stopped = false;
  #muted = { audio: false, video: false };

  /**
   * @param onChange called whenever the stream or the problems change (the view redraws)
   * @param onEvent an event for the host (`camera-error`, `mic-error`, `device-list-changed`)
   */
  constructor(
    private readonly onChange: () => void,
    private readonly onEvent: (event: WireEvent) => void,
  ) {}

  /** Opens camera and microphone; each one that fails is reported to the host as Jitsi does. */
  async start(): Promise<void> {
    const devices = navigator.mediaDevices;
    if (!devices?.getUserMedia) {
      // No `mediaDevices` outside a secure context: both are unavailable.
      this.#report('camera', new Error('Media devices are not available on this page.'));
      this.#report('microphone', new Error('Media devices are not available on this page.'));
      return;
    }
    devices.addEventListener('devicechange', this.#onDeviceChange);
    let stream: MediaStream | undefined;
    try {
      stream = await devices.getUserMedia({ audio: true, video: true });
    } catch {
      // Jitsi then tries each device alone, so one broken device does not cost the other.
      const tracks: MediaStreamTrack[] = [];
      for (const [device, constraints] of [
        ['microphone', { audio: true }],
        ['camera', { video: true }],
      ] as const) {
        try {
          tracks.push(...(await devices.getUserMedia(constraints)).getTracks());
        } catch (error) {
          this.#report(device, error);
        }
      }
      stream = tracks.length > 0 ? new MediaStream(tracks) : undefined;
    }
    if (this.#stopped) {
      for (const track of stream?.getTracks() ?? []) track.stop();
      return;
    }
    this.#use(stream);
  }

  /** Follows the participant's mute state from the server's view. */
  setMuted(audio: boolean, video: boolean): void {
    this.#muted = { audio, video };
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !audio;
    for (const track of this.stream?.getVideoTracks() ?? []) track.enabled = !video;
  }

  /** Releases the devices (the camera light goes off). */
  stop(): void {
    this.#stopped = true;
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.onChange();
  }

  /** Answers a `type:'devices'` request as the real page does. */
  async answer(data: HostRequest): Promise<unknown> {
    switch (data.name) {
      case 'getAvailableDevices': {
        const devices = await this.#devices();
        return this.#labelsKnown(devices) ? groupByKind(devices) : EMPTY_DEVICE_LISTS;
      }
      case 'getCurrentDevices': {
        const devices = await this.#devices();
        if (!this.#labelsKnown(devices)) return {};
        const find = (kind: DeviceKind) =>
          devices.find((device) => device.kind === kind && device.deviceId === this.#selected[kind]);
        // Missing entries are `undefined` in Jitsi and vanish on the wire.
        return { audioInput: find('audioinput'), audioOutput: find('audiooutput'), videoInput: find('videoinput') };
      }
      case 'isDeviceChangeAvailable':
        return data['deviceType'] === 'output' ? 'setSinkId' in HTMLMediaElement.prototype : true;
      case 'isMultipleAudioInputSupported':
        return true;
      case 'setDevice':
        return this.#setDevice(data['device']);
      default:
        return { error: {} };
    }
  }

  async #setDevice(device: unknown): Promise<boolean> {
    if (typeof device !== 'object' || device === null) return false;
    const { id, kind, label } = device as Record<string, unknown>;
    const devices = await this.#devices();
    // Jitsi prefers the label: a label that matches nothing fails even with a valid id.
    const deviceId = label
      ? devices.find((candidate) => candidate.kind === kind && candidate.label === label)?.deviceId
      : id;
    if (typeof deviceId !== 'string' || deviceId === '') return false;
    if (kind === 'audiooutput') {
      this.#selected.audiooutput = deviceId;
      return true;
    }
    if (kind !== 'audioinput' && kind !== 'videoinput') return false;
    void this.#switchTo(kind, deviceId);
    return true;
  }

  /** Replaces one track with the chosen device; Jitsi answers `setDevice` before the switch is done. */
  async #switchTo(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const constraints =
      kind === 'audioinput'
        ? { audio: { deviceId: { exact: deviceId } } }
        : { video: { deviceId: { exact: deviceId } } };
    try {
      const [track] = (await navigator.mediaDevices.getUserMedia(constraints)).getTracks();
      if (!track || this.#stopped) return track?.stop();
      const old = this.stream?.getTracks().filter((candidate) => candidate.kind === track.kind) ?? [];
      const next = new MediaStream([
        ...(this.stream?.getTracks() ?? []).filter((candidate) => !old.includes(candidate)),
        track,
      ]);
      for (const candidate of old) candidate.stop();
      this.#use(next);
    } catch (error) {
      this.#report(kind === 'audioinput' ? 'microphone' : 'camera', error);
    }
  }

  #use(stream: MediaStream | undefined): void {
    this.stream = stream;
    for (const track of stream?.getTracks() ?? []) {
      const kind: DeviceKind = track.kind === 'audio' ? 'audioinput' : 'videoinput';
      const id = track.getSettings().deviceId;
      if (id) this.#selected[kind] = id;
    }
    this.setMuted(this.#muted.audio, this.#muted.video);
    this.onChange();
  }

  #report(device: MediaProblem['device'], error: unknown): void {
    const problem = {
      device,
      type: trackErrorType(error),
      message: error instanceof Error ? error.message : String(error),
    };
    this.problems = [...this.problems.filter((known) => known.device !== device), problem];
    this.onEvent(
      wire(device === 'camera' ? 'camera-error' : 'mic-error', { type: problem.type, message: problem.message }),
    );
    this.onChange();
  }

  async #devices(): Promise<DeviceDescription[]> {
    try {
      return (await navigator.mediaDevices.enumerateDevices()).map(describe);
    } catch {
      return [];
    }
  }

  /** Without permission the browser hides labels, and Jitsi then reports no devices at all. */
  #labelsKnown(devices: DeviceDescription[]): boolean {
    return devices.some((device) => device.label !== '');
  }

  readonly #onDeviceChange = async (): Promise<void> => {
    const devices = await this.#devices();
    if (!this.#stopped && this.#labelsKnown(devices))
      this.onEvent(wire('device-list-changed', { devices: groupByKind(devices) }));
  };
}
