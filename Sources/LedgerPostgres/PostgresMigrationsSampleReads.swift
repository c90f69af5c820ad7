extension PostgresMigrations {
    /// How the app reads a spot-check sample's seed, its places and the checks' results by clerk: through functions, so that a district's
    /// security (PostgresSampleSecrecy, applied by `admin init`) can replace them with ones that withhold the drawn
    /// records from whoever may not check them. In a ledger without it, as here, they read everything. Frozen.
    static let v10: [String] = [
        """
        CREATE FUNCTION disclosed_seed(evaluation_id bigint) RETURNS bigint LANGUAGE sql STABLE AS $$
            SELECT e.sample_seed FROM evaluation e WHERE e.id = disclosed_seed.evaluation_id
        $$
        """,
        """
        CREATE FUNCTION spot_check_progress(evaluation_id bigint)
            RETURNS TABLE (place integer, result text, checked_by text, checked_at text, drawn_for text) LANGUAGE sql STABLE AS $$
            SELECT s.position, s.result, s.checked_by, s.checked_at, s.drawn_for FROM spot_check s
            WHERE s.evaluation_id = spot_check_progress.evaluation_id ORDER BY s.position
        $$
        """,
        // Each recorded check with the clerk who entered (or imported) the person checked, for the operators'
        // statistics: no record named, so it can be read before a sample is disclosed.
        """
        CREATE FUNCTION spot_check_results() RETURNS TABLE (clerk text, result text, checked_at text) LANGUAGE sql STABLE AS $$
            SELECT COALESCE(
                (SELECT a.operator FROM audit a WHERE a.record_table = 'person' AND a.record_id = s.person_id::text
                    AND a.action = 'insert' ORDER BY a.id LIMIT 1),
                (SELECT b.operator FROM person p JOIN import_batch b ON b.id = p.import_batch WHERE p.id = s.person_id),
                ''), s.result, s.checked_at
            FROM spot_check s WHERE s.result IS NOT NULL
        $$
        """,
    ]
}
