/// The look-up behind the "registered in another community" warning, and the daily budget that keeps a clerk's
/// login from turning it into a list of the district's ID numbers.
///
/// The warning needs a clerk to learn whether a number is registered in a community the clerk cannot read. Fed
/// candidate numbers (region, birth date, sequence, checksum), the same look-up enumerates the district: a tester
/// learned 365,000 numbers in 5.4 s. So each login of a clerk may learn of at most `numbersPerDay` numbers a day
/// (`charge_id_lookups`): each number it asks about that is not registered in its communities, and each number it
/// writes into its communities (written, a number is its own and costs nothing to ask again; without this charge a
/// clerk's psql inserted candidates, asked, and rolled back). `refresh_other_community_warnings`, which tells its
/// caller where numbers are registered, is charged the same way.
///
/// The count must survive a rolled-back transaction, and in PostgreSQL only a sequence does: each clerk's login
/// has one (`id_lookup_count_` and the md5 of the login), owned by the ledger's owner, which no login may use,
/// read or set. Its value is the numbers counted since 2000-01-01 as if every earlier day had used its whole
/// budget, so a new day (in China's time, whatever the session's time zone) starts from `day × budget` without a
/// reset. Two sessions of a login count one after the other, taking turns on the login's row of a table no login
/// reaches (an advisory lock's key could be taken by another login to block this one). A refusal goes to the
/// server's log (which a rollback cannot take back) and to the clerk in Chinese.
public enum PostgresIdLookupBudget {
    public static let numbersPerDay = 50_000

    /// The counter of a login, as an SQL expression of the login's name.
    static func counterName(of login: String) -> String { "'id_lookup_count_' || md5(\(login))" }

