/// The PostgreSQL schema, in versions. Frozen: a shipped version is never edited, a change is a new version; each
/// is plain SQL and never calls app code, so a district database upgrades the same way whenever it is upgraded.
///
/// Records keep their field text (`fields`, what forms show and the audit compares) with the columns that
/// queries select, sort and join on beside it; each record's score contribution (`facts`, by measure) is computed
/// by `LedgerCore.Contribution` when it is written, and a score sums the active records' contributions.
enum PostgresMigrations {
    static let versions: [(name: String, statements: [String])] = [("v1", v1), ("v2-street-roles", v2), ("v3-kept-totals", v3), ("v4-every-change-audited", v4), ("v5-id-tail", v5), ("v6-evaluation", v6),
                                                                   ("v7-signed-is-final", v7), ("v8-content-held", v8), ("v9-figures-audited", v9),
                                                                   ("v10-sample-reads", v10), ("v11-spot-check-seen", v11),
                                                                   ("v12-other-community-counted", v12)]

    static let v1: [String] = [
        """
        CREATE TABLE community (
            code text PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 30),
            name text NOT NULL,
            street text NOT NULL,
            district text NOT NULL,
            level text NOT NULL CHECK (level IN ('社区', '街道')),
            labour_force integer NOT NULL CHECK (labour_force >= 0),
            period_start text NOT NULL,
            period_end text NOT NULL CHECK (period_end >= period_start),
            leader text,
            phone text,
            version integer NOT NULL DEFAULT 1
        )
        """,
        """
        CREATE TABLE checklist_answer (
            community_code text NOT NULL REFERENCES community(code) ON DELETE CASCADE,
            item_id text NOT NULL,
            points_hundredths integer NOT NULL CHECK (points_hundredths >= 0),
            PRIMARY KEY (community_code, item_id)
        )
        """,
        """
        CREATE TABLE import_batch (
            id bigserial PRIMARY KEY,
            logged timestamptz NOT NULL DEFAULT clock_timestamp(),
            at text NOT NULL,
            operator text NOT NULL,
            community_code text NOT NULL,
            record_table text NOT NULL CHECK (record_table IN ('person', 'service', 'activity')),
            rows integer NOT NULL,
            source text NOT NULL
        )
        """,
        """
        CREATE TABLE person (
            id bigserial PRIMARY KEY,
            community_code text NOT NULL REFERENCES community(code),
            id_number text NOT NULL CHECK (length(id_number) = 18),
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL,
            initials text[] NOT NULL,
            fields jsonb NOT NULL,
            facts jsonb NOT NULL DEFAULT '{}',
            services_in_period integer NOT NULL DEFAULT 0,
            error_count integer NOT NULL DEFAULT 0,
            warning_count integer NOT NULL DEFAULT 0,
            import_batch bigint REFERENCES import_batch(id),
            version integer NOT NULL DEFAULT 1,
            deleted_at text,
            deleted_reason text
        )
        """,
        "CREATE UNIQUE INDEX person_unique_id_number ON person (community_code, id_number) WHERE deleted_at IS NULL",
        "CREATE INDEX person_by_id_number ON person (id_number)",
        "CREATE INDEX person_by_name_key ON person (community_code, name_key, id)",
        """
        CREATE TABLE service (
            id bigserial PRIMARY KEY,
            community_code text NOT NULL REFERENCES community(code),
            person_id bigint NOT NULL REFERENCES person(id),
            id_number text NOT NULL,
            service_date text NOT NULL,
            fields jsonb NOT NULL,
            error_count integer NOT NULL DEFAULT 0,
            warning_count integer NOT NULL DEFAULT 0,
            import_batch bigint REFERENCES import_batch(id),
            version integer NOT NULL DEFAULT 1,
            deleted_at text,
            deleted_reason text
        )
        """,
        "CREATE INDEX service_by_person ON service (person_id, service_date)",
        "CREATE INDEX service_by_community ON service (community_code, service_date)",
        """
        CREATE TABLE activity (
            id bigserial PRIMARY KEY,
            community_code text NOT NULL REFERENCES community(code),
            date text NOT NULL,
            kind text NOT NULL,
            person_id_number text,
            fields jsonb NOT NULL,
            facts jsonb NOT NULL DEFAULT '{}',
            error_count integer NOT NULL DEFAULT 0,
            warning_count integer NOT NULL DEFAULT 0,
            import_batch bigint REFERENCES import_batch(id),
            version integer NOT NULL DEFAULT 1,
            deleted_at text,
            deleted_reason text
        )
        """,
        "CREATE INDEX activity_by_community ON activity (community_code, date)",
        """
        CREATE TABLE accepted_warning (
            record_table text NOT NULL CHECK (record_table IN ('person', 'service', 'activity')),
            record_id bigint NOT NULL,
            code text NOT NULL,
            reason text NOT NULL CHECK (length(btrim(reason)) > 0),
            operator text NOT NULL,
            accepted_at text NOT NULL,
            PRIMARY KEY (record_table, record_id, code)
        )
        """,
        """
        CREATE TABLE audit (
            id bigserial PRIMARY KEY,
            logged timestamptz NOT NULL DEFAULT clock_timestamp(),
            at text NOT NULL,
            operator text NOT NULL,
            community_code text NOT NULL,
            record_table text NOT NULL,
            record_id text NOT NULL,
            action text NOT NULL,
            changes text NOT NULL
        )
        """,
        "CREATE INDEX audit_by_record ON audit (record_table, record_id, id)",
        "CREATE INDEX audit_by_community ON audit (community_code, id)",
        """
        CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit trail is append-only';
        END
        $$
        """,
        """
        CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
            FOR EACH ROW EXECUTE FUNCTION audit_append_only()
        """,
        "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
        """
        CREATE TABLE operator_account (
            name text PRIMARY KEY,
            role text NOT NULL CHECK (role IN ('clerk', 'supervisor')),
            created_at text NOT NULL
        )
        """,
        """
        CREATE TABLE operator_community (
            operator text NOT NULL REFERENCES operator_account(name) ON DELETE CASCADE,
            community_code text NOT NULL REFERENCES community(code),
            PRIMARY KEY (operator, community_code)
        )
        """,
        """
        CREATE TABLE kept_draft (
            operator text NOT NULL,
            slot text NOT NULL,
            content text NOT NULL,
            saved_at text NOT NULL,
            PRIMARY KEY (operator, slot)
        )
        """,
    ]

