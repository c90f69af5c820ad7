extension PostgresMigrations {
    /// The "registered in another community" warning (`id.other_community`) of a person is the one finding that a
    /// save in another community changes, and under row-level security the clerk who saves there cannot re-judge
    /// this community's person: the warning appeared only at the next check or at submission, which then said that
    /// figures had been corrected. So each person keeps whether its `warning_count` holds that warning, and
    /// `refresh_other_community_warnings(numbers)` (run as the owner, `admin init`) sets it, with the count, for
    /// every live person with those numbers (and returns their communities, to be told of the change), as `PersonValidator` and `RecordFindings` would: warned when a live
    /// person elsewhere (and none in its own community) has the number, unless the warning was accepted. The
    /// flag of the persons already there is computed the same way. Frozen.
    static let v12: [String] = [
        "ALTER TABLE person ADD COLUMN other_community_counted boolean NOT NULL DEFAULT false",
        """
        CREATE FUNCTION other_community_warned(p person) RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT EXISTS (SELECT 1 FROM person o WHERE o.id_number = p.id_number AND o.id <> p.id AND o.deleted_at IS NULL
                           AND o.community_code <> p.community_code)
               AND NOT EXISTS (SELECT 1 FROM person o WHERE o.id_number = p.id_number AND o.id <> p.id AND o.deleted_at IS NULL
                               AND o.community_code = p.community_code)
               AND NOT EXISTS (SELECT 1 FROM accepted_warning w WHERE w.record_table = 'person' AND w.record_id = p.id
                               AND w.code = 'id.other_community')
        $$
        """,
        "UPDATE person p SET other_community_counted = other_community_warned(p) WHERE p.deleted_at IS NULL AND other_community_warned(p)",
        // What learning of numbers elsewhere costs a login: nothing here; `admin init` replaces it with a clerk's
        // daily budget (PostgresIdLookupBudget), as a refresh tells its caller which communities have the numbers.
        "CREATE FUNCTION charge_id_lookups(numbers text[], written boolean) RETURNS void LANGUAGE plpgsql VOLATILE AS $$ BEGIN END $$",
        """
        CREATE FUNCTION refresh_other_community_warnings(numbers text[]) RETURNS TABLE (community_code text) LANGUAGE sql VOLATILE AS $$
            SELECT charge_id_lookups(numbers, false);
            UPDATE person p SET other_community_counted = NOT p.other_community_counted,
                warning_count = greatest(p.warning_count + CASE WHEN p.other_community_counted THEN -1 ELSE 1 END, 0)
            WHERE p.id_number = ANY(numbers) AND p.deleted_at IS NULL AND other_community_warned(p) <> p.other_community_counted
            RETURNING p.community_code
        $$
        """,
    ]
}
