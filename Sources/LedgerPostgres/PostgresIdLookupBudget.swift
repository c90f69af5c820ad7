/// The look-up behind the "registered in another community" warning, and the daily budget that keeps a clerk's
/// login from turning it into a list of the district's ID numbers.
///
/// The warning needs a clerk to learn whether a number is registered in a community the clerk cannot read. Fed
/// candidate numbers (region, birth date, sequence, checksum), the same look-up enumerates the district: a tester
/// learned 365,000 numbers in 5.4 s. So each login of a clerk may ask, per day, for at most `numbersPerDay` numbers
/// that are not registered in a community it reads (its own persons, deleted ones too, cost nothing). A day's typing asks for a few
/// hundred; importing a community's whole register once, about ten thousand.
///
/// The count must survive a rolled-back transaction (a login with psql would otherwise ask inside `BEGIN … ROLLBACK`
/// for free), and in PostgreSQL only a sequence does: each clerk's login has one (`id_lookup_count_` and the md5 of
/// the login), owned by the ledger's owner, which no login may use, read or set. Its value is the numbers asked since
/// 2000-01-01 counted as if every earlier day had used its whole budget, so a new day starts from `day × budget`
/// without a reset. A refusal goes to the server's log (which a rollback cannot take back) and to the clerk in Chinese.
public enum PostgresIdLookupBudget {
    public static let numbersPerDay = 50_000

    /// The counter of a login, as an SQL expression of the login's name (an expression, so that the function and
    /// the administrator's statements compute the same name).
    static func counterName(of login: String) -> String { "'id_lookup_count_' || md5(\(login))" }

    static func statements(_ location: PostgresLocation) -> [String] {
        let schema = PostgresSecurity.identifier(location.schema), owner = PostgresSecurity.identifier(PostgresSecurity.ownerRole(location))
        return [
            // To a clerk: in any community, but a community the clerk does not reach shows only the name's first
            // character (enough to tell a typing slip from the same person); to a read-only login, only in what it
            // reads. VOLATILE: it counts what a clerk asks.
            """
            CREATE OR REPLACE FUNCTION persons_with_id_numbers(numbers text[])
            RETURNS TABLE (id bigint, name text, id_number text, community_code text, community_name text) LANGUAGE plpgsql VOLATILE AS $$
            DECLARE
                counter text := \(counterName(of: "session_user"));
                day_start bigint := (current_date - date '2000-01-01')::bigint * \(numbersPerDay);
                used bigint;
                asked bigint;
            BEGIN
                IF EXISTS (SELECT 1 FROM operator_community o WHERE o.operator = session_user) THEN
                    SELECT count(DISTINCT n) INTO asked FROM unnest(numbers) n
                    WHERE n IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM person p WHERE p.id_number = n AND may_read(p.community_code));
                    IF asked > 0 THEN
                        IF to_regclass(counter) IS NULL THEN
                            RAISE EXCEPTION USING ERRCODE = 'CY002',
                                MESSAGE = '本账号还不能核对其他社区的身份证号：请区县管理员运行 chuangye admin init 后重试';
                        END IF;
                        -- Two sessions of one login count one after the other.
                        PERFORM pg_advisory_xact_lock(hashtext('chuangye id lookups'), hashtext(session_user));
                        EXECUTE format('SELECT last_value FROM %I', counter) INTO used;
                        used := greatest(used, day_start);
                        IF used + asked > day_start + \(numbersPerDay) THEN
                            RAISE LOG 'chuangye: login % refused % ID number look-ups (% used today, budget %)',
                                session_user, asked, used - day_start, \(numbersPerDay);
                            RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = format(
                                '身份证号核对超过每日上限：本账号今天已核对本社区以外的身份证号%s个，这次还需%s个，每天最多%s个。请明天再试；较大的文件请区县管理员导入',
                                used - day_start, asked, \(numbersPerDay));
                        END IF;
                        PERFORM setval(counter::regclass, used + asked);
                    END IF;
                END IF;
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
            "ALTER FUNCTION persons_with_id_numbers(text[]) SECURITY DEFINER SET search_path = \(schema)",
            // A counter for every clerk's login there is (one added later gets its own in `addOperator`).
            counterForEach("SELECT DISTINCT operator FROM operator_community", location),
        ]
    }

    /// Creates the counters of the logins `logins` (a query of login names) that have none, and makes sure no login
    /// may touch one (`admin init` grants the clerks' group every sequence of the schema; this runs after that grant).
    static func counterForEach(_ logins: String, _ location: PostgresLocation) -> String {
        let owner = PostgresSecurity.literal(PostgresSecurity.ownerRole(location))
        let clerk = PostgresSecurity.literal(PostgresSecurity.clerkRole(location))
        let reader = PostgresSecurity.literal(PostgresSecurity.readerRole(location))
        return """
            DO $$ DECLARE login text; counter text; BEGIN
                FOR login IN \(logins) LOOP
                    counter := \(counterName(of: "login"));
                    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', counter);
                    EXECUTE format('ALTER SEQUENCE %I OWNER TO %I', counter, \(owner));
                    EXECUTE format('REVOKE ALL ON SEQUENCE %I FROM PUBLIC, %I, %I', counter, \(clerk), \(reader));
                END LOOP;
            END $$
            """
    }
}
