import LedgerCore

/// Typed shorthands over the one save path, for the store's own tests and tools (not part of the boundary):
/// `savePerson(fields, community:)` reads better in a test than building a `RecordEntry`.
extension AppDatabase {
    func savePerson(_ raw: [String: String], community: String, editing: EditToken? = nil,
                    acceptedWarnings: [String: String] = [:], action: SaveAction = .entry) throws -> SaveResult<Person> {
        let r = try save(RecordEntry(.survey, raw), community: community, editing: editing, acceptedWarnings: acceptedWarnings, action: action)
        return SaveResult(saved: r.saved?.person, findings: r.findings)
    }

    func recordService(_ raw: [String: String], community: String, editing: EditToken? = nil,
                       acceptedWarnings: [String: String] = [:], action: SaveAction = .entry) throws -> SaveResult<Service> {
        let r = try save(RecordEntry(.service, raw), community: community, editing: editing, acceptedWarnings: acceptedWarnings, action: action)
        return SaveResult(saved: r.saved?.service, findings: r.findings)
    }

    func saveActivity(_ raw: [String: String], community: String, editing: EditToken? = nil,
                      acceptedWarnings: [String: String] = [:], action: SaveAction = .entry) throws -> SaveResult<Activity> {
        let r = try save(RecordEntry(.activity, raw), community: community, editing: editing, acceptedWarnings: acceptedWarnings, action: action)
        return SaveResult(saved: r.saved?.activity, findings: r.findings)
    }
}
