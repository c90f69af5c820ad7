import CSQLiteControl
import GRDB
import GRDBSQLite

/// SQL functions the schema relies on, and the `cy_rows` table imports insert from (rows_table.c), registered on
/// every connection before migrations run.
enum SQLFunctions {
    /// `chuangye_name_key(name)`: the pinyin sort key of a name (the v8 backfill; the app computes it itself).
    static let nameKey = DatabaseFunction("chuangye_name_key", argumentCount: 1, pure: true) { values in
        guard let name = String.fromDatabaseValue(values[0]) else { return nil }
        return PersonRecord.nameKey(name)
    }

    static func register(_ db: Database) throws {
        db.add(function: nameKey)
        let code = cy_sqlite_register_rows(db.sqliteConnection)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register cy_rows")
        }
    }
}
