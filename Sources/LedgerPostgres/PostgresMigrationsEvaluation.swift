extension PostgresMigrations {
    /// The evaluation procedure (社区自评 → 初评 → 推荐 → 市级考评, seed 000 §四) and the operators' entry events, as
    /// the SQLite engine keeps them (its v15-evaluation, v16-spot-check-services, v16-entry-events, v17-city-stage),
    /// and the city supervisor's role. A signed 初评 locks its community: the database refuses every change of its
    /// records, profile, checklist or accepted warnings (whoever sends it, the app or psql) with the sentence the
    /// app shows (`PeriodLockRefusal`); figures the app keeps (facts, counts, versions) may still follow other
    /// communities' records. Frozen like every version.
    static let v6: [String] = [
        "ALTER TABLE operator_account DROP CONSTRAINT operator_account_role_check",
        """
        ALTER TABLE operator_account ADD CONSTRAINT operator_account_role_check
            CHECK (role IN ('clerk', 'supervisor', 'street_supervisor', 'inspector', 'city'))
        """,
        // A submission freezes the score card; the marks are the audit trail's and the imports' last ids then. A
        // 市级考评 is a row of its own reviewing the district's (`review_of`), signed in `signed_by/at`.
        """
        CREATE TABLE evaluation (
            id bigserial PRIMARY KEY,
            community_code text NOT NULL REFERENCES community(code),
            period_start text NOT NULL,
            period_end text NOT NULL,
            rubric_id text NOT NULL,
            rubric_title text NOT NULL,
            submitted_by text NOT NULL,
            submitted_at text NOT NULL,
            checksum text NOT NULL,
            audit_mark bigint NOT NULL,
            import_mark bigint NOT NULL,
            sample_seed bigint,
            sample_size integer CHECK (sample_size IS NULL OR sample_size > 0),
            sample_strata text,
            drawn_by text,
            drawn_at text,
            service_sample_size integer CHECK (service_sample_size IS NULL OR service_sample_size >= 0),
            service_strata text,
            recommended_by text,
            recommended_at text,
            review_of bigint REFERENCES evaluation(id),
            signed_by text,
            signed_at text
        )
        """,
        "CREATE INDEX evaluation_by_community ON evaluation (community_code, period_start, period_end, id)",
        "CREATE UNIQUE INDEX evaluation_city_review ON evaluation (review_of) WHERE review_of IS NOT NULL",
        """
        CREATE TABLE evaluation_item (
            evaluation_id bigint NOT NULL REFERENCES evaluation(id),
            position integer NOT NULL,
            item_id text NOT NULL,
            title text NOT NULL,
            group_name text,
            source text NOT NULL,
            max_hundredths integer NOT NULL,
            points_hundredths integer NOT NULL,
            measured text NOT NULL,
            threshold text NOT NULL,
            explanation text NOT NULL,
            allowed_points text,
            PRIMARY KEY (evaluation_id, item_id)
        )
        """,
        """
        CREATE FUNCTION evaluation_item_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '已提交的自评不能修改';
        END
        $$
        """,
        "CREATE TRIGGER evaluation_item_frozen BEFORE UPDATE OR DELETE ON evaluation_item FOR EACH ROW EXECUTE FUNCTION evaluation_item_frozen()",
        """
        CREATE TABLE evaluation_adjustment (
            evaluation_id bigint NOT NULL REFERENCES evaluation(id),
            item_id text NOT NULL,
            points_hundredths integer NOT NULL CHECK (points_hundredths >= 0),
            reason text NOT NULL CHECK (length(btrim(reason)) > 0),
            adjusted_by text NOT NULL,
            adjusted_at text NOT NULL,
            PRIMARY KEY (evaluation_id, item_id),
            FOREIGN KEY (evaluation_id, item_id) REFERENCES evaluation_item(evaluation_id, item_id)
        )
        """,
        """
        CREATE TABLE spot_check (
            evaluation_id bigint NOT NULL REFERENCES evaluation(id),
            position integer NOT NULL CHECK (position > 0),
            person_id bigint NOT NULL REFERENCES person(id),
            stratum text NOT NULL,
            result text CHECK (result IS NULL OR result IN ('属实', '不属实', '联系不上')),
            note text,
            checked_by text,
            checked_at text,
            check_audit_mark bigint,
            service_id bigint REFERENCES service(id),
            drawn_for text NOT NULL DEFAULT 'person' CHECK (drawn_for IN ('person', 'service')),
            PRIMARY KEY (evaluation_id, position)
        )
        """,
        // One row per locked community: the district's signature of its 初评.
        """
        CREATE TABLE evaluation_lock (
            community_code text PRIMARY KEY REFERENCES community(code),
            evaluation_id bigint NOT NULL REFERENCES evaluation(id),
            locked_by text NOT NULL,
            locked_at text NOT NULL
        )
        """,
        // One row per form closed at the program, saved or abandoned; append-only like the audit trail.
        """
        CREATE TABLE entry_event (
            id bigserial PRIMARY KEY,
            operator text NOT NULL,
            community_code text NOT NULL,
            record_table text NOT NULL CHECK (record_table IN ('person', 'service', 'activity')),
            record_id bigint,
            outcome text NOT NULL CHECK (outcome IN ('saved', 'abandoned')),
            opened_at text NOT NULL,
            closed_at text NOT NULL CHECK (closed_at >= opened_at),
            errors_shown integer NOT NULL CHECK (errors_shown >= 0),
            CHECK (outcome = 'saved' OR record_id IS NULL)
        )
        """,
        "CREATE INDEX entry_event_by_operator ON entry_event (operator, closed_at)",
        """
        CREATE FUNCTION entry_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'entry events are append-only';
        END
        $$
        """,
        "CREATE TRIGGER entry_event_no_change BEFORE UPDATE OR DELETE ON entry_event FOR EACH ROW EXECUTE FUNCTION entry_event_append_only()",
        "CREATE TRIGGER entry_event_no_truncate BEFORE TRUNCATE ON entry_event FOR EACH STATEMENT EXECUTE FUNCTION entry_event_append_only()",
        // The refusal of a change to a locked community, in the app's words (PeriodLockRefusal.message; the time as
        // TimeText.shown writes it). The first locked community of `codes`, in code order, is named.
        """
        CREATE FUNCTION refuse_locked(codes text[]) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            lk record;
        BEGIN
            IF codes IS NULL OR cardinality(codes) = 0 THEN RETURN; END IF;
            SELECT l.community_code, l.locked_by, l.locked_at, e.period_start, e.period_end, c.name,
                   r.signed_by AS city_by, r.signed_at AS city_at
            INTO lk
            FROM evaluation_lock l JOIN evaluation e ON e.id = l.evaluation_id JOIN community c ON c.code = l.community_code
                 LEFT JOIN evaluation r ON r.review_of = e.id AND r.signed_by IS NOT NULL
            WHERE l.community_code = ANY(codes) ORDER BY l.community_code LIMIT 1;
            IF NOT FOUND THEN RETURN; END IF;
            RAISE EXCEPTION USING ERRCODE = 'CY001', MESSAGE =
                '台账已锁定，不能修改：' || lk.name || '（' || lk.community_code || '）考核期 ' || lk.period_start || '..' || lk.period_end
                || ' 的初评已由' || lk.locked_by || '于'
                || CASE WHEN lk.locked_at ~ '^[^T]{10}T.{5}' THEN left(lk.locked_at, 10) || ' ' || substr(lk.locked_at, 12, 5) ELSE lk.locked_at END
                || '签署'
                || CASE WHEN lk.city_by IS NOT NULL THEN
                       '，市级考评已由' || lk.city_by || '于'
                       || CASE WHEN lk.city_at ~ '^[^T]{10}T.{5}' THEN left(lk.city_at, 10) || ' ' || substr(lk.city_at, 12, 5) ELSE COALESCE(lk.city_at, '') END
                       || '签署。如需修改，请市级督导解锁（chuangye evaluate unlock --reason 理由）'
                   ELSE '。如需修改，请督导解锁（评选界面按 U，或 chuangye evaluate unlock --reason 理由）' END;
        END
        $$
        """,
        // Registers: a new or removed row, or a changed content (text, deletion, community), of a locked community.
        """
        CREATE FUNCTION refuse_locked_records() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM evaluation_lock) THEN RETURN NULL; END IF;
            IF TG_OP = 'INSERT' THEN
                PERFORM refuse_locked(ARRAY(SELECT DISTINCT community_code FROM new_rows));
            ELSIF TG_OP = 'UPDATE' THEN
                PERFORM refuse_locked(ARRAY(
                    SELECT DISTINCT v.code FROM old_rows o JOIN new_rows n ON n.id = o.id
                    CROSS JOIN LATERAL (VALUES (o.community_code), (n.community_code)) v(code)
                    WHERE o.fields IS DISTINCT FROM n.fields OR o.deleted_at IS DISTINCT FROM n.deleted_at
                       OR o.deleted_reason IS DISTINCT FROM n.deleted_reason OR o.community_code IS DISTINCT FROM n.community_code));
            ELSE
                PERFORM refuse_locked(ARRAY(SELECT DISTINCT community_code FROM old_rows));
            END IF;
            RETURN NULL;
        END
        $$
        """,
        // The profile and checklist: any change of content (the version is bookkeeping).
        """
        CREATE FUNCTION refuse_locked_profile() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            code_column text := CASE WHEN TG_TABLE_NAME = 'community' THEN 'code' ELSE 'community_code' END;
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM evaluation_lock) THEN RETURN NULL; END IF;
            IF TG_OP = 'INSERT' THEN
                PERFORM refuse_locked(ARRAY(SELECT DISTINCT to_jsonb(n)->>code_column FROM new_rows n));
            ELSIF TG_OP = 'UPDATE' THEN
                PERFORM refuse_locked(ARRAY(
                    SELECT DISTINCT to_jsonb(o)->>code_column FROM old_rows o
                    WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE (to_jsonb(n) - 'version') = (to_jsonb(o) - 'version'))
                    UNION SELECT DISTINCT to_jsonb(n)->>code_column FROM new_rows n
                    WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE (to_jsonb(n) - 'version') = (to_jsonb(o) - 'version'))));
            ELSE
                PERFORM refuse_locked(ARRAY(SELECT DISTINCT to_jsonb(o)->>code_column FROM old_rows o));
            END IF;
            RETURN NULL;
        END
        $$
        """,
        // Accepted warnings belong to their record's community.
        """
        CREATE FUNCTION refuse_locked_warnings() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            w jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM evaluation_lock) THEN RETURN NULL; END IF;
            PERFORM refuse_locked(ARRAY(
                SELECT community_code FROM person WHERE w->>'record_table' = 'person' AND id = (w->>'record_id')::bigint
                UNION ALL SELECT community_code FROM service WHERE w->>'record_table' = 'service' AND id = (w->>'record_id')::bigint
                UNION ALL SELECT community_code FROM activity WHERE w->>'record_table' = 'activity' AND id = (w->>'record_id')::bigint));
            RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER accepted_warning_locked AFTER INSERT OR UPDATE OR DELETE ON accepted_warning FOR EACH ROW EXECUTE FUNCTION refuse_locked_warnings()",
        // A new self-assessment of a locked period is refused like any change of it (a 市级考评 row is not one).
        """
        CREATE FUNCTION refuse_locked_submission() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.review_of IS NULL THEN PERFORM refuse_locked(ARRAY[NEW.community_code]); END IF;
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER evaluation_locked BEFORE INSERT ON evaluation FOR EACH ROW EXECUTE FUNCTION refuse_locked_submission()",
    ] + ["person", "service", "activity"].flatMap { table in
        [
            "CREATE TRIGGER \(table)_locked_insert AFTER INSERT ON \(table) REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_locked_records()",
            "CREATE TRIGGER \(table)_locked_update AFTER UPDATE ON \(table) REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_locked_records()",
            "CREATE TRIGGER \(table)_locked_delete AFTER DELETE ON \(table) REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_locked_records()",
        ]
    } + ["community", "checklist_answer"].flatMap { table in
        [
            "CREATE TRIGGER \(table)_locked_insert AFTER INSERT ON \(table) REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_locked_profile()",
            "CREATE TRIGGER \(table)_locked_update AFTER UPDATE ON \(table) REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_locked_profile()",
            "CREATE TRIGGER \(table)_locked_delete AFTER DELETE ON \(table) REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_locked_profile()",
        ]
    }
}
