import GRDB
import LedgerCore

/// What page of a register to read.
public struct PageRequest: Sendable {
    public var register: Register
    public var community: String
    public var sortColumn: String?
    public var after: (value: String, id: Int64)?
    public var before: (value: String, id: Int64)?
    public var limit: Int
    public var deleted = false
    public var problemsOnly = false
    public var status: String?
    public var trained: Bool?
    public var category: String?
    /// Records dated inside this range (survey date, service date or activity date).
    public var dates: Period?

    public init(register: Register, community: String, sortColumn: String? = nil, after: (value: String, id: Int64)? = nil,
                before: (value: String, id: Int64)? = nil, limit: Int, deleted: Bool = false, problemsOnly: Bool = false,
                status: String? = nil, trained: Bool? = nil, category: String? = nil, dates: Period? = nil) {
        self.category = category
        self.dates = dates
        self.register = register
        self.community = community
        self.sortColumn = sortColumn
        self.after = after
        self.before = before
        self.limit = limit
        self.deleted = deleted
        self.problemsOnly = problemsOnly
        self.status = status
        self.trained = trained
    }
}

extension Register {
    /// The table behind a register.
    public var table: String {
        switch self {
        case .survey: "person"
        case .service: "service"
        case .activity: "activity"
        }
    }

    /// The register stored in a table.
    public init?(table: String) {
        guard let r = Register.allCases.first(where: { $0.table == table }) else { return nil }
        self = r
    }
}

extension AppDatabase {
    /// A page of a register: keyset pagination on (sort column, id), so each page is one index range read and
    /// never an OFFSET scan. `after`/`before` are the boundary rows' (value, id); neither gives the first page.
    public func page(_ q: PageRequest) throws -> [RegisterRow] {
        let query = Self.pageQuery(q, columns: "*")
        let rows = try read { db in
            try Row.fetchAll(db, sql: query.sql, arguments: StatementArguments(query.values)).map { row in
                var summary = try Self.summary(q.register, row)
                if query.sorted { summary.sortKey = Self.text(row["sort_key"]) }
                return summary
            }
        }
        return q.before != nil ? rows.reversed() : rows
    }

