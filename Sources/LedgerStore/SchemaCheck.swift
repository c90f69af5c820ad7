import GRDB

/// What a file opened as the ledger turns out to be, decided before anything is written to it: a new file gets the
/// ledger's tables, a ledger is brought up to date, and anything else is refused, so that neither another
/// program's database nor a ledger written by a newer version of this program is changed by this one.
enum SchemaCheck {
    enum State: Equatable {
        /// No tables yet: a new ledger.
        case empty
        /// A ledger this program knows; `current` when every migration is applied.
        case ledger(current: Bool)
    }

    static func state(_ db: Database, migrator: DatabaseMigrator, path: String) throws -> State {
        let tables = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        if tables.isEmpty { return .empty }
        // A ledger has GRDB's migration table with our first migration and the community table it created;
        // another program's file (even one that uses GRDB) lacks one of them.
        let applied = tables.contains("grdb_migrations") ? try migrator.appliedIdentifiers(db) : []
        guard applied.contains("v1"), tables.contains("community") else {
            throw StoreError("文件 \(path) 不是台账数据库（其中是其他程序的数据），未做任何改动。请用 --db 指定台账数据库文件，或给出一个新文件名以新建台账")
        }
        // A migration this program does not know: the file has tables, triggers and rules it would bypass.
        guard try !migrator.hasBeenSuperseded(db) else { throw newerVersion(path) }
        return .ledger(current: try migrator.hasCompletedMigrations(db))
    }

    static func newerVersion(_ path: String) -> StoreError {
        StoreError("数据库由更新版本的程序创建，请升级 chuangye（数据库：\(path)，未做任何改动）")
    }
}
