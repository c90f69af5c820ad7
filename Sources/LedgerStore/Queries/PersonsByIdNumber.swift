import Foundation
import GRDB
import LedgerCore

/// Finding the persons of any community who carry an ID number, without a district-wide ID index.
///
/// A global `person(id_number)` index took random keys: every 10,000-row import rewrote thousands of its pages
/// (most of the index at 1,000,000 persons), each written to the WAL and copied back at checkpoint; it was the cost
/// of an import that grew with the district. Since v10 a Bloom filter holds every ID number ever stored — 262,139
/// words of 64 bits, six bits per number, 2 MB however large the district — kept by triggers on every insert or
/// change of a person's ID and by imports, whose triggers are off (since v11 in blocks: IdFilterImage.swift). A
/// number whose bits are not all set is nowhere; otherwise each community's range of the unique
/// `(community_code, id_number)` index is probed (one seek per community). Bits are never cleared, so the filter
/// stays a superset of the stored numbers whatever is deleted or restored; about 0.1% of absent numbers pass the
/// filter and cost the probe.
enum PersonsByIdNumber {
    /// Word and bit mask of an ID number: `n`, its first 17 digits, picks word `n mod 262139` and bits
    /// `(n mod q) mod 64` for six primes `q` near 2^16 (residues modulo coprime numbers vary independently; six bits
    /// per number kept false passes at 490,000 persons to 6 in 10,000 against 46 with two). Frozen: migration
    /// v10 spells the same SQL expressions in its triggers, and store tests check that every path agrees.
    struct Key: Equatable {
        let word: Int64
        let mask: Int64
    }
    static let words: Int64 = 262_139
    static let bitPrimes: [Int64] = [65521, 65519, 65497, 65479, 65449, 65447]

    /// The key computed here, as the SQL expressions compute it, when the first 17 characters are ASCII digits
    /// (every validated number); nil otherwise, and the SQL expressions are used instead.
    static func key(_ idNumber: String) -> Key? {
        var n: Int64 = 0
        var digits = 0
        for byte in idNumber.utf8.prefix(17) {
            guard (0x30...0x39).contains(byte) else { return nil }
            n = n * 10 + Int64(byte - 0x30)
            digits += 1
        }
        guard digits == 17 else { return nil }
        return Key(word: n % words, mask: bitPrimes.reduce(0) { $0 | (1 << ((n % $1) % 64)) })
    }

    /// The same key as SQL expressions over the ID number held in the expression `x`.
    static func word(_ x: String) -> String { "(\(number(x)) % \(words))" }
    static func mask(_ x: String) -> String {
        "(" + bitPrimes.map { "(1 << ((\(number(x)) % \($0)) % 64))" }.joined(separator: " | ") + ")"
    }
    private static func number(_ x: String) -> String { "abs(CAST(substr(\(x), 1, 17) AS INTEGER))" }

    /// The key of any text: computed here when it can be, else by the SQL expressions (odd input only).
    static func key(_ db: Database, _ idNumber: String) throws -> Key {
        if let key = key(idNumber) { return key }
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(word("?1")), \(mask("?1"))"), arguments: [idNumber])
        return Key(word: row?[0] ?? 0, mask: row?[1] ?? 0)
    }

    /// Active persons with the ID number `?1` in any community but `?2` ("" for every community): one seek per
    /// community in the unique index.
    static let probeSQL = """
        SELECT id, name, community_code, (SELECT name FROM community WHERE code = community_code)
        FROM person INDEXED BY person_unique_id_number
        WHERE community_code IN (SELECT code FROM community WHERE code <> ?2) AND id_number = ?1 AND deleted_at IS NULL
        """

    static func fetch(_ db: Database, idNumber: String, excludingCommunity: String = "") throws -> [ValidationContext.ExistingPerson] {
        guard try mayBeStored(db, idNumber: idNumber) else { return [] }
        return try Row.fetchAll(db.cachedStatement(sql: probeSQL), arguments: [idNumber, excludingCommunity]).map {
            ValidationContext.ExistingPerson(id: $0[0], name: $0[1], communityCode: $0[2], communityName: $0[3])
        }
    }

    /// Whether the number passes the filter: its word in its block and among the recent words.
    static func mayBeStored(_ db: Database, idNumber: String) throws -> Bool {
        let key = try key(db, idNumber)
        let mask = UInt64(bitPattern: key.mask)
        return try IdFilterImage.storedWord(db, key.word) & mask == mask
    }
}