    /// Street supervisors (read their street's communities) and inspectors (read every community), neither of
    /// whom writes; communities moved in from SQLite ledgers; which street each community is on, in a table without row security, so that a policy can
    /// ask it without reading `community` (whose own policy asks the same question).
    static let v2: [String] = [
        "ALTER TABLE operator_account DROP CONSTRAINT operator_account_role_check",
        """
        ALTER TABLE operator_account ADD CONSTRAINT operator_account_role_check
            CHECK (role IN ('clerk', 'supervisor', 'street_supervisor', 'inspector'))
        """,
        """
        CREATE TABLE operator_street (
            operator text NOT NULL REFERENCES operator_account(name) ON DELETE CASCADE,
            street text NOT NULL CHECK (length(btrim(street)) > 0),
            PRIMARY KEY (operator, street)
        )
        """,
        "CREATE TABLE community_street (code text PRIMARY KEY REFERENCES community(code) ON DELETE CASCADE, street text NOT NULL)",
        "CREATE INDEX community_street_by_street ON community_street (street, code)",
        "INSERT INTO community_street (code, street) SELECT code, street FROM community",
        // A community moved in from a SQLite ledger (`admin migrate`): once, from where, with what.
        """
        CREATE TABLE migrated_community (
            code text PRIMARY KEY REFERENCES community(code),
            source text NOT NULL,
            migrated_at timestamptz NOT NULL DEFAULT now(),
            migrated_by text NOT NULL DEFAULT session_user,
            records integer NOT NULL,
            audit_entries integer NOT NULL
        )
        """,
        // An audit entry copied from that ledger keeps its operator and says where it came from.
        "ALTER TABLE audit ADD COLUMN migrated_from text",
    ]

