import GRDB

/// SQL functions the schema relies on, registered on every connection before migrations run.
enum SQLFunctions {
    /// `chuangye_name_key(name)`: the pinyin sort key of a name (the v8 backfill; the app computes it itself).
    static let nameKey = DatabaseFunction("chuangye_name_key", argumentCount: 1, pure: true) { values in
        guard let name = String.fromDatabaseValue(values[0]) else { return nil }
        return PersonRecord.nameKey(name)
    }

    static func register(_ db: Database) {
        db.add(function: nameKey)
    }
}
