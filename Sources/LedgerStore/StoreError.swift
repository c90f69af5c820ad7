import LedgerCore

/// A store failure with a Chinese message for the user and detail for the log.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let detail: String
    /// The store could not be reached (a server gone or a connection cut), rather than refusing: nothing was
    /// written, and the same request may succeed once the engine has reconnected.
    public let connectionLost: Bool
    /// The connection was lost while the server was committing a write: it may have been saved
    /// (`commitUnknown` says so; the same write sent again is answered without writing twice).
    public let outcomeUnknown: Bool

    public init(_ message: String, detail: String = "", connectionLost: Bool = false, outcomeUnknown: Bool = false) {
        self.message = message
        self.detail = detail
        self.connectionLost = connectionLost
        self.outcomeUnknown = outcomeUnknown
    }

    /// A write whose `COMMIT` went unanswered (the connection dropped).
    public static let commitUnknown = "提交时连接中断，未能确认是否已保存；草稿已保存，重连后按 F2 再存一次，不会重复登记"

    public var description: String { detail.isEmpty ? message : "\(message)（\(detail)）" }

    static func corrupt(_ what: String) -> StoreError {
        StoreError("数据库中的记录已损坏，无法读取", detail: what)
    }

    static func notFound(_ what: String) -> StoreError { StoreError("找不到\(what)") }

    /// A correction of a deleted record: refused, as the register browser refuses to open one (a change to it
    /// counts nowhere and would read as a correction of what is gone).
    public static func deletedRecord(_ register: Register, id: Int64) -> StoreError {
        StoreError("\(register.title)第\(id)号记录已删除，不能修改；如需修改，请先在浏览台账中按 x 找到它，按 r 恢复")
    }
}
