import LedgerCore

/// What a clerk's forms need: saving, opening, deleting, restoring and undoing records, the look-ups made while
/// typing, and the kept drafts.
public protocol EntryStore: LedgerSession {
    /// Validates and saves a record (new, or a correction of `editing`). Errors refuse the save; warnings are
    /// saved and counted as unresolved unless `acceptedWarnings` gives a reason for their code.
    func save(_ entry: RecordEntry, community: String, editing: EditToken?, acceptedWarnings: [String: String],
              action: SaveAction) async throws -> SaveResult<SavedRecord>
    /// A record's field text, the token to correct it, and its accepted warnings.
    func open(_ ref: RecordRef) async throws -> OpenedRecord?
    /// Soft-deletes with a reason. A person with services is deleted only when `confirmingServices` says how
    /// many the clerk was told of.
    func delete(_ ref: RecordRef, reason: String, confirmingServices: Int) async throws
    func restore(_ ref: RecordRef) async throws
    /// Undoes the operator's own latest change of the record not undone yet.
    func undoLastChange(_ ref: RecordRef) async throws -> SaveResult<SavedRecord>
    /// Accepts one warning rule on many records with one reason (audited per record); returns how many.
    func acceptWarning(code: String, reason: String, records: [RecordRef]) async throws -> Int
    func activeServiceCount(person id: Int64) async throws -> Int

    // Look-ups while typing
    func searchPersons(community: String, query: String, limit: Int) async throws -> [PersonMatch]
    func personsWithIdNumber(_ idNumber: String) async throws -> [ValidationContext.ExistingPerson]
    func personWithServices(community: String, idNumber: String) async throws -> (Person, Int)?
    /// Ids of the active services of a person on a day with a type: what the same-day rule of a service being
    /// typed asks (`ValidationContext.sameDayServices`), answered as the engine answers it when saving.
    func sameDayServices(_ key: SameDayServiceKey) async throws -> [Int64]

    // Kept drafts
    func storeDraft(slot: String, content: String) async throws
    func discardDraft(slot: String) async throws
    func keptDrafts() async throws -> [KeptDraft]
}
