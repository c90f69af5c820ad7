import Foundation
import GRDB
import LedgerCore

/// Finding the persons of any community who carry an ID number, without a district-wide ID index.
///
/// A global `person(id_number)` index took random keys: every 10,000-row import rewrote thousands of its pages
/// (most of the index at 1,000,000 persons), each written to the WAL and copied back at checkpoint; it was the cost
/// of an import that grew with the district. Since v10 a Bloom filter holds every ID number ever stored — 262,139
/// words of 64 bits, 2 MB however large the district — kept by triggers on every insert or change of a person's ID
/// and by imports, whose triggers are off (in blocks since v11: IdFilterImage.swift). A number whose bits are not
/// all set is nowhere; otherwise each community's range of the unique `(community_code, id_number)` index is probed
/// (one seek per community, ~100 leaf pages in a district). Bits are never cleared, so the filter stays a superset
/// of the stored numbers whatever is deleted or restored.
///
/// Until v13 a number set six bits in one word. Crowded words then passed absent numbers far more often than a
/// plain Bloom filter of the same size: 0.033% at 490,000 persons (measured), ~0.3% at 1,000,000 (a Poisson model
/// that matches the measurement), so the last imports of a district spent 19–30 ms per 10,000 rows on probes.
/// Since v13 a number sets three bits in each of two words, chosen independently: ~0.005% at 490,000 and ~0.11% at
/// 1,000,000 by the same model, with the same 2 MB to read.
enum PersonsByIdNumber {
    /// A number's bits in one word of the filter.
    struct WordBits: Equatable {
        let word: Int64
        let mask: Int64
    }

    /// Where a number is in the filter: `n`, its first 17 digits, picks word `n mod 262139` with bits
    /// `(n mod q) mod 64` for q = 65521, 65519, 65497, and word `n mod 262133` with bits for q = 65479, 65449, 65447
    /// (residues modulo coprime numbers vary independently). Frozen: migration v13 spells the same SQL expressions
    /// in its triggers, and store tests check that every path agrees.
    struct Key: Equatable {
        let first: WordBits
        let second: WordBits
    }
    /// The filter's size in words (the larger modulus).
    static let words: Int64 = 262_139
    static let halves: [(words: Int64, primes: [Int64])] = [(262_139, [65521, 65519, 65497]), (262_133, [65479, 65449, 65447])]

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
        func bits(_ half: (words: Int64, primes: [Int64])) -> WordBits {
            WordBits(word: n % half.words, mask: half.primes.reduce(0) { $0 | (1 << ((n % $1) % 64)) })
        }
        return Key(first: bits(halves[0]), second: bits(halves[1]))
    }

    /// The same key as SQL expressions over the ID number held in the expression `x`: the word and the mask of
    /// half 0 or 1.
    static func word(_ x: String, half: Int) -> String { "(\(number(x)) % \(halves[half].words))" }
    static func mask(_ x: String, half: Int) -> String {
        "(" + halves[half].primes.map { "(1 << ((\(number(x)) % \($0)) % 64))" }.joined(separator: " | ") + ")"
    }
    private static func number(_ x: String) -> String { "abs(CAST(substr(\(x), 1, 17) AS INTEGER))" }

    /// The key of any text: computed here when it can be, else by the SQL expressions (odd input only).
    static func key(_ db: Database, _ idNumber: String) throws -> Key {
        if let key = key(idNumber) { return key }
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(word("?1", half: 0)), \(mask("?1", half: 0)), \(word("?1", half: 1)), \(mask("?1", half: 1))"),
                                   arguments: [idNumber])
        return Key(first: WordBits(word: row?[0] ?? 0, mask: row?[1] ?? 0), second: WordBits(word: row?[2] ?? 0, mask: row?[3] ?? 0))
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

    /// Whether the number passes the filter: the bits of both its words, each read from its block, the recent
    /// words and the pending batches.
    static func mayBeStored(_ db: Database, idNumber: String) throws -> Bool {
        try mayBeStored(db, key: key(db, idNumber))
    }

    static func mayBeStored(_ db: Database, key: Key) throws -> Bool {
        let halves = [key.first, key.second]
        let stored = try IdFilterImage.storedWords(db, halves.map(\.word))
        return zip(halves, stored).allSatisfy { half, bits in bits & UInt64(bitPattern: half.mask) == UInt64(bitPattern: half.mask) }
    }
}
