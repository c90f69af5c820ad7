import LedgerCore
import LedgerStore
import PostgresNIO

/// Roles that hold, applied by the district administrator (`chuangye admin init`): the tables belong to a role
/// that cannot log in, row-level security (forced, so it binds the owner too) lets a login see and change only the
/// rows of the communities `operator_community` gives it (a district supervisor in `operator_account`: all); a
/// street supervisor reads the communities of its streets and an inspector reads all, and neither may change a
/// row (their group is granted SELECT only, and the policies that admit a change ask `may_access`). The audit
/// trail can be appended to but never changed, each entry naming the login that wrote it (`session_user`, set by a
/// `SECURITY DEFINER` trigger whatever the client sends). Plain SQL, as the migrations are; applying it again
/// changes nothing.
public enum PostgresSecurity {
    /// The roles of a ledger: its owner (no login) and the group every clerk's login joins.
    public static func ownerRole(_ location: PostgresLocation) -> String { prefix(location) + "_owner" }
    public static func clerkRole(_ location: PostgresLocation) -> String { prefix(location) + "_clerk" }
    /// The group of the logins that only read (street supervisors, inspectors).
    public static func readerRole(_ location: PostgresLocation) -> String { prefix(location) + "_reader" }

    static func prefix(_ location: PostgresLocation) -> String { location.schema == "public" ? "chuangye" : location.schema }

    /// An SQL identifier, quoted (login names are people's names).
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Tables whose rows belong to a community, by the column that names it.
    static let communityTables = [("community", "code"), ("checklist_answer", "community_code"), ("person", "community_code"),
                                  ("service", "community_code"), ("activity", "community_code"), ("import_batch", "community_code")]

