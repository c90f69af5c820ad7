import Foundation
import LedgerPostgres
import LedgerStore
import Testing

/// Reading a PostgreSQL ledger's address: the password never comes from it, and comes from PGPASSWORD or a
/// private ~/.pgpass as libpq's tools read them.
struct PostgresLocationTests {
    @Test func anAddressGivesHostPortDatabaseUserAndSchema() throws {
        let l = try PostgresLocation(url: "postgresql://clerk@db.example:5433/district?schema=east&sslmode=disable", environment: [:], home: "/nonexistent")
        #expect(l.host == "db.example" && l.port == 5433 && l.database == "district" && l.user == "clerk")
        #expect(l.schema == "east" && l.tls == .disable && l.password == nil)
        let plain = try PostgresLocation(url: "postgres://clerk@localhost/district", environment: [:], home: "/nonexistent")
        #expect(plain.port == 5432 && plain.schema == "public" && plain.tls == .prefer)
        // Shown as it can be given to the operators' apps: the schema and a TLS mode that is not the default kept
        #expect(l.description == "postgresql://clerk@db.example:5433/district?schema=east&sslmode=disable")
        #expect(plain.description == "postgresql://clerk@localhost:5432/district")
    }

    @Test func aPasswordInTheAddressIsRefusedInChinese() {
        #expect {
            _ = try PostgresLocation(url: "postgresql://clerk:secret@localhost/district", environment: [:], home: "/nonexistent")
        } throws: { ($0 as? StoreError)?.message.contains("PGPASSWORD") == true }
        #expect(throws: StoreError.self) {
            _ = try PostgresLocation(url: "postgresql://clerk@localhost/district?schema=drop;x", environment: [:], home: "/nonexistent")
        }
    }

    @Test func thePasswordComesFromPGPASSWORDThenAPrivatePgpass() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let file = home + "/.pgpass"
        try "# comment\nother:5432:*:clerk:no\nlocalhost:*:district:clerk:pa\\:ss\n*:*:*:*:fallback\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let url = "postgresql://clerk@localhost/district"
        #expect(try PostgresLocation(url: url, environment: [:], home: home).password == "pa:ss")
        #expect(try PostgresLocation(url: "postgresql://x@elsewhere/db", environment: [:], home: home).password == "fallback")
        #expect(try PostgresLocation(url: url, environment: ["PGPASSWORD": "env"], home: home).password == "env")
        // A password file others can read is ignored, as libpq ignores it
        chmod(file, 0o644)
        #expect(try PostgresLocation(url: url, environment: [:], home: home).password == nil)
    }
}
