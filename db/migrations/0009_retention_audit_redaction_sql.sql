-- Retention (server/services/retention.ts): when a pupil is anonymised, the audit trail's earlier
-- snapshots of that pupil (participant.create/update) still hold the name, e-mail, date of birth and
-- justification. The trail stays append-only for everything else; the one exception is the function
-- below, which only rewrites those personal fields of that participant's snapshots to the same
-- neutral values the row gets. It raises a transaction-local flag that the append-only trigger honours
-- for UPDATE (never DELETE or TRUNCATE), and lowers it again before returning.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('mobilo.audit_redaction', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_redact_participant_snapshot(snapshot jsonb, replacement jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  result jsonb := snapshot;
  field text;
BEGIN
  IF snapshot IS NULL OR jsonb_typeof(snapshot) <> 'object' THEN
    RETURN snapshot;
  END IF;
  FOR field IN SELECT jsonb_object_keys(replacement) LOOP
    IF result ? field THEN
      result := jsonb_set(result, ARRAY[field], replacement -> field);
    END IF;
  END LOOP;
  RETURN result;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_redact_participant(org uuid, participant uuid, replacement jsonb) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  changed integer;
BEGIN
  PERFORM set_config('mobilo.audit_redaction', 'on', true);
  UPDATE audit_log
     SET "before" = audit_redact_participant_snapshot("before", replacement),
         "after" = audit_redact_participant_snapshot("after", replacement)
   WHERE organisation_id = org AND entity_type = 'participant' AND entity_id = participant::text;
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('mobilo.audit_redaction', 'off', true);
  RETURN changed;
END;
$$;