    /// Each community's figures kept as its records change, so that a score or an overview reads a few rows per
    /// community instead of summing every record (1,000,000 persons). One row per community and measure: the
    /// contributions of its active records (`facts`), its records with open errors (`error_records`) or only
    /// warnings (`warning_records`), and its active records per register (`count.person` …). Statement triggers
    /// with transition tables add each statement's change at once (an import's 10,000 rows in one aggregate); a
    /// transaction first takes its communities' advisory locks in code order, so that two saves in one community
    /// never take the rows of its measures in different orders.
    static let v3: [String] = [
        """
        CREATE TABLE community_total (
            community_code text NOT NULL REFERENCES community(code) ON DELETE CASCADE,
            measure text NOT NULL,
            total bigint NOT NULL,
            PRIMARY KEY (community_code, measure)
        )
        """,
        """
        CREATE FUNCTION record_totals(code text, record_table text, facts jsonb, error_count integer, warning_count integer)
        RETURNS TABLE (community_code text, measure text, total bigint) LANGUAGE sql IMMUTABLE AS $$
            SELECT code, f.key, f.value::bigint FROM jsonb_each_text(CASE WHEN jsonb_typeof(facts) = 'object' THEN facts ELSE '{}' END) f
            UNION ALL SELECT code, 'count.' || record_table, 1
            UNION ALL SELECT code, 'error_records', 1 WHERE error_count > 0
            UNION ALL SELECT code, 'warning_records', 1 WHERE error_count = 0 AND warning_count > 0
        $$
        """,
        """
        CREATE FUNCTION add_totals(changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE code text;
        BEGIN
            FOR code IN SELECT DISTINCT c->>'community_code' FROM jsonb_array_elements(changes) c ORDER BY 1 LOOP
                PERFORM pg_advisory_xact_lock(727004022, hashtext(code));
            END LOOP;
            INSERT INTO community_total (community_code, measure, total)
            SELECT t.community_code, t.measure, sum(t.total * (c->>'sign')::integer)
            FROM jsonb_array_elements(changes) c
            CROSS JOIN LATERAL record_totals(c->>'community_code', c->>'record_table', c->'facts',
                                             (c->>'error_count')::integer, (c->>'warning_count')::integer) t
            GROUP BY t.community_code, t.measure ORDER BY t.community_code, t.measure
            ON CONFLICT (community_code, measure) DO UPDATE SET total = community_total.total + excluded.total;
        END
        $$
        """,
        """
        CREATE FUNCTION keep_totals() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE changes jsonb;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                SELECT jsonb_agg(jsonb_build_object('sign', 1, 'community_code', r.community_code, 'record_table', TG_TABLE_NAME,
                    'facts', to_jsonb(r)->'facts', 'error_count', r.error_count, 'warning_count', r.warning_count))
                INTO changes FROM new_rows r WHERE r.deleted_at IS NULL;
            ELSIF TG_OP = 'UPDATE' THEN
                SELECT jsonb_agg(c) INTO changes FROM (
                    SELECT jsonb_build_object('sign', -1, 'community_code', r.community_code, 'record_table', TG_TABLE_NAME,
                        'facts', to_jsonb(r)->'facts', 'error_count', r.error_count, 'warning_count', r.warning_count) c
                    FROM old_rows r WHERE r.deleted_at IS NULL
                    UNION ALL
                    SELECT jsonb_build_object('sign', 1, 'community_code', r.community_code, 'record_table', TG_TABLE_NAME,
                        'facts', to_jsonb(r)->'facts', 'error_count', r.error_count, 'warning_count', r.warning_count)
                    FROM new_rows r WHERE r.deleted_at IS NULL) changed;
            ELSE
                SELECT jsonb_agg(jsonb_build_object('sign', -1, 'community_code', r.community_code, 'record_table', TG_TABLE_NAME,
                    'facts', to_jsonb(r)->'facts', 'error_count', r.error_count, 'warning_count', r.warning_count))
                INTO changes FROM old_rows r WHERE r.deleted_at IS NULL;
            END IF;
            IF changes IS NOT NULL THEN PERFORM add_totals(changes); END IF;
            RETURN NULL;
        END
        $$
        """,
        // The persons registered under some numbers, in any community: what the "registered in another community"
        // warning asks. Under row-level security a clerk reads only their communities; `admin init` makes this
        // function run as the owner (whose reads the policies admit), so a clerk learns of exactly these numbers.
        """
        CREATE FUNCTION persons_with_id_numbers(numbers text[])
        RETURNS TABLE (id bigint, name text, id_number text, community_code text, community_name text) LANGUAGE sql STABLE AS $$
            SELECT p.id, p.name, p.id_number, p.community_code, c.name FROM person p JOIN community c ON c.code = p.community_code
            WHERE p.id_number = ANY(numbers) AND p.deleted_at IS NULL ORDER BY p.id
        $$
        """,
    ] + ["person", "service", "activity"].flatMap { table in
        [
            "CREATE TRIGGER \(table)_totals_insert AFTER INSERT ON \(table) REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_totals()",
            "CREATE TRIGGER \(table)_totals_update AFTER UPDATE ON \(table) REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_totals()",
            "CREATE TRIGGER \(table)_totals_delete AFTER DELETE ON \(table) REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_totals()",
        ]
    } + [
        // The totals of the records already there.
        """
        INSERT INTO community_total (community_code, measure, total)
        SELECT t.community_code, t.measure, sum(t.total) FROM (
            SELECT community_code, 'person' AS record_table, facts, error_count, warning_count FROM person WHERE deleted_at IS NULL
            UNION ALL SELECT community_code, 'service', NULL, error_count, warning_count FROM service WHERE deleted_at IS NULL
            UNION ALL SELECT community_code, 'activity', facts, error_count, warning_count FROM activity WHERE deleted_at IS NULL
        ) r CROSS JOIN LATERAL record_totals(r.community_code, r.record_table, r.facts, r.error_count, r.warning_count) t
        GROUP BY t.community_code, t.measure
        """,
    ]

