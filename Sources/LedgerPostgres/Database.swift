import Foundation
import LedgerStore
import PostgresNIO

/// The statements of one read or one transaction, on the session's connection.
struct PG {
    let connection: PostgresConnection
    /// The communities a transaction's statements changed (nil outside a transaction): announced at its end.
    var changes: ChangedCommunities? = nil
    static let logger = Logger(label: "chuangye.postgres.query")

    /// Marks a community's records changed by this transaction (ChangeNotices.swift).
    func changed(_ community: String) {
        changes?.insert(community)
    }

    /// Every row of a query, random access by column name. Given up when the connection closes before the answer
    /// (ConnectionClosing.swift): a statement sent as the network drops must fail, not wait for good.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        let connection = self.connection
        return try await ConnectionClosing.abandoning(connection) {
            var result: [PostgresRandomAccessRow] = []
            for try await row in try await connection.query(query, logger: Self.logger) { result.append(row.makeRandomAccess()) }
            return result
        }
    }

    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? { try await rows(query).first }

    func execute(_ query: PostgresQuery) async throws {
        _ = try await rows(query)
    }

    /// The first column of the first row as an integer (0 when there is none or it is NULL).
    func integer(_ query: PostgresQuery) async throws -> Int {
        guard let row = try await row(query) else { return 0 }
        return try row[0].decode(Int?.self) ?? 0
    }

    func texts(_ query: PostgresQuery) async throws -> [String] {
        try await rows(query).map { try $0[0].decode(String.self) }
    }

    func ids(_ query: PostgresQuery) async throws -> [Int64] {
        try await rows(query).map { try $0[0].decode(Int64.self) }
    }
}

extension PostgresRandomAccessRow {
    func text(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalText(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func int(_ column: String) throws -> Int { try self[column].decode(Int.self) }
    func id(_ column: String = "id") throws -> Int64 { try self[column].decode(Int64.self) }
    /// A `jsonb` column selected as `column::text` of field text.
    func fields(_ column: String = "fields") throws -> [String: String] { try JSONText.decode(try text(column)) }
}

/// Field text as JSON objects (the `fields` column and the like).
enum JSONText {
    static func encode(_ fields: [String: String]) -> String { JSONObjectText.encode(fields) }

    static func decode(_ text: String) throws -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else {
            throw StoreError("数据库中的记录已损坏，无法读取", detail: String(text.prefix(200)))
        }
        return object
    }
}
