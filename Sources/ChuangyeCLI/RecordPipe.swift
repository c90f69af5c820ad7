import Foundation
import LedgerCore
import LedgerStore

/// Reads a register on a thread of its own, turns each record into what the writer needs (`prepare`, on that
/// thread too) and hands them over in small batches, so reading, preparing and writing overlap on two cores; at
/// most `capacity` batches wait, so memory stays bounded however large the register.
final class RecordPipe<Item: Sendable>: @unchecked Sendable { // every field is guarded by `condition`
    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let capacity = 8
    static var batchSize: Int { 256 }

    struct Cancelled: Error {}

    /// Starts reading `register` of `community` from `database`.
    init(_ register: Register, community: String, database: any LedgerStorage,
         prepare: @escaping @Sendable ([String: String]) -> Item) {
        let thread = Thread { [self] in
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            do {
                try database.forEachRecord(register, community: community) { _, fields in
                    batch.append(prepare(fields))
                    if batch.count == Self.batchSize {
                        try put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try put(batch) }
                finish(nil)
            } catch {
                finish(error)
            }
        }
        thread.start()
    }

    private func put(_ batch: [Item]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil when the register is read; a reading failure is thrown here.
    func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure, !(failure is Cancelled) { throw failure }
        return nil
    }

    /// Stops the reader (the writer failed) and waits until it has let go of the database.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
