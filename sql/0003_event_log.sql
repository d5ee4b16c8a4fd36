-- The event log: append-only, one row per engine QueueEvent (src/engine/events.ts).
-- event_id is assigned by the writer when the event is accepted, so a replay after an
-- ambiguous failure or a restart is a no-op (ON CONFLICT DO NOTHING). id is assigned at insert
-- in acceptance order and is the order of the log.

CREATE TABLE queue_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  at timestamptz(3) NOT NULL,
  call_id text,
  queue text,
  agent_id text,
  event text NOT NULL CHECK (event IN (
    'ENTERQUEUE', 'FULL', 'JOINEMPTY', 'ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY', 'EXITWITHKEY',
    'OFFER', 'RINGNOANSWER', 'RINGBUSY', 'RINGREJECTED', 'RINGUNAVAILABLE', 'RINGCANCELED',
    'CONNECT', 'COMPLETEAGENT', 'COMPLETECALLER', 'TRANSFER', 'BLINDTRANSFER',
    'AGENTLOGIN', 'AGENTLOGOFF', 'PAUSE', 'UNPAUSE', 'AGENTSTATUS', 'WRAPUPSTART', 'WRAPUPEND',
    'ADDMEMBER', 'REMOVEMEMBER')),
  data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object')
);
CREATE INDEX queue_events_at ON queue_events (at);
CREATE INDEX queue_events_call_id ON queue_events (call_id, id) WHERE call_id IS NOT NULL;
CREATE INDEX queue_events_queue_at ON queue_events (queue, at) WHERE queue IS NOT NULL;
CREATE INDEX queue_events_agent_at ON queue_events (agent_id, at) WHERE agent_id IS NOT NULL;

-- Append-only: rows are never changed (deleting old rows for retention stays possible).
CREATE FUNCTION queue_events_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'queue_events is append-only: UPDATE is not allowed';
END
$$;
CREATE TRIGGER queue_events_no_update BEFORE UPDATE ON queue_events
  FOR EACH ROW EXECUTE FUNCTION queue_events_immutable();
