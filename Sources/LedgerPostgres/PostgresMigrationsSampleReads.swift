extension PostgresMigrations {
    /// How the app reads a spot-check sample's seed and places: through two functions, so that a district's
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
    ]
}
