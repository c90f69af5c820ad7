extension PostgresMigrations {
    /// A sampled service's date and type as the sample listed them: written at the draw and again when a check is
    /// recorded, so that the list, the report and the signed workbook say what was checked even after the
    /// community corrects the record. Null before this version: shown as now. Not part of the drawn list that
    /// `spot_check_final` keeps fixed: a check records them again. Frozen.
    static let v11: [String] = [
        "ALTER TABLE spot_check ADD COLUMN service_date_seen text",
        "ALTER TABLE spot_check ADD COLUMN service_type_seen text",
    ]
}
