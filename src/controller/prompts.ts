// Sounds Lineup plays. File names are those of FreeSWITCH's English sound packs as the community's
// queue scripts use them; they are not in FreeSWITCH's source tree, so check them on your install.
export interface Step {
  readonly application: 'playback' | 'say';
  readonly arg: string;
}

export const PROMPTS = {
  youAreNumber: 'ivr/ivr-you_are_number.wav',
  inLine: 'ivr/ivr-in_line.wav',
  holdTimeIs: 'ivr/ivr-hold_time_is.wav',
  loggedIn: 'ivr/ivr-you_are_now_logged_in.wav',
  loggedOut: 'ivr/ivr-you_are_now_logged_out.wav',
} as const;

/** "You are number N in line. The hold time is M minutes S seconds." Either part may be absent. */
export function announcementSteps(position: number | null, estimatedWaitSeconds: number | null): Step[] {
  const steps: Step[] = [];
  if (position !== null) {
    steps.push({ application: 'playback', arg: PROMPTS.youAreNumber });
    steps.push({ application: 'say', arg: `en number pronounced ${position}` });
    steps.push({ application: 'playback', arg: PROMPTS.inLine });
  }
  if (estimatedWaitSeconds !== null) {
    steps.push({ application: 'playback', arg: PROMPTS.holdTimeIs });
    steps.push({ application: 'say', arg: `en time_measurement pronounced ${estimatedWaitSeconds}` });
  }
  return steps;
}
