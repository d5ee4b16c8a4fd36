-- Configuration: queues, agents, tiers. Columns mirror QueueConfig / AgentConfig / TierConfig
-- (src/engine/model.ts) field by field in snake_case; the CHECKs repeat the engine's ranges so a
-- row the engine would refuse cannot exist.

CREATE TABLE queues (
  name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]*$' AND length(name) <= 100),
  extension text UNIQUE CHECK (extension IS NULL OR extension ~ '^[0-9*#+]+$'),
  strategy text NOT NULL CHECK (strategy IN (
    'ring-all', 'longest-idle-agent', 'round-robin', 'top-down', 'agent-with-least-talk-time',
    'agent-with-fewest-calls', 'sequentially-by-agent-order', 'random', 'ring-progressively',
    'round-robin-memory', 'linear', 'fewest-calls-in-window', 'weighted-random', 'ring-n-random',
    'ring-n-ordered')),
  priority integer NOT NULL,
  assignment text NOT NULL CHECK (assignment IN ('automatic', 'manual')),
  max_callers integer NOT NULL CHECK (max_callers >= 0),
  max_wait_seconds integer NOT NULL CHECK (max_wait_seconds >= 0),
  max_wait_with_no_agent_seconds integer NOT NULL CHECK (max_wait_with_no_agent_seconds >= 0),
  max_wait_with_no_agent_time_reached_seconds integer NOT NULL
    CHECK (max_wait_with_no_agent_time_reached_seconds >= 0),
  join_policy text NOT NULL CHECK (join_policy IN ('always', 'require-logged-in', 'require-available')),
  leave_policy text NOT NULL CHECK (leave_policy IN ('never', 'when-none-logged-in', 'when-none-available')),
  max_ring_seconds integer NOT NULL CHECK (max_ring_seconds > 0),
  tier_rules_apply boolean NOT NULL,
  tier_rule_wait_seconds integer NOT NULL CHECK (tier_rule_wait_seconds >= 0),
  tier_rule_wait_multiply_level boolean NOT NULL,
  tier_rule_no_agent_no_wait boolean NOT NULL,
  discard_abandoned_after_seconds integer NOT NULL CHECK (discard_abandoned_after_seconds >= 0),
  abandoned_resume_allowed boolean NOT NULL,
  ring_progressively_delay_seconds integer NOT NULL CHECK (ring_progressively_delay_seconds >= 0),
  ring_n integer NOT NULL CHECK (ring_n >= 1),
  call_window_seconds integer NOT NULL CHECK (call_window_seconds > 0),
  skip_agents_with_external_calls boolean NOT NULL,
  wrap_up_seconds integer NOT NULL CHECK (wrap_up_seconds >= 0),
  agent_no_answer_status text NOT NULL CHECK (agent_no_answer_status IN ('On Break', 'Logged Out')),
  time_base_score text NOT NULL CHECK (time_base_score IN ('queue', 'system')),
  -- [{ "key": "1", "destination": "voicemail" }, ...]; digits validated by exit_keys_valid below.
  exit_keys jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(exit_keys) = 'array'),
  timeout_destination text CHECK (timeout_destination <> ''),
  empty_destination text CHECK (empty_destination <> ''),
  moh_sound text NOT NULL CHECK (moh_sound <> ''),
  announce_on_entry boolean NOT NULL,
  announce_frequency_seconds integer NOT NULL CHECK (announce_frequency_seconds >= 0),
  announce_position boolean NOT NULL,
  announce_hold_time boolean NOT NULL,
  periodic_sound text CHECK (periodic_sound <> ''),
  periodic_frequency_seconds integer NOT NULL CHECK (periodic_frequency_seconds >= 0),
  record_template text CHECK (record_template <> ''),
  default_handle_seconds integer NOT NULL CHECK (default_handle_seconds > 0),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

-- Each exit key: an object with one DTMF digit and a non-empty destination; digits unique.
CREATE FUNCTION exit_keys_valid(keys jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(bool_and(
           jsonb_typeof(k) = 'object'
           AND coalesce(k->>'key', '') ~ '^[0-9*#]$'
           AND coalesce(k->>'destination', '') <> ''), true)
         AND count(DISTINCT k->>'key') = count(*)
  FROM jsonb_array_elements(keys) AS k
$$;
ALTER TABLE queues ADD CONSTRAINT queues_exit_keys_check_valid CHECK (exit_keys_valid(exit_keys));

CREATE TABLE agents (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]*$' AND length(id) <= 100),
  name text NOT NULL CHECK (name <> ''),
  contact text NOT NULL CHECK (contact <> ''),
  type text NOT NULL CHECK (type IN ('static', 'dynamic')),
  max_no_answer integer NOT NULL CHECK (max_no_answer >= 0),
  wrap_up_seconds integer CHECK (wrap_up_seconds >= 0),
  reject_delay_seconds integer NOT NULL CHECK (reject_delay_seconds >= 0),
  busy_delay_seconds integer NOT NULL CHECK (busy_delay_seconds >= 0),
  no_answer_delay_seconds integer NOT NULL CHECK (no_answer_delay_seconds >= 0),
  not_registered_delay_seconds integer NOT NULL CHECK (not_registered_delay_seconds >= 0),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE tiers (
  queue text NOT NULL REFERENCES queues (name) ON DELETE CASCADE ON UPDATE CASCADE,
  agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE ON UPDATE CASCADE,
  level integer NOT NULL CHECK (level >= 0),
  position integer NOT NULL CHECK (position >= 0),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (queue, agent_id)
);
CREATE INDEX tiers_agent_id ON tiers (agent_id);

-- One row, bumped by every change to queues, agents or tiers: a running controller polls it
-- (PGlite has no LISTEN/NOTIFY).
CREATE TABLE config_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL,
  changed_at timestamptz(3) NOT NULL
);
INSERT INTO config_version (version, changed_at) VALUES (0, now());

CREATE FUNCTION bump_config_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE config_version SET version = version + 1, changed_at = clock_timestamp();
  RETURN NULL;
END
$$;

CREATE TRIGGER queues_config_version AFTER INSERT OR UPDATE OR DELETE ON queues
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
CREATE TRIGGER agents_config_version AFTER INSERT OR UPDATE OR DELETE ON agents
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
CREATE TRIGGER tiers_config_version AFTER INSERT OR UPDATE OR DELETE ON tiers
  FOR EACH STATEMENT EXECUTE FUNCTION bump_config_version();
