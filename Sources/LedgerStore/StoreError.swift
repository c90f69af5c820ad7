/// A store failure with a Chinese message for the user and detail for the log.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let detail: String

    public init(_ message: String, detail: String = "") {
        self.message = message
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? message : "\(message)（\(detail)）" }

    static func corrupt(_ what: String) -> StoreError {
        StoreError("数据库中的记录已损坏，无法读取", detail: what)
    }

    static func notFound(_ what: String) -> StoreError { StoreError("找不到\(what)") }
}