    /// The SQL of one community's page (its filters, keyset bound, order and limit), selecting `columns` and the
    /// sort value as `sort_key`. Rows come in descending order when the page is read backwards (`before`).
    /// `sorted` tells whether the page has a sort column (otherwise the order is the id). The community is the first
    /// argument, so that one SQL text serves every community (the district page).
    static func pageQuery(_ q: PageRequest, columns: String) -> (sql: String, values: [DatabaseValue], sorted: Bool) {
        let key = q.sortColumn.flatMap { Self.sortKeys[q.register]?[$0] }
        let column = key?.expression ?? "id"
        var sql = "SELECT \(columns), \(column) AS sort_key FROM \(q.register.table) WHERE community_code = ? AND deleted_at IS \(q.deleted ? "NOT NULL" : "NULL")"
        var args: [any DatabaseValueConvertible & Sendable] = [q.community]
        // The deleted and problem filters are spelled as the partial indexes of `v18-district-filters` are: SQLite
        // uses a partial index only for the same text.
        if q.problemsOnly { sql += " AND (error_count > 0 OR warning_count > 0)" }
        if q.register == .survey, let status = q.status { sql += " AND status = ?"; args.append(status) }
        if q.register == .survey, let trained = q.trained { sql += " AND trained = ?"; args.append(trained) }
        if q.register == .survey, let category = q.category { sql += " AND categories LIKE ?"; args.append("%\(category)%") }
        if let dates = q.dates {
            let column = q.register == .survey ? "survey_date" : q.register == .service ? "service_date" : "date"
            sql += " AND \(column) BETWEEN ? AND ?"
            args += [dates.start.description, dates.end.description]
        }
        let descending = q.before != nil
        if let (value, id) = q.after ?? q.before {
            let op = descending ? "<" : ">"
            sql += column == "id" ? " AND id \(op) ?" : " AND (\(column), id) \(op) (?, ?)"
            if let key { args.append(key.integer ? (Int64(value) ?? -1).databaseValue : value.databaseValue) }
            args.append(id)
        }
        let order = descending ? "DESC" : "ASC"
        sql += column == "id" ? " ORDER BY id \(order)" : " ORDER BY \(column) \(order), id \(order)"
        sql += " LIMIT ?"
        args.append(q.limit)
        return (sql, args.map { $0.databaseValue }, key != nil)
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .int64(let n): String(n)
        case .string(let text): text
        case .double(let d): String(d)
        case .null, .blob: ""
        }
    }

    /// How a browser column sorts: an SQL expression (then id), compared as text or as a number.
    struct SortKey {
        let expression: String
        var integer = false
        /// A `(community_code, expression)` index serves it: a page is one index range read. Otherwise SQLite
        /// reads the community's rows and keeps the best `limit` (a top-N sort), which grows with the community.
        var indexed = false
    }

    /// Every column a browser shows can sort; names sort by pinyin. Expressions never yield NULL (keyset
    /// comparisons with NULL would skip rows).
    static let sortKeys: [Register: [String: SortKey]] = [
        .survey: [
            "name": SortKey(expression: "name_key", indexed: true),
            // Active rows read the unique (community_code, id_number) index; deleted ones are few.
            "id_number": SortKey(expression: "id_number", indexed: true),
            "gender": SortKey(expression: "gender"),
            "phone": SortKey(expression: "phone"),
            "status": SortKey(expression: "status"),
            "survey_date": SortKey(expression: "survey_date"),
            "trained": SortKey(expression: "trained", integer: true),
        ],
        .service: [
            "service_date": SortKey(expression: "service_date", indexed: true),
            "name": SortKey(expression: "name"),
            "id_number": SortKey(expression: "id_number"),
            "service_type": SortKey(expression: "service_type"),
            "method": SortKey(expression: "method"),
            "content": SortKey(expression: "content"),
        ],
        .activity: [
            "date": SortKey(expression: "date", indexed: true),
            "kind": SortKey(expression: "kind"),
            "participants": SortKey(expression: "COALESCE(participants, -1)", integer: true),
            "title": SortKey(expression: "title"),
        ],
    ]

    /// Compatibility form: id order.
    public func page(_ register: Register, community: String, afterId: Int64?, limit: Int, deleted: Bool = false,
                     problemsOnly: Bool = false) throws -> [RegisterRow] {
        try page(PageRequest(register: register, community: community, after: afterId.map { ("", $0) }, limit: limit,
                             deleted: deleted, problemsOnly: problemsOnly))
    }

    public func page(_ register: Register, community: String, beforeId: Int64, limit: Int, deleted: Bool = false,
                     problemsOnly: Bool = false) throws -> [RegisterRow] {
        try page(PageRequest(register: register, community: community, before: ("", beforeId), limit: limit,
                             deleted: deleted, problemsOnly: problemsOnly))
    }

    /// Records found by the person search (name, ID digits or pinyin initials), as browser rows.
    public func searchSummaries(community: String, query: String, limit: Int) throws -> [RegisterRow] {
        let ids = try searchPersons(community: community, query: query, limit: limit).map(\.id)
        return try read { db in
            try ids.compactMap { id in try Row.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [id]) }
                .map { try Self.summary(.survey, $0) }
        }
    }

    static func summary(_ register: Register, _ row: Row) throws -> RegisterRow {
        let fields: [String: String]
        switch register {
        case .survey: fields = PersonFields.text(of: try PersonRecord.person(from: row))
        case .service: fields = serviceFields(row)
        case .activity: fields = activityFields(row)
        }
        var summary = RegisterRow(id: row["id"], fields: fields, deleted: (row["deleted_at"] as String?) != nil,
                                  deletedReason: row["deleted_reason"], errors: row["error_count"], warnings: row["warning_count"])
        summary.community = row["community_code"] ?? ""
        return summary
    }

    /// A record's fields and the token to edit it.
    public func open(_ ref: RecordRef) throws -> OpenedRecord? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(ref.register.table) WHERE id = ?", arguments: [ref.id]) else { return nil }
            let summary = try Self.summary(ref.register, row)
            return OpenedRecord(ref: ref, fields: summary.fields, token: EditToken(id: ref.id, version: row["version"], fields: summary.fields),
                                accepted: try Self.acceptedWarnings(db, table: ref.register.table, id: ref.id))
        }
    }
}

extension AppDatabase {
    /// The records behind a score item, as browser rows (at most `limit`).
    public func evidenceSummaries(_ e: Evidence, community: String, limit: Int) throws -> (register: Register, rows: [RegisterRow]) {
        let found = try evidence(e, community: community, limit: limit)
        let register = Register(table: found.table) ?? .survey
        let rows = try read { db in
            try found.ids.compactMap { try Row.fetchOne(db, sql: "SELECT * FROM \(found.table) WHERE id = ?", arguments: [$0]) }
                .map { row in
                    var summary = try Self.summary(register, row)
                    // Behind service items the figure is each person's number of services in the period.
                    if register == .survey { summary.servicesInPeriod = row["services_in_period"] }
                    return summary
                }
        }
        return (register, rows)
    }
}