    static func statements(_ location: PostgresLocation, administrator: String) -> [String] {
        let schema = location.schema, owner = ownerRole(location), clerk = clerkRole(location), reader = readerRole(location)
        let allTables = communityTables.map(\.0) + ["accepted_warning", "audit", "kept_draft", "operator_account",
                                                     "operator_community", "operator_street", "community_street", "migrated_community",
                                                     "community_total", "schema_migration", "record_before"] + evaluationTables
        var sql: [String] = [
            "DO $$ BEGIN CREATE ROLE \(identifier(owner)) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "DO $$ BEGIN CREATE ROLE \(identifier(clerk)) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "DO $$ BEGIN CREATE ROLE \(identifier(reader)) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "GRANT \(identifier(owner)) TO CURRENT_USER",
            "ALTER SCHEMA \(identifier(schema)) OWNER TO \(identifier(owner))",
            "REVOKE CREATE ON SCHEMA \(identifier(schema)) FROM PUBLIC",
            "GRANT USAGE ON SCHEMA \(identifier(schema)) TO \(identifier(clerk))",
            "GRANT USAGE ON SCHEMA \(identifier(schema)) TO \(identifier(reader))",
            // The administrator manages operators: a supervisor of every community.
            """
            INSERT INTO operator_account (name, role, created_at) VALUES (\(literal(administrator)), 'supervisor', to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS'))
            ON CONFLICT (name) DO UPDATE SET role = 'supervisor'
            """,
            """
            CREATE OR REPLACE FUNCTION may_access(code text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(identifier(schema)) AS $$
                SELECT EXISTS (SELECT 1 FROM operator_account WHERE name = session_user AND role = 'supervisor')
                    OR EXISTS (SELECT 1 FROM operator_community WHERE operator = session_user AND community_code = code)
            $$
            """,
            // Who may read a community's rows: whoever may change them, an inspector, a city supervisor (市级考评 of
            // any district's candidate), and the supervisor of its street.
            // (`may_read.code`: a bare `code` inside the join would name the column `c.code`, which is always itself.)
            """
            CREATE OR REPLACE FUNCTION may_read(code text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(identifier(schema)) AS $$
                SELECT EXISTS (SELECT 1 FROM operator_account WHERE name = session_user AND role IN ('supervisor', 'inspector', 'city'))
                    OR EXISTS (SELECT 1 FROM operator_community WHERE operator = session_user AND community_code = code)
                    OR EXISTS (SELECT 1 FROM operator_street s JOIN community_street c ON c.street = s.street
                               WHERE s.operator = session_user AND c.code = may_read.code)
            $$
            """,
            // The street of every community, kept beside it for `may_read` (which must not read `community`).
            """
            CREATE OR REPLACE FUNCTION keep_community_street() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = \(identifier(schema)) AS $$
            BEGIN
                INSERT INTO community_street (code, street) VALUES (NEW.code, NEW.street)
                    ON CONFLICT (code) DO UPDATE SET street = excluded.street;
                RETURN NULL;
            END
            $$
            """,
            "DROP TRIGGER IF EXISTS community_street_kept ON community",
            "CREATE TRIGGER community_street_kept AFTER INSERT OR UPDATE OF street ON community FOR EACH ROW EXECUTE FUNCTION keep_community_street()",
            "INSERT INTO community_street (code, street) SELECT code, street FROM community ON CONFLICT (code) DO UPDATE SET street = excluded.street",
            """
            CREATE OR REPLACE FUNCTION is_supervisor() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(identifier(schema)) AS $$
                SELECT EXISTS (SELECT 1 FROM operator_account WHERE name = session_user AND role = 'supervisor')
            $$
            """,
            """
            CREATE OR REPLACE FUNCTION is_city() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(identifier(schema)) AS $$
                SELECT EXISTS (SELECT 1 FROM operator_account WHERE name = session_user AND role = 'city')
            $$
            """,
            """
            CREATE OR REPLACE FUNCTION record_community(record_table text, record_id bigint) RETURNS text LANGUAGE sql STABLE
            SET search_path = \(identifier(schema)) AS $$
                SELECT community_code FROM person WHERE record_table = 'person' AND id = record_id
                UNION ALL SELECT community_code FROM service WHERE record_table = 'service' AND id = record_id
                UNION ALL SELECT community_code FROM activity WHERE record_table = 'activity' AND id = record_id
                LIMIT 1
            $$
            """,
            // Whatever a client sends as the operator and the time, the entry names the login that wrote it and the
            // server's time (and its transaction, which the check for unrecorded changes asks); only an entry a
            // district supervisor copies from a SQLite ledger (`admin migrate`, marked with its source) keeps the
            // operator that ledger recorded.
            """
            CREATE OR REPLACE FUNCTION audit_by_login() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = \(identifier(schema)) AS $$
            DECLARE
                written text;
                mine text;
                record_code text;
                claimed jsonb;
                row_now jsonb;
                row_then jsonb;
                claim record;
                untrue boolean;
            BEGIN
                -- An entry's changes are a JSON object of fields and their old and new values (what the history
                -- and the statistics read).
                BEGIN
                    claimed := NEW.changes::jsonb;
                EXCEPTION WHEN others THEN
                    claimed := NULL;
                END;
                IF claimed IS NULL OR jsonb_typeof(claimed) <> 'object' THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '修改记录的内容格式不对（应为各字段的旧值和新值），未写入';
                END IF;
                -- What the insert policy refuses is refused first, in one message, before anything is looked up
                -- or compared: the comparisons' messages had told a login's guesses of another community's
                -- values from the right ones (the policy is checked only after this trigger).
                IF NOT (may_access(NEW.community_code) OR (NEW.community_code = '' AND is_supervisor())
                        OR (NEW.record_table = 'evaluation' AND is_city() AND may_read(NEW.community_code))) THEN
                    RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied for table audit';
                END IF;
                -- An evaluation's entry names an evaluation of its community (a clerk's entry naming none had made
                -- every login's read of this table fail where the policy casts the id); one a district supervisor
                -- copies from a SQLite ledger names that ledger's evaluation.
                IF NEW.record_table = 'evaluation' AND (NEW.migrated_from IS NULL OR NOT is_supervisor())
                   AND NOT (NEW.record_id ~ '^[0-9]{1,18}$' AND EXISTS (
                        SELECT 1 FROM evaluation v WHERE v.id = NEW.record_id::bigint AND v.community_code = NEW.community_code)) THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '修改记录所指的评选不存在，未写入：' || NEW.record_id;
                END IF;
                -- A clerk's step of the procedure is its submission; the others are a supervisor's (a clerk had added
                -- invented draws and signatures to its own evaluation's history).
                IF NEW.record_table = 'evaluation' AND NEW.action <> 'submit' AND NOT (is_supervisor() OR is_city()) THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '只有督导可以记录评选的这一步，未写入：' || NEW.action;
                END IF;
                IF NEW.migrated_from IS NULL OR NOT is_supervisor() THEN
                    NEW.operator := session_user;
                    NEW.migrated_from := NULL;
                    NEW.at := to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS');
                    -- An entry about a record goes with a change of that record in the same transaction (the row's
                    -- version is this transaction's): a login cannot add invented history to a record it did not
                    -- touch. Only the check for unrecorded changes names a row no longer there ('sql').
                    mine := (pg_current_xact_id()::text::numeric % 4294967296)::text;
                    IF NEW.record_table IN ('person', 'service', 'activity') AND NEW.record_id ~ '^[0-9]{1,18}$' THEN
                        EXECUTE format('SELECT xmin::text, community_code FROM %I WHERE id = $1', NEW.record_table)
                            INTO written, record_code USING NEW.record_id::bigint;
                        -- An entry is filed under its record's community (whose clerks may write it): a record of
                        -- another community, changed by the owner in this transaction (its other-community warning),
                        -- had let a clerk test guesses of its figures against the check of the claimed values.
                        IF record_code IS DISTINCT FROM NEW.community_code AND written IS NOT NULL THEN
                            RAISE EXCEPTION USING ERRCODE = 'CY002',
                                MESSAGE = '修改记录的社区与记录所在的社区不符，未写入：' || NEW.record_table || ' 第' || NEW.record_id || '号记录';
                        END IF;
                    ELSIF NEW.record_table = 'community' THEN
                        -- A profile's entry goes with its row or with one of its checklist answers.
                        SELECT xmin::text INTO written FROM community WHERE code = NEW.record_id;
                        IF written IS DISTINCT FROM mine AND EXISTS (SELECT 1 FROM checklist_answer
                                WHERE community_code = NEW.record_id AND xmin::text = mine) THEN
                            written := mine;
                        END IF;
                    END IF;
                    IF NEW.record_table IN ('person', 'service', 'activity', 'community') AND written IS DISTINCT FROM mine
                       AND NOT (written IS NULL AND NEW.action = 'sql') THEN
                        RAISE EXCEPTION USING ERRCODE = 'CY002',
                            MESSAGE = '修改记录只能随记录本身的修改一起写入：' || NEW.record_table || ' 第' || NEW.record_id || '号记录在本次操作中没有改动';
                    END IF;
                    -- What an entry says changed is what did: each field's old value is the record's before this
                    -- transaction's first change of its content (record_before, v8), its new value the record's now,
                    -- and a recount's figures are the record's now. An update that changed nothing has nothing to say.
                    -- A register's entry is one of the app's steps on a record (a label such as evaluate_sign there
                    -- had shown in the history as if the app had written it).
                    IF NEW.record_table IN ('person', 'service', 'activity')
                       AND NEW.action NOT IN ('insert', 'update', 'undo', 'delete', 'restore', 'accept', 'recount', 'sql') THEN
                        RAISE EXCEPTION USING ERRCODE = 'CY002',
                            MESSAGE = '修改记录的类型“' || NEW.action || '”不是台账记录的操作，未写入';
                    END IF;
                    IF NEW.record_table IN ('person', 'service', 'activity') AND NEW.record_id ~ '^[0-9]{1,18}$' AND NEW.action <> 'sql' THEN
                        EXECUTE format('SELECT to_jsonb(r) FROM %I r WHERE id = $1', NEW.record_table) INTO row_now USING NEW.record_id::bigint;
                        IF NEW.action = 'insert' THEN
                            row_then := '{}';
                        ELSE
                            SELECT b.row_before INTO row_then FROM record_before b
                            WHERE b.txid = txid_current() AND b.record_table = NEW.record_table AND b.record_id = NEW.record_id::bigint;
                        END IF;
                        FOR claim IN SELECT key, value FROM jsonb_each(claimed) WHERE key NOT LIKE 'accepted\\_warning.%' LOOP
                            -- (An IF's condition ends at its first THEN: the CASE is computed apart.)
                            untrue := jsonb_typeof(claim.value) <> 'array' OR CASE
                                WHEN NEW.action = 'recount' AND claim.key = 'facts' THEN claim.value->>1 IS DISTINCT FROM (row_now->'facts')::text
                                WHEN NEW.action = 'recount' AND claim.key = 'services_in_period' THEN claim.value->>1 IS DISTINCT FROM row_now->>'services_in_period'
                                WHEN row_then IS NULL THEN true
                                WHEN claim.key = 'deleted_reason' THEN claim.value->>0 IS DISTINCT FROM row_then->>'deleted_reason'
                                    OR claim.value->>1 IS DISTINCT FROM row_now->>'deleted_reason'
                                ELSE claim.value->>0 IS DISTINCT FROM row_then->'fields'->>claim.key
                                    OR claim.value->>1 IS DISTINCT FROM row_now->'fields'->>claim.key END;
                            IF untrue THEN
                                RAISE EXCEPTION USING ERRCODE = 'CY002',
                                    MESSAGE = '修改记录与记录的实际改动不符，未写入：' || NEW.record_table || ' 第' || NEW.record_id
                                        || '号记录的“' || claim.key || '”在本次操作中不是这样改的';
                            END IF;
                        END LOOP;
                    END IF;
                END IF;
                NEW.txid := txid_current();
                RETURN NEW;
            END
            $$
            """,
            "DROP TRIGGER IF EXISTS audit_operator_is_login ON audit",
            "CREATE TRIGGER audit_operator_is_login BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_by_login()",
            // A profile's street, district, level and period are the district's (ProfileRights): whatever SQL a
            // clerk's login sends, in the app's words.
            """
            CREATE OR REPLACE FUNCTION community_profile_rights() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                changed text[] := ARRAY[]::text[];
            BEGIN
                IF NEW.street IS DISTINCT FROM OLD.street THEN changed := array_append(changed, '\(ProfileEdit.Field.street.rawValue)'::text); END IF;
                IF NEW.district IS DISTINCT FROM OLD.district THEN changed := array_append(changed, '\(ProfileEdit.Field.district.rawValue)'::text); END IF;
                IF NEW.level IS DISTINCT FROM OLD.level THEN changed := array_append(changed, '\(ProfileEdit.Field.level.rawValue)'::text); END IF;
                IF (NEW.period_start, NEW.period_end) IS DISTINCT FROM (OLD.period_start, OLD.period_end) THEN
                    changed := array_append(changed, '\(ProfileEdit.Field.period.rawValue)'::text);
                END IF;
                IF cardinality(changed) > 0 AND NOT is_supervisor() THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = replace(replace(\(literal(ProfileRights.refusal(["%FIELDS%"], operatorName: "%LOGIN%"))),
                        '%FIELDS%', array_to_string(changed, '、')), '%LOGIN%', session_user);
                END IF;
                RETURN NEW;
            END
            $$
            """,
            "DROP TRIGGER IF EXISTS community_profile_rights ON community",
            "CREATE TRIGGER community_profile_rights BEFORE UPDATE ON community FOR EACH ROW EXECUTE FUNCTION community_profile_rights()",
        ]
        for table in allTables {
            sql.append("ALTER TABLE \(table) OWNER TO \(identifier(owner))")
        }
        for function in ["may_access(text)", "may_read(text)", "keep_community_street()", "is_supervisor()", "is_city()", "record_community(text, bigint)",
                         "audit_by_login()", "audit_append_only()", "record_totals(text, text, jsonb, integer, integer)", "add_totals(jsonb)",
                         "keep_totals()", "audit_unrecorded_change()", "community_profile_rights()", "copied_columns_agree()",
                         "remember_record_before()", "clear_record_before()", "changes_object(text)",
                         "other_community_warned(person)", "refresh_other_community_warnings(text[])"] + evaluationFunctions {
            sql.append("ALTER FUNCTION \(function) OWNER TO \(identifier(owner))")
        }
        // The kept totals are written only by the totals triggers, as the owner: a login may read its communities'
        // totals and change none (the table's policies bind every login; its owner, not forced, writes).
        sql += [
            "ALTER FUNCTION keep_totals() SECURITY DEFINER SET search_path = \(identifier(schema))",
            // The entry for a change made without one is written as the owner (a login may have no right to insert
            // it, e.g. a change the policies let through on a table it reaches only through a function).
            "ALTER FUNCTION audit_unrecorded_change() SECURITY DEFINER SET search_path = \(identifier(schema))",
            // Each record's state before its first change is kept as the owner, in a table no login may touch.
            "ALTER FUNCTION remember_record_before() SECURITY DEFINER SET search_path = \(identifier(schema))",
            "ALTER FUNCTION clear_record_before() SECURITY DEFINER SET search_path = \(identifier(schema))",
            "REVOKE ALL ON record_before FROM PUBLIC",
            // A save changes the other-community warning of the same numbers in communities the clerk's login cannot
            // change: the database does it, as the owner, and only that (the owner may update a person only inside
            // the functions it owns; no login can become it).
            "ALTER FUNCTION refresh_other_community_warnings(text[]) SECURITY DEFINER",
            "ALTER FUNCTION add_totals(jsonb) SET search_path = \(identifier(schema))",
            "REVOKE EXECUTE ON FUNCTION add_totals(jsonb), record_totals(text, text, jsonb, integer, integer) FROM PUBLIC",
            "ALTER TABLE community_total ENABLE ROW LEVEL SECURITY",
            "DROP POLICY IF EXISTS readable ON community_total",
            "CREATE POLICY readable ON community_total FOR SELECT USING (may_read(community_code))",
            "GRANT SELECT ON community_total TO \(identifier(clerk)), \(identifier(reader))",
        ]
        for (table, column) in communityTables {
            sql += [
                "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY",
                "DROP POLICY IF EXISTS own_communities ON \(table)",
                "DROP POLICY IF EXISTS readable ON \(table)",
                // The owner reads everything: only inside the functions it owns (a login cannot become it).
                "CREATE POLICY readable ON \(table) FOR SELECT USING (may_read(\(column)) OR current_user = \(literal(owner)))",
                "CREATE POLICY own_communities ON \(table) FOR ALL USING (may_access(\(column))) WITH CHECK (may_access(\(column)))",
                "DROP POLICY IF EXISTS owner_updates ON \(table)",
                "GRANT SELECT, INSERT, UPDATE ON \(table) TO \(identifier(clerk))",
                "GRANT SELECT ON \(table) TO \(identifier(reader))",
            ]
        }
        sql += [
            """
            CREATE POLICY owner_updates ON person FOR UPDATE USING (current_user = \(literal(owner))) WITH CHECK (current_user = \(literal(owner)))
            """,
        ]
        sql += evaluationStatements(location)
        sql += [
            "ALTER TABLE accepted_warning ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE accepted_warning FORCE ROW LEVEL SECURITY",
            "DROP POLICY IF EXISTS own_communities ON accepted_warning",
            """
            CREATE POLICY own_communities ON accepted_warning USING (may_access(record_community(record_table, record_id)))
                WITH CHECK (may_access(record_community(record_table, record_id)))
            """,
            "DROP POLICY IF EXISTS readable ON accepted_warning",
            // (The owner reads them inside its functions: whether another community's person accepted its warning.)
            """
            CREATE POLICY readable ON accepted_warning FOR SELECT
                USING (may_read(record_community(record_table, record_id)) OR current_user = \(literal(owner)))
            """,
            "GRANT SELECT, INSERT, UPDATE ON accepted_warning TO \(identifier(clerk))",
            "GRANT SELECT ON accepted_warning TO \(identifier(reader))",
            "ALTER TABLE kept_draft ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE kept_draft FORCE ROW LEVEL SECURITY",
            "DROP POLICY IF EXISTS own_drafts ON kept_draft",
            "CREATE POLICY own_drafts ON kept_draft USING (operator = session_user) WITH CHECK (operator = session_user)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON kept_draft TO \(identifier(clerk))",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON kept_draft TO \(identifier(reader))",
            // The audit trail: read and appended within one's communities (operator changes by supervisors only);
            // no UPDATE, DELETE or TRUNCATE is granted to anyone, and the append-only triggers refuse them anyway.
            "ALTER TABLE audit ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE audit FORCE ROW LEVEL SECURITY",
            "DROP POLICY IF EXISTS read_own ON audit",
            "DROP POLICY IF EXISTS append_own ON audit",
            "CREATE POLICY read_own ON audit FOR SELECT USING ((may_read(community_code) OR (community_code = '' AND is_supervisor())) AND \(auditEntryDisclosed))",
            // A city supervisor writes no register but audits its steps of the 市级考评 in the community reviewed.
            """
            CREATE POLICY append_own ON audit FOR INSERT WITH CHECK (may_access(community_code) OR (community_code = '' AND is_supervisor())
                OR (record_table = 'evaluation' AND is_city() AND may_read(community_code)))
            """,
            "REVOKE ALL ON audit FROM PUBLIC",
            "GRANT SELECT, INSERT ON audit TO \(identifier(clerk))",
            "GRANT SELECT ON operator_account, operator_community, operator_street, schema_migration TO \(identifier(clerk))",
            "GRANT SELECT ON audit, operator_account, operator_community, operator_street, schema_migration TO \(identifier(reader))",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(identifier(schema)) TO \(identifier(clerk))",
            "GRANT USAGE, SELECT ON SEQUENCE entry_event_id_seq TO \(identifier(reader))",
        ]
        // After the grant of every sequence: the look-up counters are no login's.
        sql += PostgresIdLookupBudget.statements(location)
        sql += turnStatements(location)
        // Every function of the ledger finds its tables in the ledger's schema, never first among a session's
        // temporary tables (pg_temp, searched first unless named): a login's temporary `operator_account` had made
        // it a supervisor inside the functions that run as the owner, and a temporary `evaluation_lock` had hidden
        // the lock from the triggers that run as the login.
        sql.append("""
            DO $$ DECLARE f regprocedure; BEGIN
                FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                         WHERE p.pronamespace = \(literal(schema))::regnamespace AND p.prokind = 'f' LOOP
                    EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, \(literal(schema)));
                END LOOP;
            END $$
            """)
        return sql
    }

