import Foundation
import GRDB
import GRDBSQLite

/// The whole ID filter in memory, for an import: read once, tested without the database, written back.
///
/// Since v11 the filter's bits live in `person_id_filter_block`: 4,096 blocks of 64 words, each a 512-byte blob of
/// little-endian 64-bit words (about 590 pages, against about 1,020 for one row per word). The v10 word table
/// `person_id_filter` stays for the triggers, which cannot edit a blob in plain SQL: it holds the words set by
/// single saves since the last fold. Since v12 an import's keys wait in `person_id_filter_pending`
/// (IdFilterPending.swift) until a fold. A word's bits are its block's word OR its recent word OR its pending
/// entries. An import reads all three (about 2 ms), tests each row in memory instead of seeking a word, and either
/// adds its keys as a pending batch or, past the pending limits, folds everything into the blocks it changes.
struct IdFilterImage {
    static let wordsPerBlock = 64
    static let blockCount = Int((PersonsByIdNumber.words + Int64(wordsPerBlock) - 1) / Int64(wordsPerBlock))
    static let blockBytes = wordsPerBlock * 8

    /// One block's bits (`?`: the block).
    static let blockSQL = "SELECT bits FROM person_id_filter_block WHERE block = ?"
    /// The bits set in one word by single saves since the last fold (`?`: the word).
    static let recentWordSQL = "SELECT bits FROM person_id_filter WHERE word = ?"

    private var words: [UInt64]
    /// Blocks that differ from what is stored.
    private var changed: [Bool]
    /// Pending entries of the keys inserted since `load` that set a bit (IdFilterPending.swift).
    private var added: [UInt64] = []
    /// What was pending at `load`.
    private var pendingBatches = 0
    private var pendingEntries = 0

    private init() {
        words = Array(repeating: 0, count: Self.blockCount * Self.wordsPerBlock)
        changed = Array(repeating: false, count: Self.blockCount)
    }

    /// The stored filter: every block, every recent word and every pending entry.
    ///
    /// The blocks pass through a small page cache: kept, their ~590 pages would take as many fresh page buffers, a
    /// page fault each (2 µs, at times 13 µs, on this machine), for pages the import does not read again.
    static func load(_ db: Database) throws -> IdFilterImage {
        try BulkLoad.withCacheSize(db, 64) {
            var image = try loadBlocks(db)
            let pending = try IdFilterPending.forEachEntry(db) { entry in
                image.set(word: IdFilterPending.word(entry), bits: IdFilterPending.mask(entry))
            }
            (image.pendingBatches, image.pendingEntries) = pending
            return image
        }
    }

