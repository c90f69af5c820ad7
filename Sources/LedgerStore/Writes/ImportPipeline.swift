import Foundation
import GRDB
import LedgerCore

/// Validates and encodes import rows on a second thread while the writer thread inserts the rows before them.
///
/// Parsing, validation and encoding of a row cost about as much as SQLite's work for it, so doing them at once
/// on the two cores nearly halves an import. The validating thread never touches the database: checks
/// that need it run on the writer thread (`ImportSteps.check`). Rows travel in chunks through a bounded queue, so
/// memory stays flat whatever the file size, and the order of rows is kept.
final class ImportPipeline<Value: Sendable>: @unchecked Sendable {
    /// One validated row; `columns` are its column values when it can be saved.
    struct Item: @unchecked Sendable {
        var line: Int
        var value: Value?
        var findings: [Finding]
        var columns: [DatabaseValue]?
    }

    /// Rows in file order.
    struct Chunk: Sendable {
        var items: [Item] = []
    }

    static var chunkSize: Int { 256 }
    static var capacity: Int { 8 }

    // `condition` guards everything below it.
    private let condition = NSCondition()
    private var chunks: [Chunk] = []
    private var producerDone = false
    private var cancelled = false

    /// Starts running `prepare` over `rows` on a new thread; it gives a row's value to keep, its findings and,
    /// when it can be saved, its column values. The closure is used by that thread only, until `next` returns nil
    /// or `stop` returns; the caller must not use what it captures in between.
    init(rows: some Sequence<RawRecord>, prepare: @escaping (RawRecord) -> (Value?, [Finding], [DatabaseValue]?)) {
        let work = UncheckedTransfer { [unowned self] in
            var chunk = Chunk()
            chunk.items.reserveCapacity(Self.chunkSize)
            for row in rows {
                let (value, findings, columns) = prepare(row)
                chunk.items.append(Item(line: row.line, value: value, findings: findings, columns: columns))
                if chunk.items.count == Self.chunkSize {
                    guard self.push(chunk) else { break }
                    chunk = Chunk()
                    chunk.items.reserveCapacity(Self.chunkSize)
                }
            }
            if !chunk.items.isEmpty { _ = self.push(chunk) }
            self.condition.lock()
            self.producerDone = true
            self.condition.broadcast()
            self.condition.unlock()
        }
        let thread = Thread { work.value() }
        thread.name = "import-validate"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next chunk of validated rows in file order, waiting for it; nil when every row has been delivered.
    func next() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !producerDone { condition.wait() }
        if chunks.isEmpty { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// Stops the validating thread early (the writer failed) and waits until it no longer runs any row.
    func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !producerDone { condition.wait() }
        condition.unlock()
    }

    /// Hands a chunk to the writer; false when the import was stopped.
    private func push(_ chunk: Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= Self.capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }
}

/// Moves a closure that is not `Sendable` to the one thread that will run it; the pipeline above guarantees that
/// nothing else uses what it captures while it runs.
private struct UncheckedTransfer: @unchecked Sendable {
    let value: () -> Void
    init(_ value: @escaping () -> Void) { self.value = value }
}
