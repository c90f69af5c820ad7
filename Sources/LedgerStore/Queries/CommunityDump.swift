import GRDB
import LedgerCore

/// Everything one community's ledger holds, as stored: its profile, every record (deleted ones too) with its
/// field text, the reasons of its accepted warnings, its imports and its audit trail. What `admin migrate` moves
/// into a district's PostgreSQL ledger; the receiving engine recomputes every derived figure itself.
public struct CommunityDump: Sendable {
    public struct Record: Sendable {
        public let register: Register
        public let id: Int64
        public let fields: [String: String]
        /// A service's person (by this ledger's person id).
        public let personId: Int64?
        public let deletedAt: String?
        public let deletedReason: String?
    }

    public struct AcceptedWarning: Sendable {
        public let register: Register
        public let recordId: Int64
        public let code: String
        public let reason: String
        public let operatorName: String
        public let acceptedAt: String
    }

    /// An imported file: the records with ids `firstId...lastId` of its register came from it.
    public struct ImportBatch: Sendable {
        public let at: String
        public let operatorName: String
        public let register: Register
        public let source: String
        public let firstId: Int64
        public let lastId: Int64
        public let rows: Int
    }

    public let community: Community
    /// Persons, then services, then activities, each in id order (the order they were entered).
    public let records: [Record]
    public let accepted: [AcceptedWarning]
    public let imports: [ImportBatch]
    /// The community's audit entries, oldest first.
    public let audit: [AuditEntry]
    /// Self-assessments submitted (the evaluation workflow, which only the SQLite engine keeps so far).
    public let evaluations: Int
}

extension AppDatabase {
    /// The whole of one community, read in one transaction (a consistent copy while clerks keep working).
    public func dump(community code: String) throws -> CommunityDump {
        try read { db in
            guard let community = try Self.community(db, code: code) else { throw StoreError("找不到社区代码为\(code)的社区") }
            var records: [CommunityDump.Record] = []
            for register in Register.allCases {
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(register.table) WHERE community_code = ? ORDER BY id", arguments: [code])
                while let row = try rows.next() {
                    records.append(CommunityDump.Record(register: register, id: row["id"], fields: try Self.summary(register, row).fields,
                                                        personId: register == .service ? row["person_id"] : nil,
                                                        deletedAt: row["deleted_at"], deletedReason: row["deleted_reason"]))
                }
            }
            var accepted: [CommunityDump.AcceptedWarning] = []
            for register in Register.allCases {
                for row in try Row.fetchAll(db, sql: """
                    SELECT a.* FROM accepted_warning a JOIN \(register.table) r ON r.id = a.record_id
                    WHERE a.record_table = ? AND r.community_code = ? ORDER BY a.record_id, a.code
                    """, arguments: [register.table, code]) {
                    accepted.append(CommunityDump.AcceptedWarning(register: register, recordId: row["record_id"], code: row["code"],
                                                                  reason: row["reason"], operatorName: row["operator"], acceptedAt: row["accepted_at"]))
                }
            }
            let imports = try Row.fetchAll(db, sql: "SELECT * FROM import_batch WHERE community_code = ? ORDER BY id", arguments: [code])
                .compactMap { row -> CommunityDump.ImportBatch? in
                    guard let register = Register(table: row["record_table"]) else { return nil }
                    return CommunityDump.ImportBatch(at: row["at"], operatorName: row["operator"], register: register, source: row["source"],
                                                     firstId: row["first_id"], lastId: row["last_id"], rows: row["rows"])
                }
            let audit = try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE community_code = ? ORDER BY id", arguments: [code]).map { row in
                let table: String = row["record_table"]
                return AuditEntry(id: row["id"], at: row["at"], operatorName: row["operator"], communityCode: code, recordTable: table,
                                  recordId: row["record_id"], action: row["action"], changes: AuditLog.decode(row["changes"], table: table))
            }
            let evaluations = try Int.fetchOne(db, sql: "SELECT count(*) FROM evaluation WHERE community_code = ?", arguments: [code]) ?? 0
            return CommunityDump(community: community, records: records, accepted: accepted, imports: imports, audit: audit,
                                 evaluations: evaluations)
        }
    }
}
