import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Imports a register file's rows into a community in one transaction: every row validated against the
    /// registers and the rows before it, as the SQLite engine does; all or nothing (any error writes nothing), or
    /// skipping invalid rows. The judged rows are written with COPY and what a save would change around them is
    /// done for the whole file at once (`bulkWrite`); the history gets one entry for the file.
    public func importRows<Rows: Sequence<RawRecord>>(_ register: Register, _ rows: Rows, community: String, mode: ImportMode,
                                                      acceptWarningsReason: String?, source: String) async throws -> ImportReport {
        let all = Array(rows)
        return try await transaction { pg -> (ImportReport, Bool) in
            let c = try await Self.requireCommunity(pg, code: community)
            try await requireWritable(pg, community: community)
            let lookups = PersonLookups()
            // The numbers the file names, fetched in one round before the rows are judged.
            for row in all { _ = Self.validate(register, row.fields, context: context(c, lookups), staff: operatorName) }
            _ = try await lookups.loadMissing(pg)
            // The services of the persons just found, for the repeated-service check, in a second round.
            for row in all where register == .service { _ = Self.validate(register, row.fields, context: context(c, lookups), staff: operatorName) }
            _ = try await lookups.loadMissing(pg)
            // A service repeating one on an earlier line (same person, day and type) warns on the later line.
            var serviceLineOf: [ServiceTwinKey: Int] = [:]
            // A number seen on an earlier line of the file is a duplicate of that line, not of the register.
            var lineOf: [String: Int] = [:]
            let earlierRow = [ValidationContext.ExistingPerson(id: -1, name: "", communityCode: community)]
            if register == .survey { lookups.pending = { lineOf[$0] == nil ? [] : earlierRow } }
            var report = ImportReport()
            var good: [JudgedRow] = []
            for row in all {
                var judged = try await judgeRow(pg, register, row, community: c, lookups: lookups)
                if case .person(let person)? = judged.record, let earlier = lineOf[person.idNumber] {
                    judged.findings.removeAll { $0.code == "id.duplicate" }
                    judged.findings.append(.error("id_number", "id.duplicate_in_file", "与本文件第\(earlier)行的公民身份号码重复"))
                }
                guard let record = judged.saveable else {
                    report.rejected.append((row.line, judged.findings))
                    continue
                }
                if case .person(let person) = record { lineOf[person.idNumber] = row.line }
                if case .service(let service) = record {
                    let key = ServiceTwinKey(service)
                    if let earlier = serviceLineOf[key] {
                        if !judged.findings.contains(where: { $0.code == "service.duplicate" }) {
                            judged.findings.append(.warning("service_date", "service.duplicate",
                                                            "与本文件第\(earlier)行是同一人、同一天、同一类型的服务，请确认不是重复登记"))
                        }
                    } else {
                        serviceLineOf[key] = row.line
                    }
                }
                good.append(JudgedRow(line: row.line, record: record, findings: judged.findings))
            }
            if mode == .allOrNothing && !report.rejected.isEmpty {
                report.rolledBack = true
                return (report, false)
            }
            guard !good.isEmpty else { return (report, true) }
            guard let batch = try await pg.row("""
                INSERT INTO import_batch (at, operator, community_code, record_table, rows, source)
                VALUES (\(now()), \(operatorName), \(community), \(register.table), \(good.count), \(source)) RETURNING id
                """) else { throw StoreError("写入数据库失败，数据未保存", detail: "import_batch") }
            try await bulkWrite(pg, register, good, community: c, batch: try batch.id(), acceptWarningsReason: acceptWarningsReason)
            pg.changed(community)
            report.imported = good.count
            report.warnings = good.filter { !$0.findings.isEmpty }.map { ($0.line, $0.findings) }
            return (report, true)
        }
    }

    private func context(_ c: Community, _ lookups: PersonLookups) -> ValidationContext {
        var context = ValidationContext(today: today(), communityCode: c.code, period: c.period, personsWithIdNumber: { lookups($0) })
        context.sameDayServices = { lookups.sameDay($0, $1, $2) }
        context.surveyOfPerson = { lookups.survey($0) }
        return context
    }

    private func judgeRow(_ pg: PG, _ register: Register, _ row: RawRecord, community c: Community, lookups: PersonLookups) async throws -> Judged {
        try await judge(pg, register, row.fields, community: c, editingId: nil, lookups: lookups)
    }
}
