-- Reporting: one row per call × queue visit, per-queue interval figures, per-agent figures.
-- Definitions (and the Axivox mapping) are in docs/reporting.md. Durations are seconds with
-- millisecond precision, computed from event timestamps.

-- Events that start a visit: ENTERQUEUE, or a refusal (FULL / JOINEMPTY have no ENTERQUEUE).
-- Events that end it: the terminal events of src/engine/events.ts, or the refusal itself.
CREATE FUNCTION report_calls(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (
  call_id text, queue text, visit bigint, caller_id_number text,
  entered_at timestamptz, first_offered_at timestamptz, answered_at timestamptz, ended_at timestamptz,
  end_event text, outcome text, agent_id text,
  wait_seconds numeric, talk_seconds numeric, wrap_seconds numeric,
  offers bigint, ring_no_answers bigint, transfers bigint, transfer_target text)
LANGUAGE sql STABLE AS $$
  WITH calls AS (
    SELECT DISTINCT e.call_id FROM queue_events e
    WHERE e.at >= p_from AND e.at < p_to AND e.call_id IS NOT NULL
      AND e.event IN ('ENTERQUEUE', 'FULL', 'JOINEMPTY')
  ), numbered AS (
    SELECT e.*,
      sum(CASE WHEN e.event IN ('ENTERQUEUE', 'FULL', 'JOINEMPTY') THEN 1 ELSE 0 END)
        OVER (PARTITION BY e.call_id, e.queue ORDER BY e.id) AS visit_no
    FROM queue_events e JOIN calls c ON c.call_id = e.call_id
    WHERE e.queue IS NOT NULL
  ), visits AS (
    SELECT n.call_id, n.queue, n.visit_no,
      (array_agg(n.data->>'callerIdNumber' ORDER BY n.id)
        FILTER (WHERE n.event IN ('ENTERQUEUE', 'FULL', 'JOINEMPTY')))[1] AS caller_id_number,
      min(n.at) FILTER (WHERE n.event IN ('ENTERQUEUE', 'FULL', 'JOINEMPTY')) AS entered_at,
      min(n.at) FILTER (WHERE n.event = 'OFFER') AS first_offered_at,
      min(n.at) FILTER (WHERE n.event = 'CONNECT') AS answered_at,
      min(n.at) FILTER (WHERE n.event IN ('ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY', 'EXITWITHKEY',
        'COMPLETEAGENT', 'COMPLETECALLER', 'TRANSFER', 'BLINDTRANSFER', 'FULL', 'JOINEMPTY')) AS ended_at,
      (array_agg(n.event ORDER BY n.id) FILTER (WHERE n.event IN ('ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY',
        'EXITWITHKEY', 'COMPLETEAGENT', 'COMPLETECALLER', 'TRANSFER', 'BLINDTRANSFER', 'FULL', 'JOINEMPTY')))[1]
        AS end_event,
      (array_agg(n.agent_id ORDER BY n.id) FILTER (WHERE n.event = 'CONNECT'))[1] AS agent_id,
      coalesce(sum((n.data->>'wrapSeconds')::numeric) FILTER (WHERE n.event = 'WRAPUPEND'), 0) AS wrap_seconds,
      count(*) FILTER (WHERE n.event = 'OFFER') AS offers,
      count(*) FILTER (WHERE n.event = 'RINGNOANSWER') AS ring_no_answers,
      count(*) FILTER (WHERE n.event IN ('TRANSFER', 'BLINDTRANSFER')) AS transfers,
      (array_agg(n.data->>'target' ORDER BY n.id) FILTER (WHERE n.event IN ('TRANSFER', 'BLINDTRANSFER')))[1]
        AS transfer_target
    FROM numbered n
    WHERE n.visit_no > 0
    GROUP BY n.call_id, n.queue, n.visit_no
  )
  SELECT v.call_id, v.queue, v.visit_no, v.caller_id_number,
    v.entered_at, v.first_offered_at, v.answered_at, v.ended_at, v.end_event,
    CASE v.end_event
      WHEN 'COMPLETEAGENT' THEN 'answered' WHEN 'COMPLETECALLER' THEN 'answered'
      WHEN 'TRANSFER' THEN 'answered' WHEN 'BLINDTRANSFER' THEN 'answered'
      WHEN 'ABANDON' THEN 'abandoned' WHEN 'EXITWITHTIMEOUT' THEN 'timeout'
      WHEN 'EXITEMPTY' THEN 'exit_empty' WHEN 'EXITWITHKEY' THEN 'exit_key'
      WHEN 'FULL' THEN 'full' WHEN 'JOINEMPTY' THEN 'joinempty'
      ELSE CASE WHEN v.answered_at IS NULL THEN 'waiting' ELSE 'talking' END
    END,
    v.agent_id,
    extract(epoch FROM coalesce(v.answered_at, v.ended_at) - v.entered_at),
    extract(epoch FROM v.ended_at - v.answered_at),
    v.wrap_seconds, v.offers, v.ring_no_answers, v.transfers, v.transfer_target
  FROM visits v
  WHERE v.entered_at >= p_from AND v.entered_at < p_to
  ORDER BY v.entered_at, v.call_id, v.queue, v.visit_no
$$;

-- Every visit ever logged, for ad-hoc SQL.
CREATE VIEW queue_call AS SELECT * FROM report_calls('-infinity', 'infinity');

-- Per queue per interval. p_interval NULL = one row per queue for the whole period; buckets are
-- aligned on midnight in p_time_zone. A call counts in the bucket in which it entered.
CREATE FUNCTION report_queues(p_from timestamptz, p_to timestamptz, p_interval interval,
  p_sl_threshold numeric, p_short_abandon numeric, p_time_zone text)
RETURNS TABLE (
  queue text, bucket_start timestamptz,
  offered bigint, answered bigint, abandoned bigint, short_abandoned bigint, timed_out bigint,
  exited_empty bigint, exited_with_key bigint, refused bigint, in_progress bigint,
  sl_answered_pct numeric, sl2_pct numeric, sl_inclusive_pct numeric, abandon_rate_pct numeric,
  asa_seconds numeric, aht_seconds numeric, avg_talk_seconds numeric, avg_abandon_seconds numeric,
  longest_wait_seconds numeric, ring_no_answers bigint)
LANGUAGE sql STABLE AS $$
  WITH c AS (
    SELECT r.*,
      CASE WHEN p_interval IS NULL THEN p_from
           ELSE date_bin(p_interval, r.entered_at, date_trunc('day', r.entered_at, p_time_zone)) END AS bucket,
      r.outcome = 'abandoned' AND r.wait_seconds < p_short_abandon AS is_short,
      r.wait_seconds <= p_sl_threshold AS in_sl
    FROM report_calls(p_from, p_to) r
  )
  SELECT c.queue, c.bucket,
    count(*) FILTER (WHERE c.outcome NOT IN ('full', 'joinempty')),
    count(*) FILTER (WHERE c.outcome = 'answered'),
    count(*) FILTER (WHERE c.outcome = 'abandoned'),
    count(*) FILTER (WHERE c.is_short),
    count(*) FILTER (WHERE c.outcome = 'timeout'),
    count(*) FILTER (WHERE c.outcome = 'exit_empty'),
    count(*) FILTER (WHERE c.outcome = 'exit_key'),
    count(*) FILTER (WHERE c.outcome IN ('full', 'joinempty')),
    count(*) FILTER (WHERE c.outcome IN ('waiting', 'talking')),
    round(100.0 * count(*) FILTER (WHERE c.outcome = 'answered' AND c.in_sl)
      / nullif(count(*) FILTER (WHERE c.outcome = 'answered'), 0), 2),
    round(100.0 * count(*) FILTER (WHERE c.outcome IN ('answered', 'abandoned') AND c.in_sl)
      / nullif(count(*) FILTER (WHERE c.outcome IN ('answered', 'abandoned')), 0), 2),
    round(100.0 * count(*) FILTER (WHERE c.outcome = 'answered' AND c.in_sl)
      / nullif(count(*) FILTER (WHERE c.outcome IN ('answered', 'abandoned', 'timeout', 'exit_empty', 'exit_key')
                                   AND NOT c.is_short), 0), 2),
    round(100.0 * count(*) FILTER (WHERE c.outcome = 'abandoned' AND NOT c.is_short)
      / nullif(count(*) FILTER (WHERE c.outcome NOT IN ('full', 'joinempty') AND NOT c.is_short), 0), 2),
    round(avg(c.wait_seconds) FILTER (WHERE c.outcome = 'answered'), 3),
    round(avg(c.talk_seconds + c.wrap_seconds) FILTER (WHERE c.outcome = 'answered'), 3),
    round(avg(c.talk_seconds) FILTER (WHERE c.outcome = 'answered'), 3),
    round(avg(c.wait_seconds) FILTER (WHERE c.outcome = 'abandoned' AND NOT c.is_short), 3),
    max(c.wait_seconds) FILTER (WHERE c.outcome NOT IN ('full', 'joinempty')),
    coalesce(sum(c.ring_no_answers), 0)::bigint
  FROM c
  GROUP BY c.queue, c.bucket
  ORDER BY c.queue, c.bucket
$$;

-- An agent's intervals from a start event to the next start or end event (same agent), clipped
-- to [p_from, p_to); an interval still open ends now (or at p_to).
CREATE FUNCTION agent_intervals(p_from timestamptz, p_to timestamptz, p_start text, p_ends text[])
RETURNS TABLE (agent_id text, reason text, seconds numeric)
LANGUAGE sql STABLE AS $$
  SELECT s.agent_id, s.reason,
    extract(epoch FROM least(coalesce(s.next_at, now()), p_to) - greatest(s.at, p_from))
  FROM (
    SELECT e.agent_id, e.event, e.at, e.data->>'reason' AS reason,
      lead(e.at) OVER (PARTITION BY e.agent_id ORDER BY e.id) AS next_at
    FROM queue_events e
    WHERE e.agent_id IS NOT NULL AND e.at < p_to AND (e.event = p_start OR e.event = ANY (p_ends))
  ) s
  WHERE s.event = p_start
    AND least(coalesce(s.next_at, now()), p_to) > greatest(s.at, p_from)
$$;

-- Per agent over the period. Talk is the talkSeconds of the calls the agent ended in the
-- period; wrap, logged-in and pause time are intervals clipped to the period.
CREATE FUNCTION report_agents(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (
  agent_id text, offers bigint, calls bigint, talk_seconds numeric, avg_talk_seconds numeric,
  wrap_seconds numeric, ring_no_answers bigint, rejects bigint,
  logged_in_seconds numeric, pause_seconds numeric, pause_by_reason jsonb,
  occupancy_pct numeric, utilization_pct numeric)
LANGUAGE sql STABLE AS $$
  WITH counts AS (
    SELECT e.agent_id,
      count(*) FILTER (WHERE e.event = 'OFFER') AS offers,
      count(*) FILTER (WHERE e.event = 'CONNECT') AS calls,
      coalesce(sum((e.data->>'talkSeconds')::numeric) FILTER (WHERE e.event IN
        ('COMPLETEAGENT', 'COMPLETECALLER', 'TRANSFER', 'BLINDTRANSFER')), 0) AS talk,
      count(*) FILTER (WHERE e.event IN ('COMPLETEAGENT', 'COMPLETECALLER', 'TRANSFER', 'BLINDTRANSFER')) AS ended,
      count(*) FILTER (WHERE e.event = 'RINGNOANSWER') AS rna,
      count(*) FILTER (WHERE e.event = 'RINGREJECTED') AS rejects
    FROM queue_events e
    WHERE e.agent_id IS NOT NULL AND e.at >= p_from AND e.at < p_to
    GROUP BY e.agent_id
  ), logged AS (
    SELECT i.agent_id, sum(i.seconds) AS seconds
    FROM agent_intervals(p_from, p_to, 'AGENTLOGIN', ARRAY['AGENTLOGOFF']) i GROUP BY i.agent_id
  ), wraps AS (
    SELECT i.agent_id, sum(i.seconds) AS seconds
    FROM agent_intervals(p_from, p_to, 'WRAPUPSTART', ARRAY['WRAPUPEND', 'AGENTLOGOFF']) i GROUP BY i.agent_id
  ), pause_reasons AS (
    SELECT i.agent_id, coalesce(i.reason, '') AS reason, sum(i.seconds) AS seconds
    FROM agent_intervals(p_from, p_to, 'PAUSE', ARRAY['UNPAUSE', 'AGENTLOGOFF']) i GROUP BY 1, 2
  ), pauses AS (
    SELECT p.agent_id, sum(p.seconds) AS seconds, jsonb_object_agg(p.reason, p.seconds ORDER BY p.reason) AS by_reason
    FROM pause_reasons p GROUP BY p.agent_id
  ), ids AS (
    SELECT counts.agent_id FROM counts UNION SELECT logged.agent_id FROM logged
    UNION SELECT wraps.agent_id FROM wraps UNION SELECT pauses.agent_id FROM pauses
  )
  SELECT ids.agent_id,
    coalesce(c.offers, 0), coalesce(c.calls, 0), coalesce(c.talk, 0),
    round(c.talk / nullif(c.ended, 0), 3),
    coalesce(w.seconds, 0), coalesce(c.rna, 0), coalesce(c.rejects, 0),
    coalesce(l.seconds, 0), coalesce(p.seconds, 0), coalesce(p.by_reason, '{}'::jsonb),
    round(100.0 * (coalesce(c.talk, 0) + coalesce(w.seconds, 0))
      / nullif(coalesce(l.seconds, 0) - coalesce(p.seconds, 0), 0), 2),
    round(100.0 * (coalesce(c.talk, 0) + coalesce(w.seconds, 0)) / nullif(l.seconds, 0), 2)
  FROM ids
  LEFT JOIN counts c ON c.agent_id = ids.agent_id
  LEFT JOIN logged l ON l.agent_id = ids.agent_id
  LEFT JOIN wraps w ON w.agent_id = ids.agent_id
  LEFT JOIN pauses p ON p.agent_id = ids.agent_id
  ORDER BY ids.agent_id
$$;
