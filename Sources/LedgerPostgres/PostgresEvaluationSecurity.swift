import LedgerCore
import LedgerStore

/// Who may do what in the evaluation procedure, held by the database as the SQLite engine's app checks hold it
/// (`AppDatabase.requireRole`): a community's clerk (or a district supervisor) submits its 自评; only a district
/// supervisor adjusts, draws, records checks, signs, unlocks and recommends the 初评; only a city supervisor does
/// the 市级考评's steps and, once it signed, unlocks; street supervisors and inspectors read. Whatever SQL a login
/// sends: every evaluation table's rows are read through `may_read` of their community, submissions are written
/// through `may_access`, every other step is refused by a statement guard (in Chinese) unless the login is a
/// supervisor of either level, and then narrowed by policies to its stage. The lock itself is the migration's
/// (`refuse_locked`, PostgresMigrationsEvaluation.swift), run as the owner here so that it sees every lock.
extension PostgresSecurity {
    static let evaluationTables = ["evaluation", "evaluation_item", "evaluation_adjustment", "spot_check", "evaluation_lock", "entry_event"]

    /// The migration's functions, owned by the owner role like the others.
    static let evaluationFunctions = ["evaluation_item_frozen()", "entry_event_append_only()", "refuse_locked(text[])", "refuse_locked_records()",
                                      "refuse_locked_profile()", "refuse_locked_warnings()", "refuse_locked_submission()"] + signedIsFinalFunctions

    /// v7's functions: they read every lock and evaluation and write the audit entry, as the owner.
    static let signedIsFinalFunctions = ["shown_time(text)", "refuse_signed(bigint, text)", "evaluation_final()", "evaluation_adjustment_final()",
                                         "spot_check_final()", "evaluation_lock_final()", "evaluation_unlock_audited()",
                                         "audit_unrecorded_evaluation_change()"]

