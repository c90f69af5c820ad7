import LedgerCore

/// SampleDisclosure held by the database: a login that may not check a stage's spot-check sample (a clerk, a street
/// supervisor, an inspector; for the city's sample everyone but a city supervisor) cannot learn from any SQL which
/// records were drawn until the stage is signed. The app withholds them in what it shows; without this a clerk's
/// psql read them from `spot_check`, the draw's seed from `evaluation.sample_seed` (which reproduces the list), and
/// both from the draw's and the checks' audit entries, and could correct exactly those records before the visit.
///
/// What such a login still reads, as the app shows it: that a sample was drawn, by whom, when and its strata; each
/// place's result and who checked it (`spot_check_progress`); the records found 不属实 with their note.
extension PostgresSecurity {
    /// Run before the policies that call them (owned by the owner, like the other functions).
    static func sampleSecrecyFunctions(_ location: PostgresLocation) -> [String] {
        let schema = identifier(location.schema), owner = identifier(ownerRole(location))
        return [
            // Whether the login sees the evaluation's whole sample: it may check that stage (may_evaluate), or the
            // stage is signed (the district's 初评 by its lock row, a 市级考评 by its signature).
            """
            CREATE OR REPLACE FUNCTION sample_disclosed(evaluation_id bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(schema) AS $$
                SELECT may_evaluate(e.id)
                    OR (e.review_of IS NULL AND EXISTS (SELECT 1 FROM evaluation_lock l WHERE l.evaluation_id = e.id))
                    OR (e.review_of IS NOT NULL AND e.signed_by IS NOT NULL)
                FROM evaluation e WHERE e.id = sample_disclosed.evaluation_id
            $$
            """,
            // The seed, to whoever sees the whole list; NULL to anyone else (and for a sample not drawn).
            """
            CREATE OR REPLACE FUNCTION disclosed_seed(evaluation_id bigint) RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = \(schema) AS $$
                SELECT e.sample_seed FROM evaluation e
                WHERE e.id = disclosed_seed.evaluation_id AND may_read(e.community_code) AND sample_disclosed(e.id)
            $$
            """,
            // Every place of a sample the login may read, with its result and checker but not the record drawn.
            """
            CREATE OR REPLACE FUNCTION spot_check_progress(evaluation_id bigint)
                RETURNS TABLE (place integer, result text, checked_by text, checked_at text, drawn_for text)
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = \(schema) AS $$
                SELECT s.position, s.result, s.checked_by, s.checked_at, s.drawn_for FROM spot_check s
                WHERE s.evaluation_id = spot_check_progress.evaluation_id
                    AND may_read(evaluation_community(spot_check_progress.evaluation_id))
                ORDER BY s.position
            $$
            """,
            // The checks' results by the clerk who entered each person, in the communities the login reads: counts
            // for the operators' statistics, whether or not the sample is disclosed to it (no record is named).
            """
            CREATE OR REPLACE FUNCTION spot_check_results() RETURNS TABLE (clerk text, result text, checked_at text)
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = \(schema) AS $$
                SELECT COALESCE(
                    (SELECT a.operator FROM audit a WHERE a.record_table = 'person' AND a.record_id = s.person_id::text
                        AND a.action = 'insert' ORDER BY a.id LIMIT 1),
                    (SELECT b.operator FROM person p JOIN import_batch b ON b.id = p.import_batch WHERE p.id = s.person_id),
                    ''), s.result, s.checked_at
                FROM spot_check s WHERE s.result IS NOT NULL AND may_read(evaluation_community(s.evaluation_id))
            $$
            """,
            "ALTER FUNCTION spot_check_results() OWNER TO \(owner)",
            "ALTER FUNCTION sample_disclosed(bigint) OWNER TO \(owner)",
            "ALTER FUNCTION disclosed_seed(bigint) OWNER TO \(owner)",
            "ALTER FUNCTION spot_check_progress(bigint) OWNER TO \(owner)",
        ]
    }

    /// Which spot-check rows a login reads: the sample's, once disclosed to it; before, only 不属实 findings.
    static let spotCheckReadable = "may_read(evaluation_community(evaluation_id)) AND (result = '不属实' OR sample_disclosed(evaluation_id))"

    /// Which audit entries of an evaluation a login reads: a draw (its seed) and a check (its record) only once the
    /// sample is disclosed to it. A CASE, so the id is cast only for the evaluation's own entries.
    /// (An id that is not a number names no evaluation: the cast is never tried on it, as one such entry, written by
    /// any clerk, had made every login's read of the audit table fail.)
    static let auditEntryDisclosed = """
        CASE WHEN record_table = 'evaluation' AND action IN ('draw', 'city_draw', 'check', 'city_check')
             THEN CASE WHEN record_id ~ '^[0-9]{1,18}$' THEN sample_disclosed(record_id::bigint) ELSE false END ELSE true END
        """

    /// Every column of `evaluation` but the seed is readable through the table; the seed only through
    /// `disclosed_seed`. Column privileges, because the row itself (the submission) is the community's to read.
    static func seedWithheld(_ location: PostgresLocation) -> [String] {
        let clerk = identifier(clerkRole(location)), reader = identifier(readerRole(location))
        return [
            "REVOKE SELECT ON evaluation FROM \(clerk), \(reader)",
            """
            DO $$
            DECLARE
                columns text;
            BEGIN
                SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO columns
                FROM information_schema.columns
                WHERE table_schema = \(literal(location.schema)) AND table_name = 'evaluation' AND column_name <> 'sample_seed';
                EXECUTE 'GRANT SELECT (' || columns || ') ON evaluation TO ' || \(literal(clerk)) || ', ' || \(literal(reader));
            END
            $$
            """,
        ]
    }
}
