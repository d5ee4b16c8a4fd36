# shellcheck shell=bash
# To paste into scripts/e2e-freeswitch (issue 9): the attended-transfer scenario. Not run on its own.
#   - the three configure lines go into configure_all (or configure_all calls configure_attended_transfer);
#   - attended_transfer joins SCENARIOS, and "attended-transfer" the E2E_ONLY list in the header;
#   - the header's requirements gain: scripts/e2e/freeswitch/public/lineup-e2e.xml also sends 5555 from
#     ACL-admitted callers to the default context (the agent's consult call comes from the same unregistered
#     address as the callers), and the agent needs the build (npx tsc -p .: dist/scripts/e2e/sip-agent.js).
# It uses the script's log, lineup's configure, agent_contact, esl_exchange, run_caller, expect, AGENT_PIDS,
# AGENT1_PORT, SCENARIO_DIR, SCENARIO_NAME, PASSED, FAILED, FAILED_NAMES.

configure_attended_transfer() {
  configure queue add e2e-attended --strategy longest-idle-agent --extension 7112
  configure agent add e2e-attended-1 --contact "$(agent_contact e2e-attended-1 $AGENT1_PORT)" --type static
  configure tier add e2e-attended e2e-attended-1 --level 1 --position 1
}

# start_sip_agent NAME PORT [sip-agent args...]: scripts/e2e/sip-agent.ts, a SIP phone for what sipp cannot play
# (two dialogs with different Call-IDs), in the background; returns once it listens, since FreeSWITCH fails an
# INVITE to a port nobody listens on at once (503, and the offer counts as not answered).
start_sip_agent() {
  local name=$1 port=$2 agent=$REPO/dist/scripts/e2e/sip-agent.js pid waited
  shift 2
  [[ -f $agent ]] || { log "  $agent is missing: build first (npx tsc -p .)"; return 1; }
  node "$agent" --ip "$E2E_LOCAL_IP" --port "$port" --fs "$FS_SIP_HOST:$FS_SIP_PORT" \
    --log "$SCENARIO_DIR/$name-messages.log" "$@" >"$SCENARIO_DIR/$name.out" 2>&1 &
  pid=$!
  AGENT_PIDS+=("$pid")
  for waited in $(seq 1 50); do
    grep -q '^sip-agent: listening' "$SCENARIO_DIR/$name.out" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}

# channels_matching REGEX: FreeSWITCH's channels (`show channels`, one CSV line each) whose line matches.
channels_matching() { esl_exchange "show channels" | sed 1,2d | grep -E -- "$1"; }

# until_channels SECONDS present|absent REGEX: polls until a channel matches (present) or none does (absent).
until_channels() {
  local seconds=$1 want=$2 regex=$3 waited
  for waited in $(seq 1 "$seconds"); do
    if channels_matching "$regex" >/dev/null; then [[ $want == present ]] && return 0; else [[ $want == absent ]] && return 0; fi
    sleep 1
  done
  return 1
}

scenario_failed() {
  printf 'FAIL %s: %s\n' "$SCENARIO_NAME" "$1"
  FAILED=$((FAILED + 1))
  FAILED_NAMES+=("$SCENARIO_NAME")
}

# The agent answers, 2 s later puts the caller on hold and calls 5555 (a consult call, a second dialog), 2 s later
# REFERs the caller's call to 5555 with Replaces naming the consult call. FreeSWITCH hangs up the consult and agent legs
# and sends the caller into 5555 (capture 13-attended-transfer), where it stays until it hangs up 15 s after its answer.
# With or without fire-transfer-events on the profile: Lineup logs TRANSFER from sofia::transferee, or else from the
# agent leg's hang-up.
scenario_attended_transfer() {
  local agent=e2e-attended-1 agent_pid watcher on_target=0 agent_status
  if ! start_sip_agent agent1 $AGENT1_PORT --user "$agent" --target 5555 --hold --talk-ms 2000 --consult-ms 2000 --timeout-ms 30000; then
    scenario_failed "the SIP agent did not start: $(tail -n 3 "$SCENARIO_DIR/agent1.out" 2>/dev/null)"
    return
  fi
  agent_pid=${AGENT_PIDS[-1]}
  # The caller's channel (named after its From user) running 5555's park: it was handed to the consult's target.
  until_channels 20 present "sofia/$FS_SIP_PROFILE/caller@[^,]*,.*,5555,park," & watcher=$!
  run_caller caller uac-caller.xml 7112 caller 15000
  wait "$watcher" && on_target=1
  wait "$agent_pid"
  agent_status=$?
  if [[ $agent_status != 0 ]]; then
    scenario_failed "the SIP agent exited with $agent_status: $(grep -v '^sip-agent: listening' "$SCENARIO_DIR/agent1.out" | tail -n 3) (trace: $SCENARIO_DIR/agent1-messages.log)"
  elif [[ $on_target == 0 ]]; then
    scenario_failed "the caller was never seen in 5555 after the transfer"
  elif ! until_channels 5 absent "sofia/$FS_SIP_PROFILE/(caller|$agent)@"; then
    scenario_failed "channels left on FreeSWITCH after the caller hung up: $(channels_matching "sofia/$FS_SIP_PROFILE/(caller|$agent)@" | cut -d, -f1,5,10)"
  else
    expect --queue e2e-attended "ENTERQUEUE OFFER@$agent CONNECT@$agent TRANSFER@$agent"
  fi
}
