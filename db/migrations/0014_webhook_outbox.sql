-- The outbox of webhooks (server/services/webhooks.ts): the audit entry of a mobility or finding change,
-- written in the change's own transaction, becomes one delivery per matching subscription (of the school,
-- or of the school's national agency) and a `webhook.deliver` job. Both commit with the change or not at
-- all, whichever code path wrote the entry (the app, the API, the Beneficiary Module import).
--   mobility.create / duplicate / import.create        → mobility.created
--   mobility.update / status / import.update            → mobility.changed
--   … and the entry's status turned to completed        → mobility.completed as well
--   finding.create → finding.opened;  finding.reply → finding.answered
CREATE OR REPLACE FUNCTION webhook_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_events text[] := '{}';
  v_school uuid := NEW.organisation_id;
  v_agency text;
  v_data jsonb;
  v_event text;
BEGIN
  IF NEW.entity_type = 'mobility' THEN
    IF NEW.action IN ('mobility.create', 'mobility.duplicate', 'mobility.import.create') THEN
      v_events := ARRAY['mobility.created'];
    ELSIF NEW.action IN ('mobility.update', 'mobility.status', 'mobility.import.update') THEN
      v_events := ARRAY['mobility.changed'];
    END IF;
    IF NEW.after ->> 'status' = 'completed' AND coalesce(NEW.before ->> 'status', '') <> 'completed'
       AND NEW.action IN ('mobility.create', 'mobility.update', 'mobility.status') THEN
      v_events := v_events || 'mobility.completed'::text;
    END IF;
  ELSIF NEW.entity_type = 'finding' THEN
    IF NEW.action = 'finding.create' THEN
      v_events := ARRAY['finding.opened'];
    ELSIF NEW.action = 'finding.reply' THEN
      v_events := ARRAY['finding.answered'];
    END IF;
  END IF;
  IF cardinality(v_events) = 0 OR v_school IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT o.na_code INTO v_agency FROM organisations o WHERE o.id = v_school;
  -- Nothing to do (the usual case) costs one indexed look-up.
  IF NOT EXISTS (
    SELECT 1 FROM webhooks w
    WHERE w.disabled_at IS NULL AND (w.organisation_id = v_school OR w.na_code = v_agency) AND w.events && v_events
  ) THEN
    RETURN NULL;
  END IF;
  IF NEW.entity_type = 'mobility' THEN
    SELECT jsonb_build_object('mobilityId', m.id, 'projectId', m.project_id, 'schoolId', m.organisation_id,
                              'activityId', m.activity_id, 'status', m.status, 'version', m.version)
      INTO v_data FROM mobilities m WHERE m.id = NEW.entity_id::uuid AND m.organisation_id = v_school;
  ELSE
    SELECT jsonb_build_object('findingId', f.id, 'projectId', f.project_id, 'schoolId', f.organisation_id,
                              'naCode', f.na_code, 'status', f.status, 'version', f.version)
      INTO v_data FROM findings f WHERE f.id = NEW.entity_id::uuid AND f.organisation_id = v_school;
  END IF;
  IF v_data IS NULL THEN
    RETURN NULL;
  END IF;
  FOREACH v_event IN ARRAY v_events LOOP
    WITH deliveries AS (
      INSERT INTO webhook_deliveries (webhook_id, event, payload)
      SELECT w.id, v_event, v_data FROM webhooks w
      WHERE w.disabled_at IS NULL AND (w.organisation_id = v_school OR w.na_code = v_agency) AND v_event = ANY (w.events)
      RETURNING id
    )
    INSERT INTO jobs (queue, payload) SELECT 'webhook.deliver', jsonb_build_object('deliveryId', d.id) FROM deliveries d;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_webhook_outbox
  AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION webhook_outbox();
