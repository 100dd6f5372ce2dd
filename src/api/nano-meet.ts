/**
 * The classic nanoMeet web API (`new NanoMeet()`), so that pages written for the older script-tag API keep
 * working. The methods are being rebuilt on the nano-meet elements and token service; until each one is,
 * it rejects with the code `not-available` instead of pretending to work.
 */
export class NanoMeet {
  /** Creates a room token from an API key and the classic room setup. */
  createNanoMeetRoom(_apiKey: string, _roomSetUp: unknown): Promise<never> {
    return notAvailable('createNanoMeetRoom');
  }

  /** Derives an invite token from a moderator token. */
  createInviteToken(_token: string, _tokenSetup: unknown): Promise<never> {
    return notAvailable('createInviteToken');
  }

  /** Opens the meeting named by `config.token` in the element with id `config.id`. */
  init(_config: unknown): Promise<never> {
    return notAvailable('init');
  }

  /** Starts the broadcast of the meeting; `isVOD` keeps a recording. */
  startBroadcast(_isVOD?: boolean): Promise<never> {
    return notAvailable('startBroadcast');
  }

  /** Stops the broadcast. */
  stopBroadcast(): Promise<never> {
    return notAvailable('stopBroadcast');
  }
}

function notAvailable(method: string): Promise<never> {
  const error = Object.assign(new Error(`NanoMeet.${method} is not available in this version of nano-meet.`), {
    code: 'not-available' as const,
  });
  return Promise.reject(error);
}
