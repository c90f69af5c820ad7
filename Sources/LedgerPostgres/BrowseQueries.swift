import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// How a browser column sorts here: an SQL expression (then id), compared bytewise (`COLLATE "C"`, as SQLite
    /// compares text) or as a number. Expressions never yield NULL (keyset comparisons with NULL would skip rows).
    struct SortKey {
        let expression: String
        var integer = false
    }

    static func field(_ key: String) -> String { "COALESCE(fields->>'\(key)', '') COLLATE \"C\"" }

    static let sortKeys: [Register: [String: SortKey]] = [
        .survey: [
            "name": SortKey(expression: "name_key"),
            "id_number": SortKey(expression: "id_number COLLATE \"C\""),
            "gender": SortKey(expression: field("gender")),
            "phone": SortKey(expression: field("phone")),
            "status": SortKey(expression: field("status")),
            "survey_date": SortKey(expression: field("survey_date")),
            "trained": SortKey(expression: "(CASE WHEN fields->>'trained' = '是' THEN 1 ELSE 0 END)", integer: true),
        ],
        .service: [
            "service_date": SortKey(expression: "service_date COLLATE \"C\""),
            "name": SortKey(expression: field("name")),
            "id_number": SortKey(expression: "id_number COLLATE \"C\""),
            "service_type": SortKey(expression: field("service_type")),
            "method": SortKey(expression: field("method")),
            "content": SortKey(expression: field("content")),
        ],
        .activity: [
            "date": SortKey(expression: "date COLLATE \"C\""),
            "kind": SortKey(expression: "kind COLLATE \"C\""),
            "participants": SortKey(expression: "COALESCE((fields->>'participants')::bigint, -1)", integer: true),
            "title": SortKey(expression: field("title")),
        ],
    ]

    /// The columns a browser row is made of.
    static func summaryColumns(_ register: Register) -> String {
        "id, community_code, fields::text AS fields, deleted_at, deleted_reason, error_count, warning_count"
            + (register == .survey ? ", services_in_period" : "")
    }

    static func summary(_ row: PostgresRandomAccessRow) throws -> RegisterRow {
        var summary = RegisterRow(id: try row.id(), fields: try row.fields(), deleted: try row.optionalText("deleted_at") != nil,
                                  deletedReason: try row.optionalText("deleted_reason"), errors: try row.int("error_count"),
                                  warnings: try row.int("warning_count"))
        summary.community = try row.text("community_code")
        return summary
    }

    /// A page of a register: keyset pagination on (sort expression, id); `after`/`before` are the boundary rows'.
    public func page(_ q: PageRequest) async throws -> [RegisterRow] {
        var sql = PageSQL(q)
        let community = sql.bind(q.community)
        let text = "SELECT \(Self.summaryColumns(q.register)), (\(sql.column))::text AS sort_key FROM \(q.register.table) "
            + sql.conditions(community: community) + sql.order + " LIMIT \(sql.bind(q.limit))"
        let query = PostgresQuery(unsafeSQL: text, binds: sql.binds)
        let rows = try await read { pg in
            try await pg.rows(query).map { row in
                var summary = try Self.summary(row)
                if sql.sorted { summary.sortKey = try row.text("sort_key") }
                return summary
            }
        }
        return sql.descending ? rows.reversed() : rows
    }

    /// The parts of a page's statement: its filters and keyset bound for one community, its order, and the
    /// values they bind. A district page repeats the same conditions for each community of its scope.
    struct PageSQL {
        let q: PageRequest
        let key: SortKey?
        var binds = PostgresBindings()

        init(_ q: PageRequest) {
            self.q = q
            key = q.sortColumn.flatMap { PostgresLedger.sortKeys[q.register]?[$0] }
        }

        var column: String { key?.expression ?? "id" }
        var sorted: Bool { key != nil }
        var descending: Bool { q.before != nil }
        var order: String {
            let direction = descending ? "DESC" : "ASC"
            return column == "id" ? " ORDER BY id \(direction)" : " ORDER BY \(column) \(direction), id \(direction)"
        }

        /// Binds a value; String, Int and Int64 encode without failing (a failure would be a programming error).
        mutating func bind<T: PostgresDynamicTypeEncodable>(_ value: T) -> String {
            try! binds.append(value)
            return "$\(binds.count)"
        }

        /// `WHERE …` for the rows of the community `community` (an SQL expression) that the page's filters keep,
        /// beyond its keyset bound.
        mutating func conditions(community: String) -> String {
            var sql = "WHERE community_code = \(community) AND deleted_at IS \(q.deleted ? "NOT NULL" : "NULL")"
            if q.problemsOnly { sql += " AND (error_count > 0 OR warning_count > 0)" }
            if q.register == .survey, let status = q.status { sql += " AND fields->>'status' = \(bind(status))" }
            if q.register == .survey, let trained = q.trained { sql += " AND fields->>'trained' = \(bind(trained ? "是" : "否"))" }
            if q.register == .survey, let category = q.category { sql += " AND strpos(fields->>'categories', \(bind(category))) > 0" }
            if let dates = q.dates {
                let dated = q.register == .survey ? "fields->>'survey_date'" : q.register == .service ? "service_date" : "date"
                sql += " AND \(dated) BETWEEN \(bind(dates.start.description)) AND \(bind(dates.end.description))"
            }
            if let (value, id) = q.after ?? q.before {
                let op = descending ? "<" : ">"
                if column == "id" {
                    sql += " AND id \(op) \(bind(id))"
                } else if key?.integer == true {
                    sql += " AND (\(column), id) \(op) (\(bind(Int64(value) ?? -1)), \(bind(id)))"
                } else {
                    sql += " AND (\(column), id) \(op) (\(bind(value)) COLLATE \"C\", \(bind(id)))"
                }
            }
            return sql
        }
    }

    public func count(_ register: Register, community: String) async throws -> Int {
        try await read { pg in
            try await pg.integer("SELECT count(*) FROM \(unescaped: register.table) WHERE community_code = \(community) AND deleted_at IS NULL")
        }
    }

    public func records(_ register: Register, community: String, after: Int64?, limit: Int) async throws -> [StoredRecord] {
        try await read { pg in
            try await pg.rows("""
                SELECT id, fields::text AS fields FROM \(unescaped: register.table)
                WHERE community_code = \(community) AND deleted_at IS NULL AND id > \(after ?? 0) ORDER BY id LIMIT \(limit)
                """).map { StoredRecord(ref: RecordRef(register, id: try $0.id()), fields: try $0.fields()) }
        }
    }

    public func acceptedWarnings(of ref: RecordRef) async throws -> [String: String] {
        try await read { pg in try await Self.acceptedWarnings(pg, table: ref.register.table, id: ref.id) }
    }

    /// Browser rows of the given ids, in that order.
    func summaries(_ register: Register, ids: [Int64]) async throws -> [RegisterRow] {
        guard !ids.isEmpty else { return [] }
        let rows = try await read { pg in
            try await pg.rows("SELECT \(unescaped: Self.summaryColumns(register)) FROM \(unescaped: register.table) WHERE id = ANY(\(ids))")
        }
        var byId: [Int64: RegisterRow] = [:]
        for row in rows {
            var summary = try Self.summary(row)
            // Behind service items the figure is each person's number of services in the period.
            if register == .survey { summary.servicesInPeriod = try row.int("services_in_period") }
            byId[summary.id] = summary
        }
        return ids.compactMap { byId[$0] }
    }

    public func searchSummaries(community: String, query: String, limit: Int) async throws -> [RegisterRow] {
        let ids = try await searchPersons(community: community, query: query, limit: limit).map(\.id)
        return try await summaries(.survey, ids: ids).map { row in
            var plain = row
            plain.servicesInPeriod = nil
            return plain
        }
    }

    /// Records found by the browser's search: persons by the person search; services and activities of the
    /// persons it finds, then those whose text contains what was typed (as the SQLite engine searches).
    public func searchRecords(_ register: Register, community: String, query raw: String, limit: Int) async throws -> [RegisterRow] {
        let query = Normalize.halfWidth(raw).trimmingSpaces()
        guard !query.isEmpty else { return [] }
        if register == .survey { return try await searchSummaries(community: community, query: query, limit: limit) }
        // Deleted persons too: their services and role models are still in these registers, to be dealt with.
        let persons = try await searchPersons(community: community, query: query, limit: limit, includingDeleted: true)
        let textToo = !query.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let ids: [Int64] = try await read { pg in
            var found: [Int64] = []
            func add(_ more: [Int64]) { for id in more where found.count < limit && !found.contains(id) { found.append(id) } }
            switch register {
            case .survey:
                break
            case .service:
                for person in persons where found.count < limit {
                    add(try await pg.ids("""
                        SELECT id FROM service WHERE person_id = \(person.id) AND community_code = \(community) AND deleted_at IS NULL
                        ORDER BY service_date DESC, id DESC LIMIT \(limit)
                        """))
                }
                if textToo, found.count < limit {
                    add(try await pg.ids("""
                        SELECT id FROM service WHERE community_code = \(community) AND deleted_at IS NULL
                            AND strpos(fields->>'content', \(query)) > 0 ORDER BY service_date DESC, id DESC LIMIT \(limit)
                        """))
                }
            case .activity:
                for person in persons where found.count < limit {
                    add(try await pg.ids("""
                        SELECT id FROM activity WHERE community_code = \(community) AND person_id_number = \(person.idNumber)
                            AND deleted_at IS NULL ORDER BY date DESC, id DESC LIMIT \(limit)
                        """))
                }
                if textToo, found.count < limit {
                    add(try await pg.ids("""
                        SELECT id FROM activity WHERE community_code = \(community) AND deleted_at IS NULL
                            AND (strpos(fields->>'title', \(query)) > 0 OR strpos(kind, \(query)) > 0
                                 OR strpos(COALESCE(fields->>'target', ''), \(query)) > 0 OR strpos(COALESCE(fields->>'story', ''), \(query)) > 0)
                        ORDER BY date DESC, id DESC LIMIT \(limit)
                        """))
                }
            }
            return found
        }
        return try await summaries(register, ids: ids).map { row in
            var plain = row
            plain.servicesInPeriod = nil
            return plain
        }
    }

    /// The records behind a score item (counted by `include`, not by `excluding`), as browser rows.
    public func evidenceSummaries(_ e: Evidence, community: String, limit: Int) async throws -> (register: Register, rows: [RegisterRow]) {
        let (register, ids): (Register, [Int64]) = try await read { pg in
            if Measure.activityMeasures.contains(e.include) {
                return (.activity, try await pg.ids("""
                    SELECT id FROM activity WHERE community_code = \(community) AND deleted_at IS NULL
                        AND COALESCE((facts->>\(e.include.rawValue))::bigint, 0) > 0 ORDER BY id LIMIT \(limit)
                    """))
            }
            if e.include == .errorRecords || e.include == .warningRecords {
                let condition = e.include == .errorRecords ? "error_count > 0" : "error_count = 0 AND warning_count > 0"
                for register in Register.allCases {
                    let ids = try await pg.ids("""
                        SELECT id FROM \(unescaped: register.table) WHERE community_code = \(community) AND deleted_at IS NULL
                            AND \(unescaped: condition) ORDER BY id LIMIT \(limit)
                        """)
                    if !ids.isEmpty { return (register, ids) }
                }
                return (.survey, [])
            }
            guard Measure.personMeasures.contains(e.include) else { return (.survey, []) }
            let excluded = e.excluding.flatMap { Measure.personMeasures.contains($0) ? $0.rawValue : nil } ?? ""
            return (.survey, try await pg.ids("""
                SELECT id FROM person WHERE community_code = \(community) AND deleted_at IS NULL
                    AND COALESCE((facts->>\(e.include.rawValue))::bigint, 0) > 0
                    AND (\(excluded) = '' OR COALESCE((facts->>\(excluded))::bigint, 0) = 0)
                ORDER BY id LIMIT \(limit)
                """))
        }
        return (register, try await summaries(register, ids: ids))
    }
}
