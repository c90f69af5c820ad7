extension PostgresMigrations {
    /// A record's kept figures (its score contribution, its services in the period) changed with nothing of the
    /// app's in the same transaction (no entry of its steps, no import) were written around the app: the change is
    /// audited as `直接改库` with the login, as a change of the text is (v4). A clerk's psql had lifted the score with
    /// no trace until the next recount. (v4's function again, with that one branch added.)
    static let v9: [String] = [
        """
        CREATE OR REPLACE FUNCTION audit_unrecorded_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
            entry_table text := CASE WHEN TG_TABLE_NAME = 'checklist_answer' THEN 'community' ELSE TG_TABLE_NAME END;
            old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}' ELSE to_jsonb(OLD) END;
            new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}' ELSE to_jsonb(NEW) END;
            row_id text;
            code text;
            old_fields jsonb;
            new_fields jsonb;
            changes jsonb;
        BEGIN
            IF TG_TABLE_NAME = 'community' THEN
                row_id := COALESCE(new_row->>'code', old_row->>'code');
                code := row_id;
                old_fields := old_row - 'version';
                new_fields := new_row - 'version';
            ELSIF TG_TABLE_NAME = 'checklist_answer' THEN
                row_id := COALESCE(new_row->>'community_code', old_row->>'community_code');
                code := row_id;
                old_fields := CASE WHEN TG_OP = 'INSERT' THEN '{}' ELSE jsonb_build_object('checklist.' || (old_row->>'item_id'), trim_scale((old_row->>'points_hundredths')::numeric / 100)::text) END;
                new_fields := CASE WHEN TG_OP = 'DELETE' THEN '{}' ELSE jsonb_build_object('checklist.' || (new_row->>'item_id'), trim_scale((new_row->>'points_hundredths')::numeric / 100)::text) END;
            ELSE
                row_id := COALESCE(new_row->>'id', old_row->>'id');
                code := COALESCE(new_row->>'community_code', old_row->>'community_code');
                IF TG_OP = 'INSERT' AND new_row->>'import_batch' IS NOT NULL THEN RETURN NULL; END IF;
                IF TG_OP = 'UPDATE' AND old_row->'fields' = new_row->'fields' AND old_row->'deleted_at' = new_row->'deleted_at'
                   AND old_row->'community_code' = new_row->'community_code' THEN
                    -- Only the figures the app keeps changed: its bookkeeping, which goes with an entry of the app's
                    -- or an import in the same transaction. Figures changed with neither were written around the app.
                    IF (old_row->'facts' IS DISTINCT FROM new_row->'facts'
                        OR old_row->'services_in_period' IS DISTINCT FROM new_row->'services_in_period')
                       AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.txid = txid_current() AND a.action <> 'sql')
                       AND NOT EXISTS (SELECT 1 FROM import_batch b
                                       WHERE b.xmin::text = (pg_current_xact_id()::text::numeric % 4294967296)::text) THEN
                        changes := jsonb_build_object('facts', jsonb_build_array((old_row->'facts')::text, (new_row->'facts')::text));
                        IF old_row->'services_in_period' IS DISTINCT FROM new_row->'services_in_period' THEN
                            changes := changes || jsonb_build_object('services_in_period',
                                jsonb_build_array(old_row->>'services_in_period', new_row->>'services_in_period'));
                        END IF;
                        INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                        VALUES (to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS'), session_user, code, entry_table, row_id, 'sql', changes::text);
                    END IF;
                    RETURN NULL;
                END IF;
                old_fields := COALESCE(old_row->'fields', '{}')
                    || jsonb_build_object('deleted_at', old_row->'deleted_at', 'community_code', old_row->'community_code');
                new_fields := COALESCE(new_row->'fields', '{}')
                    || jsonb_build_object('deleted_at', new_row->'deleted_at', 'community_code', new_row->'community_code');
            END IF;
            IF EXISTS (SELECT 1 FROM audit a WHERE a.txid = txid_current() AND a.record_table = entry_table
                       AND a.record_id = row_id) THEN
                RETURN NULL;
            END IF;
            SELECT COALESCE(jsonb_object_agg(k, jsonb_build_array(
                       CASE WHEN jsonb_typeof(old_fields->k) IN ('string', 'null') THEN old_fields->k ELSE to_jsonb(old_fields->>k) END,
                       CASE WHEN jsonb_typeof(new_fields->k) IN ('string', 'null') THEN new_fields->k ELSE to_jsonb(new_fields->>k) END)), '{}')
            INTO changes
            FROM (SELECT jsonb_object_keys(old_fields) UNION SELECT jsonb_object_keys(new_fields)) keys(k)
            WHERE old_fields->k IS DISTINCT FROM new_fields->k;
            IF changes = '{}' THEN RETURN NULL; END IF;
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES (to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS'), session_user, code, entry_table, row_id, 'sql', changes::text);
            RETURN NULL;
        END
        $$
        """,
    ]
}