    /// No change to a record's content goes unrecorded, whoever makes it and however (the app, or `psql` with a
    /// clerk's login): at commit, a record whose text, deletion or community changed with no audit entry of the same
    /// transaction gets one (`sql`, naming the login, with the change of its fields); so does a community whose
    /// profile or checklist changed so. Changes of derived columns only (figures, counts, versions) are the app's
    /// bookkeeping and are not entries; an imported row is its import's entry. Each entry records its transaction.
    static let v4: [String] = [
        "ALTER TABLE audit ADD COLUMN txid bigint NOT NULL DEFAULT txid_current()",
        "CREATE INDEX audit_by_transaction ON audit (txid)",
        """
        CREATE FUNCTION audit_unrecorded_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
                   AND old_row->'community_code' = new_row->'community_code' THEN RETURN NULL; END IF;
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
    ] + ["person", "service", "activity", "community", "checklist_answer"].map { table in
        """
        CREATE CONSTRAINT TRIGGER \(table)_changes_audited AFTER INSERT OR UPDATE OR DELETE ON \(table)
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_unrecorded_change()
        """
    }

    /// The last four digits of every ID number, kept as a column of their own with an index. Under row-level
    /// security a condition that calls a function not marked leakproof (`right(id_number, 4)`) is evaluated after
    /// the policies, for every row of the community: a search by the last four digits of a 10,000-person community
    /// cost 60–120 ms, all of it in the policy functions. A plain column compared with `=` is tested first (or read
    /// from the index), so the policies run only for the persons it finds.
    ///
    /// And each register in id order within a community, for a register's first pages (sorted by 编号, the default):
    /// without it the server walked the whole table's primary key in id order and dropped the other communities'
    /// rows, about 0.4–0.6 s for a community imported late into a 1,000,000-person district.
    static let v5: [String] = [
        "ALTER TABLE person ADD COLUMN id_tail text GENERATED ALWAYS AS (right(id_number, 4)) STORED",
        "CREATE INDEX person_by_id_tail ON person (community_code, id_tail)",
        "CREATE INDEX person_by_community_id ON person (community_code, id)",
        "CREATE INDEX service_by_community_id ON service (community_code, id)",
        "CREATE INDEX activity_by_community_id ON activity (community_code, id)",
    ]
}