    /// The blocks and the recent words (v11's filter).
    private static func loadBlocks(_ db: Database) throws -> IdFilterImage {
        var image = IdFilterImage()
        let blocks = try db.makeStatement(sql: "SELECT block, bits FROM person_id_filter_block")
        try FastLookup.forEachRow(blocks) { s in
            let block = Int(sqlite3_column_int64(s, 0))
            guard (0..<blockCount).contains(block), let bytes = sqlite3_column_blob(s, 1) else { return }
            let blob = UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, 1)))
            for i in 0..<wordsPerBlock { image.words[block * wordsPerBlock + i] = word(blob, at: i) }
        }
        try image.foldRecentWords(db)
        return image
    }

    /// Moves the recent words into the blocks (migration v11, before pending batches existed).
    static func foldRecentWordsIntoBlocks(_ db: Database) throws {
        var image = try loadBlocks(db)
        try image.writeBlocks(db)
    }

    /// Builds the filter anew from every stored ID number, into emptied tables (migration v13, which changed where
    /// a number's bits go): the blocks hold every number; no recent word, no pending batch.
    static func rebuildFromRegister(_ db: Database) throws {
        var image = IdFilterImage()
        var odd: [String] = []
        try FastLookup.forEachRow(db.makeStatement(sql: "SELECT id_number FROM person")) { s in
            let number = FastLookup.text(s, 0)
            guard let key = PersonsByIdNumber.key(number) else { return odd.append(number) }
            image.set(key)
        }
        for number in odd { try image.set(PersonsByIdNumber.key(db, number)) }
        try image.writeBlocks(db)
    }

    /// Whether every bit of `key` is set, in both its words.
    func mayContain(_ key: PersonsByIdNumber.Key) -> Bool {
        contains(key.first) && contains(key.second)
    }

    private func contains(_ bits: PersonsByIdNumber.WordBits) -> Bool {
        let mask = UInt64(bitPattern: bits.mask)
        return words[Int(bits.word)] & mask == mask
    }

    mutating func insert(_ key: PersonsByIdNumber.Key) {
        insert(key.first)
        insert(key.second)
    }

    private mutating func insert(_ bits: PersonsByIdNumber.WordBits) {
        guard !contains(bits) else { return }
        set(word: Int(bits.word), bits: UInt64(bitPattern: bits.mask))
        IdFilterPending.append(bits, to: &added)
    }

    /// Sets the bits of both words of a key, without recording it as added.
    private mutating func set(_ key: PersonsByIdNumber.Key) {
        set(word: Int(key.first.word), bits: UInt64(bitPattern: key.first.mask))
        set(word: Int(key.second.word), bits: UInt64(bitPattern: key.second.mask))
    }

    /// Sets bits of a word; its block then differs from what is stored.
    private mutating func set(word index: Int, bits: UInt64) {
        guard (0..<words.count).contains(index), words[index] & bits != bits else { return }
        words[index] |= bits
        changed[index / Self.wordsPerBlock] = true
    }

    /// Stores the keys inserted since `load`: as one pending batch, or, when that would pass the pending limits,
    /// by folding everything into the blocks. Must run in the same transaction as `load`.
    mutating func save(_ db: Database, limits: IdFilterPending.Limits = .standard) throws {
        guard !added.isEmpty else { return }
        if pendingBatches + 1 > limits.batches || pendingEntries + added.count > limits.entries {
            try writeBlocks(db)
            try IdFilterPending.clear(db)
            (pendingBatches, pendingEntries) = (0, 0)
        } else {
            added.sort()
            try IdFilterPending.add(db, entries: added)
            (pendingBatches, pendingEntries) = (pendingBatches + 1, pendingEntries + added.count)
        }
        added = []
    }

    /// Writes the changed blocks in block order, after folding in any word a trigger set since `load`, and
    /// empties the recent words, which the blocks now hold.
    private mutating func writeBlocks(_ db: Database) throws {
        try foldRecentWords(db)
        let upsert = try db.makeStatement(sql: """
            INSERT INTO person_id_filter_block (block, bits) VALUES (?, ?)
            ON CONFLICT (block) DO UPDATE SET bits = excluded.bits
            """)
        var bytes = Data(count: Self.blockBytes)
        for block in 0..<Self.blockCount where changed[block] {
            bytes.withUnsafeMutableBytes { out in
                for i in 0..<Self.wordsPerBlock {
                    out.storeBytes(of: words[block * Self.wordsPerBlock + i].littleEndian, toByteOffset: i * 8, as: UInt64.self)
                }
            }
            try FastInsert.run(upsert, [Int64(block).databaseValue, bytes.databaseValue])
            changed[block] = false
        }
        try db.execute(sql: "DELETE FROM person_id_filter")
    }

    /// ORs the recent words into the image; blocks they add bits to count as changed, so `writeBlocks` stores them.
    private mutating func foldRecentWords(_ db: Database) throws {
        let recent = try db.makeStatement(sql: "SELECT word, bits FROM person_id_filter")
        try FastLookup.forEachRow(recent) { s in
            set(word: Int(sqlite3_column_int64(s, 0)), bits: UInt64(bitPattern: sqlite3_column_int64(s, 1)))
        }
    }

    /// The bits of some words as a single look-up reads them: each word's block word OR its recent word (two
    /// seeks) OR its pending entries (one pass over the pending batches for all the words).
    static func storedWords(_ db: Database, _ words: [Int64]) throws -> [UInt64] {
        let perBlock = Int64(wordsPerBlock)
        let pending = try IdFilterPending.bits(db, words: words)
        return try zip(words, pending).map { word, pending in
            let block = try Data.fetchOne(db.cachedStatement(sql: blockSQL), arguments: [word / perBlock]) ?? Data()
            let recent = try Int64.fetchOne(db.cachedStatement(sql: recentWordSQL), arguments: [word]) ?? 0
            return block.withUnsafeBytes { Self.word($0, at: Int(word % perBlock)) } | UInt64(bitPattern: recent) | pending
        }
    }

    /// The 64-bit word at `index` of a block's blob (0 past its end).
    private static func word(_ blob: UnsafeRawBufferPointer, at index: Int) -> UInt64 {
        guard (index + 1) * 8 <= blob.count else { return 0 }
        return UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
    }
}
