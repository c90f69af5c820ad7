/// A store failure with a Chinese message for the user and detail for the log.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let detail: String
    /// The store could not be reached (a server gone or a connection cut), rather than refusing: nothing was
    /// written, and the same request may succeed once the engine has reconnected.
    public let connectionLost: Bool

    public init(_ message: String, detail: String = "", connectionLost: Bool = false) {
        self.message = message
        self.detail = detail
        self.connectionLost = connectionLost
    }

    public var description: String { detail.isEmpty ? message : "\(message)（\(detail)）" }

    static func corrupt(_ what: String) -> StoreError {
        StoreError("数据库中的记录已损坏，无法读取", detail: what)
    }

    static func notFound(_ what: String) -> StoreError { StoreError("找不到\(what)") }
}
