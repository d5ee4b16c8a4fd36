-- Live state the controller keeps current (replaced from an EngineSnapshot, debounced, in one
-- transaction), so plain SELECTs answer "who is logged in" and "who is waiting now".
-- No foreign keys to the configuration: the snapshot is the engine's truth, written as is.

CREATE TABLE agent_live (
  agent_id text PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('static', 'dynamic')),
  contact text NOT NULL,
  status text NOT NULL CHECK (status IN ('Logged Out', 'Available', 'Available (On Demand)', 'On Break')),
  pause_reason text,
  state text NOT NULL CHECK (state IN ('Idle', 'Waiting', 'Receiving', 'In a queue call', 'Reserved')),
  status_since timestamptz(3) NOT NULL,
  state_since timestamptz(3) NOT NULL,
  wrap_up_until timestamptz(3),
  call_id text,
  queue text,
  calls_answered integer NOT NULL CHECK (calls_answered >= 0),
  talk_seconds numeric NOT NULL CHECK (talk_seconds >= 0),
  no_answer_count integer NOT NULL CHECK (no_answer_count >= 0),
  updated_at timestamptz(3) NOT NULL
);

CREATE TABLE caller_live (
  call_id text NOT NULL,
  queue text NOT NULL,
  caller_id_number text NOT NULL,
  caller_id_name text NOT NULL,
  priority integer NOT NULL,
  joined_at timestamptz(3) NOT NULL,
  -- 1-based among the queue's callers not yet connected; NULL once connected.
  position integer CHECK (position >= 1),
  state text NOT NULL CHECK (state IN ('waiting', 'ringing', 'connected')),
  agent_id text,
  ringing_agent_ids text[] NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  PRIMARY KEY (call_id, queue)
);
CREATE INDEX caller_live_queue_position ON caller_live (queue, position);
