import GRDB

/// Receives a record's column values in column order, so that a record is encoded by one function for a save and
/// for an import.
protocol ColumnSink {
    mutating func text(_ value: String?)
    mutating func integer(_ value: Int64?)
}

extension ColumnSink {
    mutating func integer(_ value: Int) { integer(Int64(value)) }
    mutating func bool(_ value: Bool) { integer(value ? 1 : 0) }
}

/// Column values as statement arguments.
struct ValueList: ColumnSink {
    var values: [DatabaseValue] = []
    mutating func text(_ value: String?) { values.append(value?.databaseValue ?? .null) }
    mutating func integer(_ value: Int64?) { values.append(value?.databaseValue ?? .null) }
}