    /// Creates the schema (or brings it up to date) and applies the roles, grants and policies. Run by the
    /// district administrator's login, which must be allowed to create roles; it becomes a supervisor.
    public static func initialize(_ location: PostgresLocation) async throws {
        try await PostgresLedger(location: location, operatorName: location.user).migrate()
        try await PostgresAdministration.execute(["BEGIN"] + statements(location, administrator: location.user) + ["COMMIT"], at: location)
    }

    /// Creates (or updates) an operator's login: a clerk of `communities`, a street supervisor of `streets`, a
    /// district supervisor or an inspector. The login joins the group its role writes or reads with (and leaves the
    /// other, so a changed role takes effect at once). `password` nil: the login authenticates as the server's
    /// pg_hba.conf says (peer, certificate), or the administrator sets one with psql's \\password.
    public static func addOperator(_ name: String, role: OperatorAccount.Role, communities: [String] = [], streets: [String] = [],
                                   password: String?, at location: PostgresLocation) async throws {
        let roleName = identifier(name)
        // A city supervisor changes no register (no community is given to it) but writes its 市级考评.
        let writes = role == .clerk || role == .supervisor || role == .city
        let (joined, left) = writes ? (clerkRole(location), readerRole(location)) : (readerRole(location), clerkRole(location))
        try await requireKnown(communities: role == .clerk ? communities : [], streets: role == .streetSupervisor ? streets : [], at: location)
        var sql = [
            "BEGIN",
            "DO $$ BEGIN CREATE ROLE \(roleName) LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "GRANT \(identifier(joined)) TO \(roleName)",
            "REVOKE \(identifier(left)) FROM \(roleName)",
            """
            INSERT INTO operator_account (name, role, created_at) VALUES (\(literal(name)), \(literal(role.rawValue)), to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS'))
            ON CONFLICT (name) DO UPDATE SET role = excluded.role
            """,
            "DELETE FROM operator_community WHERE operator = \(literal(name))",
            "DELETE FROM operator_street WHERE operator = \(literal(name))",
        ]
        if let password { sql.append("ALTER ROLE \(roleName) PASSWORD \(literal(password))") }
        if role == .clerk {
            for code in communities {
                sql.append("INSERT INTO operator_community (operator, community_code) VALUES (\(literal(name)), \(literal(code)))")
            }
            sql.append(PostgresIdLookupBudget.counterForEach("SELECT \(literal(name))", location))
        }
        if role == .streetSupervisor {
            for street in streets {
                sql.append("INSERT INTO operator_street (operator, street) VALUES (\(literal(name)), \(literal(street)))")
            }
        }
        sql.append("COMMIT")
        try await PostgresAdministration.execute(sql, at: location)
    }

