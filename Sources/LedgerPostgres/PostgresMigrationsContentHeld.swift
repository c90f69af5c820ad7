extension PostgresMigrations {
    /// What a record says is held by the database, whoever sends the SQL (a clerk's `psql` had got past the lock
    /// and the audit through the columns copied beside a record's text, had raised a signed score through its kept
    /// figures, and had added invented history with an update that changed nothing):
    /// - the columns copied from a record's text (name, ID number, dates, kind) agree with it, so that changing one
    ///   is changing the text, which the lock and the audit see;
    /// - a locked community's kept figures (`facts`, services in the period) do not change either;
    /// - each record's state before the transaction's first change of its content is kept until commit
    ///   (`record_before`), so that an audit entry's "old → new" can be checked against what really changed
    ///   (the check is `audit_by_login`'s, PostgresSecurity.swift);
    /// - an entry's changes that are not a JSON object (written before the check) are read as none, not as an
    ///   error that stops every statistic (`changes_object`).
    static let v8: [String] = [
        """
        CREATE FUNCTION copied_columns_agree() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            n jsonb := to_jsonb(NEW);
            register text := CASE TG_TABLE_NAME WHEN 'person' THEN '摸底台账' WHEN 'service' THEN '服务台账' ELSE '工作台账' END;
        BEGIN
            -- The trigger's arguments: triples of a column, the field it copies and the field's label.
            FOR i IN 0 .. TG_NARGS / 3 - 1 LOOP
                IF n->>TG_ARGV[3 * i] IS DISTINCT FROM n->'fields'->>TG_ARGV[3 * i + 1] THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002',
                        MESSAGE = register || '第' || (n->>'id') || '号记录的' || TG_ARGV[3 * i + 2]
                            || '与登记内容不一致，未保存：这一项只能随登记内容一起修改（在台账中修改记录）';
                END IF;
            END LOOP;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE TRIGGER person_copied_columns BEFORE INSERT OR UPDATE ON person FOR EACH ROW
            EXECUTE FUNCTION copied_columns_agree('id_number', 'id_number', '公民身份号码', 'name', 'name', '姓名')
        """,
        """
        CREATE TRIGGER service_copied_columns BEFORE INSERT OR UPDATE ON service FOR EACH ROW
            EXECUTE FUNCTION copied_columns_agree('id_number', 'id_number', '公民身份号码', 'service_date', 'service_date', '服务日期')
        """,
        """
        CREATE TRIGGER activity_copied_columns BEFORE INSERT OR UPDATE ON activity FOR EACH ROW
            EXECUTE FUNCTION copied_columns_agree('date', 'date', '日期', 'kind', 'kind', '类型', 'person_id_number', 'person_id', '关联人员身份证号')
        """,
        // v6's lock, now also over the kept figures.
        """
        CREATE OR REPLACE FUNCTION refuse_locked_records() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM evaluation_lock) THEN RETURN NULL; END IF;
            IF TG_OP = 'INSERT' THEN
                PERFORM refuse_locked(ARRAY(SELECT DISTINCT community_code FROM new_rows));
            ELSIF TG_OP = 'UPDATE' THEN
                PERFORM refuse_locked(ARRAY(
                    SELECT DISTINCT v.code FROM old_rows o JOIN new_rows n ON n.id = o.id
                    CROSS JOIN LATERAL (VALUES (o.community_code), (n.community_code)) v(code)
                    WHERE o.fields IS DISTINCT FROM n.fields OR o.deleted_at IS DISTINCT FROM n.deleted_at
                       OR o.deleted_reason IS DISTINCT FROM n.deleted_reason OR o.community_code IS DISTINCT FROM n.community_code
                       OR to_jsonb(o)->'facts' IS DISTINCT FROM to_jsonb(n)->'facts'
                       OR to_jsonb(o)->'services_in_period' IS DISTINCT FROM to_jsonb(n)->'services_in_period'));
            ELSE
                PERFORM refuse_locked(ARRAY(SELECT DISTINCT community_code FROM old_rows));
            END IF;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TABLE record_before (
            txid bigint NOT NULL,
            record_table text NOT NULL,
            record_id bigint NOT NULL,
            row_before jsonb NOT NULL,
            PRIMARY KEY (txid, record_table, record_id)
        )
        """,
        // The first change of a record's content in a transaction keeps the row as it was (a change of its figures
        // alone, as every import of services makes, is no entry's and is not kept).
        """
        CREATE FUNCTION remember_record_before() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            o jsonb := to_jsonb(OLD);
            n jsonb := to_jsonb(NEW);
        BEGIN
            IF o->'fields' IS DISTINCT FROM n->'fields' OR o->'deleted_at' IS DISTINCT FROM n->'deleted_at'
               OR o->'deleted_reason' IS DISTINCT FROM n->'deleted_reason' THEN
                INSERT INTO record_before VALUES (txid_current(), TG_TABLE_NAME, OLD.id, o) ON CONFLICT DO NOTHING;
            END IF;
            RETURN NEW;
        END
        $$
        """,
        """
        CREATE FUNCTION clear_record_before() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM record_before WHERE txid = NEW.txid;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE CONSTRAINT TRIGGER record_before_cleared AFTER INSERT ON record_before
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION clear_record_before()
        """,
    ] + ["person", "service", "activity"].map { table in
        "CREATE TRIGGER \(table)_remembered BEFORE UPDATE ON \(table) FOR EACH ROW EXECUTE FUNCTION remember_record_before()"
    } + [
        """
        CREATE FUNCTION changes_object(changes text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
            parsed jsonb;
        BEGIN
            parsed := changes::jsonb;
            RETURN CASE WHEN jsonb_typeof(parsed) = 'object' THEN parsed ELSE '{}' END;
        EXCEPTION WHEN others THEN
            RETURN '{}';
        END
        $$
        """,
    ]
}
