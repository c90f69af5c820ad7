extension PostgresMigrations {
    /// What a signature covers is final in the database, whoever sends the SQL (v6 checked who may take a step, not
    /// what a step may change afterwards: a supervisor's login could rewrite the results of a signed spot check):
    /// - a submission's identity (community, period, rubric, who submitted it and when, the checksum and marks,
    ///   the 初评 it reviews) never changes, and no evaluation row is deleted;
    /// - the draw is made once (its seed, sizes, strata, who and when), its list is never changed nor shortened,
    ///   and no row is added to a drawn list;
    /// - a recommendation is made once; a signed stage's adjustments and spot-check results are final;
    /// - the district's signature (its lock row) is never rewritten, and lifting it (unlock) needs an entry of the
    ///   same transaction with a reason, written before (the app's unlock writes it); the city's signature is set once and lifted
    ///   only with the district's lock, by the city's unlock;
    /// - any other change of the evaluation tables made without an entry of the app's steps is audited at commit
    ///   (`直接改库`, the login, the changed columns), as v4 does for the registers.
    /// Refusals are in Chinese (SQLSTATE CY002, which the engine reports as the server's sentence). Frozen.
    static let v7: [String] = [
        // A stored time as people read it (TimeText.shown): `2026-12-06 21:09`.
        """
        CREATE FUNCTION shown_time(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN t ~ '^[^T]{10}T.{5}' THEN left(t, 10) || ' ' || substr(t, 12, 5) ELSE COALESCE(t, '') END
        $$
        """,
        // Refuses a change of `what` when the evaluation's stage is signed: the district's 初评 by its lock row, a
        // 市级考评 by its own signature. Names who signed, when, and who may unlock.
        """
        CREATE FUNCTION refuse_signed(evaluation_id bigint, what text) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            s record;
        BEGIN
            SELECT e.review_of IS NOT NULL AS city, COALESCE(l.locked_by, e.signed_by) AS signed_by,
                   COALESCE(l.locked_at, e.signed_at) AS signed_at,
                   EXISTS (SELECT 1 FROM evaluation r WHERE r.review_of = e.id AND r.signed_by IS NOT NULL) AS city_signed
            INTO s
            FROM evaluation e LEFT JOIN evaluation_lock l ON l.evaluation_id = e.id
            WHERE e.id = refuse_signed.evaluation_id AND (l.evaluation_id IS NOT NULL OR (e.review_of IS NOT NULL AND e.signed_by IS NOT NULL));
            IF NOT FOUND THEN RETURN; END IF;
            RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE =
                CASE WHEN s.city THEN '市级考评' ELSE '初评' END || '已由' || s.signed_by || '于' || shown_time(s.signed_at) || '签署，'
                || what || '不能再修改。如需修改，'
                || CASE WHEN s.city OR s.city_signed THEN '请市级督导解锁（chuangye evaluate unlock --reason 理由）'
                        ELSE '请督导解锁（评选界面按 U，或 chuangye evaluate unlock --reason 理由）' END;
        END
        $$
        """,
        // The submission row: identity fixed, the draw once, the recommendation once, the city's signature once
        // (lifted only after the district's lock, in the city's unlock); never deleted.
        """
        CREATE FUNCTION evaluation_final() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            o jsonb := to_jsonb(OLD);
            n jsonb;
            changed text[];
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '自评和考评记录不能删除';
            END IF;
            n := to_jsonb(NEW);
            SELECT array_agg(k) INTO changed FROM jsonb_object_keys(n) k WHERE n->k IS DISTINCT FROM o->k;
            IF changed IS NULL THEN RETURN NEW; END IF;
            IF changed && ARRAY['id', 'community_code', 'period_start', 'period_end', 'rubric_id', 'rubric_title', 'submitted_by',
                                'submitted_at', 'checksum', 'audit_mark', 'import_mark', 'review_of'] THEN
                RAISE EXCEPTION USING ERRCODE = 'CY002',
                    MESSAGE = '已提交的自评不能修改：提交人、提交时间、台账校验码、考核期和评分表在提交时已固定';
            END IF;
            IF changed && ARRAY['sample_seed', 'sample_size', 'sample_strata', 'drawn_by', 'drawn_at', 'service_sample_size', 'service_strata'] THEN
                IF OLD.drawn_at IS NOT NULL OR OLD.sample_seed IS NOT NULL THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE =
                        '抽样已于' || shown_time(OLD.drawn_at) || '由' || COALESCE(OLD.drawn_by, '') || '完成（种子 '
                        || COALESCE((OLD.sample_seed::numeric + CASE WHEN OLD.sample_seed < 0 THEN 18446744073709551616 ELSE 0 END)::text, '')
                        || '），抽样记录不能修改：同一份考评只抽一次';
                END IF;
                PERFORM refuse_signed(OLD.id, '抽样');
            END IF;
            IF changed && ARRAY['recommended_by', 'recommended_at'] AND (OLD.recommended_by IS NOT NULL OR OLD.review_of IS NOT NULL) THEN
                RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '推荐记录不能修改'
                    || CASE WHEN OLD.recommended_by IS NOT NULL THEN '：已由' || OLD.recommended_by || '于' || shown_time(OLD.recommended_at) || '推荐' ELSE '' END;
            END IF;
            IF changed && ARRAY['signed_by', 'signed_at'] THEN
                IF OLD.review_of IS NULL THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '初评的签署记在台账锁定中，不能在此修改';
                ELSIF OLD.signed_by IS NULL AND OLD.signed_at IS NULL THEN
                    NULL; -- the city signs
                ELSIF NEW.signed_by IS NULL AND NEW.signed_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM evaluation_lock l WHERE l.evaluation_id = OLD.review_of) THEN
                    NULL; -- the city's unlock, after lifting the district's lock (audited with its reason at commit)
                ELSE
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE =
                        '市级考评已由' || COALESCE(OLD.signed_by, '') || '于' || shown_time(OLD.signed_at)
                        || '签署，签署记录不能修改。如需修改，请市级督导解锁（chuangye evaluate unlock --reason 理由）';
                END IF;
            END IF;
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER evaluation_final BEFORE UPDATE OR DELETE ON evaluation FOR EACH ROW EXECUTE FUNCTION evaluation_final()",
        // A stage's adjustments: final once it is signed.
        """
        CREATE FUNCTION evaluation_adjustment_final() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN PERFORM refuse_signed(OLD.evaluation_id, '改分'); END IF;
            IF TG_OP <> 'DELETE' THEN PERFORM refuse_signed(NEW.evaluation_id, '改分'); END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END
        $$
        """,
        "CREATE TRIGGER evaluation_adjustment_final BEFORE INSERT OR UPDATE OR DELETE ON evaluation_adjustment FOR EACH ROW EXECUTE FUNCTION evaluation_adjustment_final()",
        // The drawn list: written by the draw (before it records its seed), never changed nor shortened; its results
        // final once the stage is signed.
        """
        CREATE FUNCTION spot_check_final() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '抽样名单不能删减：同一份考评只抽一次，抽中的名单可向社区出示';
            END IF;
            IF TG_OP = 'INSERT' THEN
                IF EXISTS (SELECT 1 FROM evaluation e WHERE e.id = NEW.evaluation_id AND (e.sample_seed IS NOT NULL OR e.drawn_at IS NOT NULL)) THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '抽样已完成，名单不能增加：同一份考评只抽一次';
                END IF;
                PERFORM refuse_signed(NEW.evaluation_id, '抽样名单');
                RETURN NEW;
            END IF;
            IF ROW(NEW.evaluation_id, NEW.position, NEW.person_id, NEW.stratum, NEW.service_id, NEW.drawn_for)
               IS DISTINCT FROM ROW(OLD.evaluation_id, OLD.position, OLD.person_id, OLD.stratum, OLD.service_id, OLD.drawn_for) THEN
                RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '抽样名单（抽中的人员、服务和分层）不能修改';
            END IF;
            PERFORM refuse_signed(OLD.evaluation_id, '抽样核实结果');
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER spot_check_final BEFORE INSERT OR UPDATE OR DELETE ON spot_check FOR EACH ROW EXECUTE FUNCTION spot_check_final()",
        // The district's signature: written once, for a 初评 of the community it locks; never rewritten.
        """
        CREATE FUNCTION evaluation_lock_final() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                RAISE EXCEPTION USING ERRCODE = 'CY002',
                    MESSAGE = '初评的签署（签署人、时间、所签的初评）不能修改。如需修改，请督导解锁（评选界面按 U，或 chuangye evaluate unlock --reason 理由）';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.id = NEW.evaluation_id AND e.community_code = NEW.community_code AND e.review_of IS NULL) THEN
                RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = '签署的初评不属于该社区';
            END IF;
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER evaluation_lock_final BEFORE INSERT OR UPDATE ON evaluation_lock FOR EACH ROW EXECUTE FUNCTION evaluation_lock_final()",
        // Unlocking is the app's step, audited with its reason: the entry is written first, in the same transaction
        // (checked at once, not at commit, so that every client sees the refusal as the statement's error).
        """
        CREATE FUNCTION evaluation_unlock_audited() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM audit a WHERE a.txid = txid_current() AND a.record_table = 'evaluation'
                           AND a.community_code = OLD.community_code AND a.action IN ('unlock', 'city_unlock')
                           AND a.changes::jsonb ? 'reason' AND length(btrim(a.changes::jsonb->'reason'->>1)) > 0) THEN
                RAISE EXCEPTION USING ERRCODE = 'CY002',
                    MESSAGE = '解锁必须填写理由并记入修改记录：请在评选界面按 U，或用 chuangye evaluate unlock --reason 理由';
            END IF;
            RETURN OLD;
        END
        $$
        """,
        "CREATE TRIGGER evaluation_unlock_audited BEFORE DELETE ON evaluation_lock FOR EACH ROW EXECUTE FUNCTION evaluation_unlock_audited()",
        // Any change of the evaluation tables without an entry of the app's steps in its transaction gets one at
        // commit: `sql` (直接改库), the login, the changed columns (spot checks as `spot_check.N.column`).
        """
        CREATE FUNCTION audit_unrecorded_evaluation_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            o jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}' ELSE to_jsonb(OLD) END;
            n jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}' ELSE to_jsonb(NEW) END;
            eval_id bigint;
            code text;
            prefix text;
            changes jsonb;
        BEGIN
            eval_id := CASE WHEN TG_TABLE_NAME = 'evaluation' THEN COALESCE(n->>'id', o->>'id')
                            ELSE COALESCE(n->>'evaluation_id', o->>'evaluation_id') END::bigint;
            code := COALESCE(n->>'community_code', o->>'community_code', (SELECT e.community_code FROM evaluation e WHERE e.id = eval_id));
            IF code IS NULL THEN RETURN NULL; END IF;
            IF EXISTS (SELECT 1 FROM audit a WHERE a.txid = txid_current() AND a.record_table = 'evaluation'
                       AND a.community_code = code AND a.action <> 'sql') THEN
                RETURN NULL;
            END IF;
            prefix := CASE TG_TABLE_NAME
                WHEN 'evaluation' THEN ''
                WHEN 'spot_check' THEN 'spot_check.' || COALESCE(n->>'position', o->>'position') || '.'
                WHEN 'evaluation_adjustment' THEN 'adjustment.' || COALESCE(n->>'item_id', o->>'item_id') || '.'
                WHEN 'evaluation_item' THEN 'frozen.' || COALESCE(n->>'item_id', o->>'item_id') || '.'
                ELSE 'lock.' END;
            SELECT COALESCE(jsonb_object_agg(prefix || k, jsonb_build_array(o->>k, n->>k)), '{}') INTO changes
            FROM (SELECT jsonb_object_keys(o) UNION SELECT jsonb_object_keys(n)) keys(k)
            WHERE o->k IS DISTINCT FROM n->k AND k NOT IN ('evaluation_id', 'position', 'item_id');
            IF changes = '{}' THEN RETURN NULL; END IF;
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES (to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS'), session_user, code, 'evaluation', eval_id::text, 'sql', changes::text);
            RETURN NULL;
        END
        $$
        """,
    ] + ["evaluation", "evaluation_item", "evaluation_adjustment", "spot_check", "evaluation_lock"].map { table in
        """
        CREATE CONSTRAINT TRIGGER \(table)_changes_audited AFTER INSERT OR UPDATE OR DELETE ON \(table)
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_unrecorded_evaluation_change()
        """
    }
}
