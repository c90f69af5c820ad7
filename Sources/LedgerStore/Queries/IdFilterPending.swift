import Foundation
import GRDB
import GRDBSQLite

/// ID filter keys added by recent imports, kept beside the blocks until enough of them pile up to be folded in.
///
/// The ~10,000 numbers of an import set bits in nearly all 4,096 blocks, so writing them into the blocks rewrote
/// ~530 of the ~1,490 pages an import of that size writes; skipping that write made such an import 28 ms faster
/// (130 → 102 ms). Since v12 an import stores its keys as one blob in `person_id_filter_pending` instead (~20
/// pages; ~40 since v13), and the blocks are rewritten only when the pending batches or entries pass the limits
/// below (about once every 13 imports of 10,000 rows).
///
/// A blob is a sorted array of little-endian 64-bit entries, `word << 36 | six 6-bit bit positions`: one word of
/// a key and its bits there (a mask of fewer than six bits repeats its last position; since v13 a key has two
/// words of three bits each). Sorted by word, so a single look-up binary-searches each batch for its word instead
/// of reading the batch whole.
enum IdFilterPending {
    /// Past these, an import folds everything pending into the blocks. The standard limits bound what an import
    /// reads at its start (2 MB of entries) and what a single look-up searches (16 batches); a 10,000-row import
    /// adds 20,000 entries (two words per number since v13), so imports of that size fold every 13th time.
    struct Limits {
        var batches: Int
        var entries: Int
        static let standard = Limits(batches: 16, entries: 262_144)
    }

    /// Appends the entries of one word's bits to `entries`: one per six bits of the mask (a key sets three).
    static func append(_ bits: PersonsByIdNumber.WordBits, to entries: inout [UInt64]) {
        var mask = UInt64(bitPattern: bits.mask)
        while mask != 0 {
            var positions: UInt64 = 0
            var last: UInt64 = 0
            for slot in 0..<6 {
                if mask != 0 {
                    last = UInt64(mask.trailingZeroBitCount)
                    mask &= mask - 1
                }
                positions |= last << (6 * UInt64(slot))
            }
            entries.append(UInt64(bits.word) << 36 | positions)
        }
    }

    static func word(_ entry: UInt64) -> Int { Int(entry >> 36) }

    static func mask(_ entry: UInt64) -> UInt64 {
        var mask: UInt64 = 0
        for slot in 0..<6 { mask |= 1 << ((entry >> (6 * UInt64(slot))) & 63) }
        return mask
    }

    /// Stores one batch; `entries` must be sorted.
    static func add(_ db: Database, entries: [UInt64]) throws {
        var bytes = Data(count: entries.count * 8)
        bytes.withUnsafeMutableBytes { out in
            for (i, entry) in entries.enumerated() { out.storeBytes(of: entry.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        }
        try db.execute(sql: "INSERT INTO person_id_filter_pending (keys) VALUES (?)", arguments: [bytes])
    }

    /// Calls `body` with every pending entry; returns how many batches and entries there are.
    static func forEachEntry(_ db: Database, _ body: (UInt64) -> Void) throws -> (batches: Int, entries: Int) {
        var batches = 0, entries = 0
        try FastLookup.forEachRow(db.makeStatement(sql: "SELECT keys FROM person_id_filter_pending")) { s in
            batches += 1
            guard let bytes = sqlite3_column_blob(s, 0) else { return }
            let count = Int(sqlite3_column_bytes(s, 0)) / 8
            let blob = UnsafeRawBufferPointer(start: bytes, count: count * 8)
            for i in 0..<count { body(UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
            entries += count
        }
        return (batches, entries)
    }

    static func clear(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM person_id_filter_pending")
    }

    /// The bits the pending batches set in each of `words`: a binary search of each batch per word, reading a few
    /// entries of its blob in place (incremental blob I/O) rather than the whole blob.
    static func bits(_ db: Database, words: [Int64]) throws -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: words.count)
        let batches = try Int64.fetchAll(db.cachedStatement(sql: "SELECT batch FROM person_id_filter_pending"))
        guard let first = batches.first else { return bits }
        var handle: OpaquePointer?
        defer { sqlite3_blob_close(handle) }
        try check(db, sqlite3_blob_open(db.sqliteConnection, "main", "person_id_filter_pending", "keys", first, 0, &handle))
        guard let blob = handle else { return bits }
        for batch in batches {
            if batch != first { try check(db, sqlite3_blob_reopen(blob, batch)) }
            for (i, word) in words.enumerated() { bits[i] |= try search(db, blob, word: Int(word)) }
        }
        return bits
    }

    /// The OR of the masks of `word`'s entries in one open batch.
    private static func search(_ db: Database, _ blob: OpaquePointer, word: Int) throws -> UInt64 {
        func entry(_ index: Int) throws -> UInt64 {
            var value: UInt64 = 0
            try check(db, sqlite3_blob_read(blob, &value, 8, Int32(index * 8)))
            return UInt64(littleEndian: value)
        }
        let count = Int(sqlite3_blob_bytes(blob)) / 8
        // The first entry whose word is not below `word`.
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if try Self.word(entry(middle)) < word { low = middle + 1 } else { high = middle }
        }
        var bits: UInt64 = 0
        var index = low
        while index < count {
            let found = try entry(index)
            guard Self.word(found) == word else { break }
            bits |= mask(found)
            index += 1
        }
        return bits
    }

    private static func check(_ db: Database, _ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