    static func statements(_ location: PostgresLocation) -> [String] {
        let owner = PostgresSecurity.identifier(PostgresSecurity.ownerRole(location))
        let schemaLiteral = PostgresSecurity.literal(location.schema)
        return [
            "CREATE TABLE IF NOT EXISTS id_lookup_turn (login text PRIMARY KEY)",
            "ALTER TABLE id_lookup_turn OWNER TO \(owner)",
            "REVOKE ALL ON id_lookup_turn FROM PUBLIC",
            // `written`: numbers the login is writing into its communities (all counted); otherwise numbers it asks
            // about (those already in its communities cost nothing).
            """
            CREATE OR REPLACE FUNCTION charge_id_lookups(numbers text[], written boolean) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
            DECLARE
                counter text := format('%I.%I', \(schemaLiteral), \(counterName(of: "session_user")));
                day_start bigint := ((now() AT TIME ZONE 'Asia/Shanghai')::date - date '2000-01-01')::bigint * \(numbersPerDay);
                used bigint;
                asked bigint;
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM operator_community o WHERE o.operator = session_user) THEN RETURN; END IF;
                SELECT count(DISTINCT n) INTO asked FROM unnest(numbers) n
                WHERE n IS NOT NULL AND (written OR NOT EXISTS (SELECT 1 FROM person p WHERE p.id_number = n AND may_read(p.community_code)));
                IF asked = 0 THEN RETURN; END IF;
                IF to_regclass(counter) IS NULL THEN
                    RAISE EXCEPTION USING ERRCODE = 'CY002',
                        MESSAGE = '本账号还不能核对其他社区的身份证号：请区县管理员运行 chuangye admin init 后重试';
                END IF;
                INSERT INTO id_lookup_turn (login) VALUES (session_user) ON CONFLICT DO NOTHING;
                PERFORM 1 FROM id_lookup_turn WHERE login = session_user FOR UPDATE;
                EXECUTE format('SELECT last_value FROM %s', counter) INTO used;
                used := greatest(used, day_start);
                IF used + asked > day_start + \(numbersPerDay) THEN
                    RAISE LOG 'chuangye: login % refused % ID numbers (% counted today, budget %)',
                        session_user, asked, used - day_start, \(numbersPerDay);
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = format(
                        '身份证号核对超过每日上限：本账号今天已核对或登记本社区以外的身份证号%s个，这次还需%s个，每天最多%s个。请明天再试；较大的文件请区县管理员导入',
                        used - day_start, asked, \(numbersPerDay));
                END IF;
                PERFORM setval(counter::regclass, used + asked);
            END
            $$
            """,
            "ALTER FUNCTION charge_id_lookups(text[], boolean) OWNER TO \(owner)",
            "ALTER FUNCTION charge_id_lookups(text[], boolean) SECURITY DEFINER",
            "REVOKE EXECUTE ON FUNCTION charge_id_lookups(text[], boolean) FROM PUBLIC",
            // Numbers written into a clerk's communities, however written (the app, psql, COPY): counted.
            """
            CREATE OR REPLACE FUNCTION charge_written_numbers() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM charge_id_lookups(ARRAY(SELECT id_number FROM new_rows), true);
                ELSE
                    -- The numbers the statement leaves that it did not find (a row paired by its id could be given
                    -- a new id, and its number went uncounted).
                    PERFORM charge_id_lookups(ARRAY(SELECT id_number FROM new_rows EXCEPT SELECT id_number FROM old_rows), true);
                END IF;
                RETURN NULL;
            END
            $$
            """,
            "ALTER FUNCTION charge_written_numbers() OWNER TO \(owner)",
            "ALTER FUNCTION charge_written_numbers() SECURITY DEFINER",
            "DROP TRIGGER IF EXISTS person_numbers_charged_insert ON person",
            "DROP TRIGGER IF EXISTS person_numbers_charged_update ON person",
            "CREATE TRIGGER person_numbers_charged_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION charge_written_numbers()",
            """
            CREATE TRIGGER person_numbers_charged_update AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION charge_written_numbers()
            """,
            // To a clerk: in any community, but a community the clerk does not reach shows only the name's first
            // character (enough to tell a typing slip from the same person); to a read-only login, only in what it
            // reads. VOLATILE: it counts what a clerk asks.
            """
            CREATE OR REPLACE FUNCTION persons_with_id_numbers(numbers text[])
            RETURNS TABLE (id bigint, name text, id_number text, community_code text, community_name text) LANGUAGE plpgsql VOLATILE AS $$
            BEGIN
                PERFORM charge_id_lookups(numbers, false);
                RETURN QUERY
                SELECT p.id,
                       CASE WHEN may_read(p.community_code) THEN p.name
                            ELSE left(p.name, 1) || repeat('*', greatest(char_length(p.name) - 1, 0)) END,
                       p.id_number, p.community_code, c.name
                FROM person p JOIN community c ON c.code = p.community_code
                WHERE p.id_number = ANY(numbers) AND p.deleted_at IS NULL
                  AND (may_read(p.community_code) OR EXISTS (SELECT 1 FROM operator_community o WHERE o.operator = session_user))
                ORDER BY p.id;
            END
            $$
            """,
            "ALTER FUNCTION persons_with_id_numbers(text[]) OWNER TO \(owner)",
            "ALTER FUNCTION persons_with_id_numbers(text[]) SECURITY DEFINER",
            // A counter (and a turn) for every clerk's login there is (one added later gets its own in `addOperator`).
            counterForEach("SELECT DISTINCT operator FROM operator_community", location),
        ]
    }

    /// Creates the counters of the logins `logins` (a query of login names) that have none, and makes sure no login
    /// may touch one (`admin init` grants the clerks' group every sequence of the schema; this runs after that grant).
    static func counterForEach(_ logins: String, _ location: PostgresLocation) -> String {
        let schema = PostgresSecurity.literal(location.schema)
        let owner = PostgresSecurity.literal(PostgresSecurity.ownerRole(location))
        let clerk = PostgresSecurity.literal(PostgresSecurity.clerkRole(location))
        let reader = PostgresSecurity.literal(PostgresSecurity.readerRole(location))
        return """
            DO $$ DECLARE login text; counter text; BEGIN
                FOR login IN \(logins) LOOP
                    counter := \(counterName(of: "login"));
                    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I.%I', \(schema), counter);
                    EXECUTE format('ALTER SEQUENCE %I.%I OWNER TO %I', \(schema), counter, \(owner));
                    EXECUTE format('REVOKE ALL ON SEQUENCE %I.%I FROM PUBLIC, %I, %I', \(schema), counter, \(clerk), \(reader));
                    EXECUTE format('INSERT INTO %I.id_lookup_turn (login) VALUES ($1) ON CONFLICT DO NOTHING', \(schema)) USING login;
                END LOOP;
            END $$
            """
    }
}