    /// A clerk of a community not in the ledger, or a street no community is on, is most likely a typing mistake:
    /// refused, naming what exists.
    static func requireKnown(communities: [String], streets: [String], at location: PostgresLocation) async throws {
        if !communities.isEmpty {
            let known = Set(try await PostgresAdministration.rows("SELECT code FROM community", at: location).compactMap { $0.first ?? nil })
            if let unknown = communities.first(where: { !known.contains($0) }) {
                throw StoreError("找不到社区代码为\(unknown)的社区：请先建立该社区（chuangye init 或导入社区档案）")
            }
        }
        if !streets.isEmpty {
            let known = try await PostgresAdministration.rows("SELECT DISTINCT street FROM community ORDER BY street", at: location)
                .compactMap { $0.first ?? nil }
            if let unknown = streets.first(where: { !known.contains($0) }) {
                let listed = known.isEmpty ? "还没有任何社区" : "已有街道：" + known.joined(separator: "、")
                throw StoreError("没有社区属于街道“\(unknown)”（\(listed)）：请检查街道名称")
            }
        }
    }

    /// A record's id never changes (a row given a new id escaped the count of numbers written, and the history names
    /// records by id), and the writes of a community's totals take turns on its row of a table no login reaches:
    /// the advisory lock they took had a key any login could hold, and so stop a community's saves.
    static func turnStatements(_ location: PostgresLocation) -> [String] {
        let owner = identifier(ownerRole(location))
        return [
            """
            CREATE OR REPLACE FUNCTION record_id_kept() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.id IS DISTINCT FROM OLD.id THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '记录编号不能修改：' || TG_TABLE_NAME || ' 第' || OLD.id || '号记录';
                END IF;
                RETURN NEW;
            END
            $$
            """,
            "ALTER FUNCTION record_id_kept() OWNER TO \(owner)",
        ] + ["person", "service", "activity"].flatMap { table in
            ["DROP TRIGGER IF EXISTS \(table)_id_kept ON \(table)",
             "CREATE TRIGGER \(table)_id_kept BEFORE UPDATE OF id ON \(table) FOR EACH ROW EXECUTE FUNCTION record_id_kept()"]
        } + [
            "CREATE TABLE IF NOT EXISTS totals_turn (community_code text PRIMARY KEY)",
            "ALTER TABLE totals_turn OWNER TO \(owner)",
            "REVOKE ALL ON totals_turn FROM PUBLIC",
            // v3's function with its turns taken on rows (in the communities' order, as before, so that two
            // writes of several communities do not wait for each other crosswise).
            """
            CREATE OR REPLACE FUNCTION add_totals(changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE code text;
            BEGIN
                FOR code IN SELECT DISTINCT c->>'community_code' FROM jsonb_array_elements(changes) c ORDER BY 1 LOOP
                    INSERT INTO totals_turn (community_code) VALUES (code) ON CONFLICT DO NOTHING;
                    PERFORM 1 FROM totals_turn WHERE community_code = code FOR UPDATE;
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
            "REVOKE EXECUTE ON FUNCTION add_totals(jsonb) FROM PUBLIC",
            // A save that refreshes another community's warning holds that community's turn until it commits: one
            // held open (a clerk's psql) makes the other community's saves fail after a while, not hang.
            "ALTER FUNCTION add_totals(jsonb) SET lock_timeout = '10s'",
        ]
    }
}
