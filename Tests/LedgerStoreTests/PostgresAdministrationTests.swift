import LedgerPostgres
import Testing

/// What the administration's raw statements (and the tests' SQL as a login) read back: every cell as psql prints it.
struct PostgresAdministrationTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: raw statements were NOT tested"))
    func cellsReadAsPsqlPrintsThemWhateverTheirType() async throws {
        let location = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let rows = try await PostgresAdministration.rows(
            "SELECT 42::int2, 70000::int4, 5000000000::int8, true, false, 1.5::float8, '文字', NULL::text, 2.50::numeric", at: location)
        #expect(rows == [["42", "70000", "5000000000", "t", "f", "1.5", "文字", nil, "2.5"]])
    }
}
