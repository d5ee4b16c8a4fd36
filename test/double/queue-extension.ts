/**
 * The extension that hands a caller to the controller's outbound socket: the apps it runs before `socket`, and
 * whether any follow it. When the socket app returns (resume + exit) or the caller's uuid_bridge ends without a
 * hang-up (hangup_after_bridge not true: switch_ivr_multi_threaded_bridge, then uuid_bridge_on_soft_execute sets
 * CS_EXECUTE), the extension goes on after `socket`: the apps that follow run (the double does not run them; it
 * records `continuedDialplan` and the channel stays up), or, with none, FreeSWITCH hangs the caller up as it
 * "has executed the last dialplan instruction" (switch_core_state_machine.c; scenario 01).
 */
export interface QueueExtension {
  readonly beforeSocket: ReadonlyArray<readonly [app: string, arg: string]>;
  readonly appsAfterSocket: boolean;
}

/** freeswitch/dialplan/default/lineup.xml, extension lineup-queues: two `set`s, `socket`, then the fallback. The default. */
export const LINEUP_QUEUE_EXTENSION: QueueExtension = {
  beforeSocket: [
    ['set', 'hangup_after_bridge=true'],
    ['set', 'playback_terminators=none'],
  ],
  appsAfterSocket: true,
};

/** The capture rig's 7000 (scenarios 01–13): `socket` alone. */
export const CAPTURE_RIG_EXTENSION: QueueExtension = { beforeSocket: [], appsAfterSocket: false };