    static func evaluationStatements(_ location: PostgresLocation) -> [String] {
        let schema = identifier(location.schema), owner = identifier(ownerRole(location)), ownerName = literal(ownerRole(location))
        let clerk = identifier(clerkRole(location)), reader = identifier(readerRole(location))
        var sql: [String] = [
            // The lock is looked up as the owner: it must see every lock and community, whoever writes.
            "ALTER FUNCTION refuse_locked(text[]) SECURITY DEFINER SET search_path = \(schema)",
        ] + signedIsFinalFunctions.filter { $0 != "shown_time(text)" }.map {
            "ALTER FUNCTION \($0) SECURITY DEFINER SET search_path = \(schema)"
        } + [
            """
            CREATE OR REPLACE FUNCTION evaluation_community(evaluation_id bigint) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(schema) AS $$
                SELECT community_code FROM evaluation WHERE id = evaluation_community.evaluation_id
            $$
            """,
            // A step of an evaluation's stage: the district's 初评 by a district supervisor, a 市级考评 by a city one.
            """
            CREATE OR REPLACE FUNCTION may_evaluate(evaluation_id bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(schema) AS $$
                SELECT EXISTS (SELECT 1 FROM evaluation e WHERE e.id = may_evaluate.evaluation_id
                               AND ((e.review_of IS NULL AND is_supervisor()) OR (e.review_of IS NOT NULL AND is_city())))
            $$
            """,
            // Items are added to a submission while it is being made: by whoever may change the community, before
            // a supervisor has begun its 初评 or signed it; a 市级考评's copy of the items by the city supervisor.
            """
            CREATE OR REPLACE FUNCTION may_add_items(evaluation_id bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(schema) AS $$
                SELECT EXISTS (SELECT 1 FROM evaluation e WHERE e.id = may_add_items.evaluation_id AND (
                    (e.review_of IS NULL AND may_access(e.community_code)
                        AND NOT EXISTS (SELECT 1 FROM spot_check s WHERE s.evaluation_id = e.id)
                        AND NOT EXISTS (SELECT 1 FROM evaluation_adjustment a WHERE a.evaluation_id = e.id)
                        AND NOT EXISTS (SELECT 1 FROM evaluation_lock l WHERE l.evaluation_id = e.id))
                    OR (e.review_of IS NOT NULL AND is_city())))
            $$
            """,
            // Adjusting, drawing, checking, signing, unlocking, recommending: a supervisor's (the SQLite engine's
            // message for a clerk who tries).
            """
            CREATE OR REPLACE FUNCTION evaluation_steps_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = \(schema) AS $$
            BEGIN
                IF NOT (is_supervisor() OR is_city()) THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002',
                        MESSAGE = '只有督导可以初评改分、抽样、记录抽查结果、签署、解锁或推荐，' || session_user || '不是督导';
                END IF;
                RETURN NULL;
            END
            $$
            """,
            // A submission names its login; a clerk's carries no step of a supervisor and does not set aside a 初评
            // already begun (a new draw could otherwise be had by submitting again).
            """
            CREATE OR REPLACE FUNCTION evaluation_submission_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = \(schema) AS $$
            BEGIN
                NEW.submitted_by := session_user;
                IF is_supervisor() OR is_city() THEN RETURN NEW; END IF;
                IF NEW.review_of IS NOT NULL OR NEW.sample_seed IS NOT NULL OR NEW.sample_size IS NOT NULL OR NEW.sample_strata IS NOT NULL
                   OR NEW.drawn_by IS NOT NULL OR NEW.drawn_at IS NOT NULL OR NEW.service_sample_size IS NOT NULL
                   OR NEW.service_strata IS NOT NULL OR NEW.recommended_by IS NOT NULL OR NEW.recommended_at IS NOT NULL
                   OR NEW.signed_by IS NOT NULL OR NEW.signed_at IS NOT NULL THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '自评只能由社区提交，抽样、推荐和签署只有督导可以做，' || session_user || '不是督导';
                END IF;
                IF EXISTS (SELECT 1 FROM evaluation e
                           WHERE e.id = (SELECT max(x.id) FROM evaluation x WHERE x.community_code = NEW.community_code
                                         AND x.period_start = NEW.period_start AND x.period_end = NEW.period_end AND x.review_of IS NULL)
                             AND (EXISTS (SELECT 1 FROM spot_check s WHERE s.evaluation_id = e.id)
                                  OR EXISTS (SELECT 1 FROM evaluation_adjustment a WHERE a.evaluation_id = e.id))) THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002',
                        MESSAGE = '只有督导可以在初评开始后（已抽样或已改分）重新提交自评，' || session_user || '不是督导';
                END IF;
                RETURN NEW;
            END
            $$
            """,
            "DROP TRIGGER IF EXISTS evaluation_submitted_by_login ON evaluation",
            "CREATE TRIGGER evaluation_submitted_by_login BEFORE INSERT ON evaluation FOR EACH ROW EXECUTE FUNCTION evaluation_submission_guard()",
            "DROP TRIGGER IF EXISTS evaluation_steps_guard ON evaluation",
            "CREATE TRIGGER evaluation_steps_guard BEFORE UPDATE OR DELETE ON evaluation FOR EACH STATEMENT EXECUTE FUNCTION evaluation_steps_guard()",
        ]
        for table in ["evaluation_adjustment", "spot_check", "evaluation_lock"] {
            sql += [
                "DROP TRIGGER IF EXISTS \(table)_steps_guard ON \(table)",
                "CREATE TRIGGER \(table)_steps_guard BEFORE INSERT OR UPDATE OR DELETE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION evaluation_steps_guard()",
            ]
        }
        // Who drew, checked, adjusted, signed, locked or recommended is the login that wrote it, whatever name the
        // SQL gives (the app writes the login's name; a supervisor's psql could have written another person's).
        sql.append("""
            CREATE OR REPLACE FUNCTION signer_is_login() RETURNS trigger LANGUAGE plpgsql SET search_path = \(schema) AS $$
            DECLARE
                new_row jsonb := to_jsonb(NEW);
                old_row jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
                named jsonb := '{}';
                who text;
                at text;
            BEGIN
                -- The trigger's arguments: pairs of a name column and the time column written with it.
                FOR i IN 0 .. TG_NARGS / 2 - 1 LOOP
                    who := TG_ARGV[2 * i];
                    at := TG_ARGV[2 * i + 1];
                    IF new_row->>who IS NOT NULL AND new_row->>who <> session_user
                       AND (old_row IS NULL OR new_row->who IS DISTINCT FROM old_row->who OR new_row->at IS DISTINCT FROM old_row->at) THEN
                        named := named || jsonb_build_object(who, session_user);
                    END IF;
                END LOOP;
                IF named <> '{}' THEN NEW := jsonb_populate_record(NEW, named); END IF;
                RETURN NEW;
            END
            $$
            """)
        let signers: [(table: String, pairs: [String])] = [
            ("evaluation", ["drawn_by", "drawn_at", "recommended_by", "recommended_at", "signed_by", "signed_at"]),
            ("evaluation_adjustment", ["adjusted_by", "adjusted_at"]),
            ("spot_check", ["checked_by", "checked_at"]),
            ("evaluation_lock", ["locked_by", "locked_at"]),
        ]
        for (table, pairs) in signers {
            sql += [
                "DROP TRIGGER IF EXISTS \(table)_signer_is_login ON \(table)",
                "CREATE TRIGGER \(table)_signer_is_login BEFORE INSERT OR UPDATE ON \(table) FOR EACH ROW EXECUTE FUNCTION signer_is_login("
                    + pairs.map { "'\($0)'" }.joined(separator: ", ") + ")",
            ]
        }
        // A stage is signed only once its sample was drawn and every sampled record checked, whatever SQL signs it
        // (the district's signature is its lock; the city's, the signed review): the app's rule and words.
        func unchecked(_ stage: EvaluationStage) -> String {
            let words = SignOffReadiness.unchecked("\u{1}", stage).split(separator: "\u{1}", omittingEmptySubsequences: false)
            return literal(String(words[0])) + " || open || " + literal(String(words[1]))
        }
        sql += [
            """
            CREATE OR REPLACE FUNCTION signed_only_when_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = \(schema) AS $$
            DECLARE
                signed_id bigint;
                drawn integer;
                open integer;
                city boolean := TG_TABLE_NAME = 'evaluation';
            BEGIN
                IF city THEN
                    IF NEW.review_of IS NULL OR NEW.signed_by IS NULL OR (TG_OP = 'UPDATE' AND OLD.signed_by IS NOT NULL) THEN
                        RETURN NEW;
                    END IF;
                    signed_id := NEW.id;
                ELSE
                    signed_id := NEW.evaluation_id;
                END IF;
                SELECT count(*), count(*) FILTER (WHERE s.result IS NULL) INTO drawn, open FROM spot_check s WHERE s.evaluation_id = signed_id;
                IF drawn = 0 THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = CASE WHEN city THEN \(literal(SignOffReadiness.notDrawn(.city)))
                        ELSE \(literal(SignOffReadiness.notDrawn(.district))) END;
                END IF;
                IF open > 0 THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = CASE WHEN city THEN \(unchecked(.city)) ELSE \(unchecked(.district)) END;
                END IF;
                RETURN NEW;
            END
            $$
            """,
            "DROP TRIGGER IF EXISTS evaluation_lock_signed_when_checked ON evaluation_lock",
            "CREATE TRIGGER evaluation_lock_signed_when_checked BEFORE INSERT ON evaluation_lock FOR EACH ROW EXECUTE FUNCTION signed_only_when_checked()",
            "DROP TRIGGER IF EXISTS evaluation_signed_when_checked ON evaluation",
            "CREATE TRIGGER evaluation_signed_when_checked BEFORE INSERT OR UPDATE ON evaluation FOR EACH ROW EXECUTE FUNCTION signed_only_when_checked()",
        ]
        for function in ["evaluation_community(bigint)", "may_evaluate(bigint)", "may_add_items(bigint)", "evaluation_steps_guard()",
                         "evaluation_submission_guard()", "signer_is_login()", "signed_only_when_checked()"] {
            sql.append("ALTER FUNCTION \(function) OWNER TO \(owner)")
        }
        sql += sampleSecrecyFunctions(location)
        // Rows readable through their community (the owner reads all, inside the functions it owns).
        let readable: [(String, String)] = [
            ("evaluation", "may_read(community_code)"), ("evaluation_lock", "may_read(community_code)"),
            ("evaluation_item", "may_read(evaluation_community(evaluation_id))"),
            ("evaluation_adjustment", "may_read(evaluation_community(evaluation_id))"),
            ("spot_check", spotCheckReadable),
        ]
        for (table, condition) in readable {
            sql += [
                "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY",
                "DROP POLICY IF EXISTS readable ON \(table)",
                "CREATE POLICY readable ON \(table) FOR SELECT USING (\(condition) OR current_user = \(ownerName))",
                "REVOKE ALL ON \(table) FROM PUBLIC",
                "GRANT SELECT ON \(table) TO \(reader)",
            ]
        }
        let stageOf = "((review_of IS NULL AND is_supervisor()) OR (review_of IS NOT NULL AND is_city()))"
        let policies: [(table: String, name: String, policy: String)] = [
            ("evaluation", "submit", "FOR INSERT WITH CHECK ((review_of IS NULL AND may_access(community_code)) OR (review_of IS NOT NULL AND is_city()))"),
            ("evaluation", "steps", "FOR UPDATE USING \(stageOf) WITH CHECK \(stageOf)"),
            ("evaluation_item", "submit", "FOR INSERT WITH CHECK (may_add_items(evaluation_id))"),
            ("evaluation_adjustment", "steps", "FOR ALL USING (may_evaluate(evaluation_id)) WITH CHECK (may_evaluate(evaluation_id))"),
            ("spot_check", "steps", "FOR ALL USING (may_evaluate(evaluation_id)) WITH CHECK (may_evaluate(evaluation_id))"),
            ("evaluation_lock", "sign", "FOR INSERT WITH CHECK (is_supervisor())"),
            // Once the city signed its review, only a city supervisor lifts the district's lock.
            ("evaluation_lock", "unlock", """
                FOR DELETE USING (is_city() OR (is_supervisor() AND NOT EXISTS (
                    SELECT 1 FROM evaluation r WHERE r.review_of = evaluation_lock.evaluation_id AND r.signed_by IS NOT NULL)))
                """),
        ]
        for (table, name, policy) in policies {
            sql += ["DROP POLICY IF EXISTS \(name) ON \(table)", "CREATE POLICY \(name) ON \(table) \(policy)"]
        }
        sql += [
            "GRANT SELECT, INSERT, UPDATE ON evaluation TO \(clerk)",
            "GRANT SELECT, INSERT ON evaluation_item TO \(clerk)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON evaluation_adjustment, spot_check TO \(clerk)",
            "GRANT SELECT, INSERT, DELETE ON evaluation_lock TO \(clerk)",
        ] + seedWithheld(location) + [
            // Entry events: each login appends its own and reads its own; a district supervisor reads everyone's.
            "ALTER TABLE entry_event ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE entry_event FORCE ROW LEVEL SECURITY",
            "DROP POLICY IF EXISTS own_events ON entry_event",
            "DROP POLICY IF EXISTS append_own ON entry_event",
            "CREATE POLICY own_events ON entry_event FOR SELECT USING (operator = session_user OR is_supervisor())",
            "CREATE POLICY append_own ON entry_event FOR INSERT WITH CHECK (operator = session_user AND may_read(community_code))",
            "REVOKE ALL ON entry_event FROM PUBLIC",
            "GRANT SELECT, INSERT ON entry_event TO \(clerk), \(reader)",
        ]
        return sql
    }
}
