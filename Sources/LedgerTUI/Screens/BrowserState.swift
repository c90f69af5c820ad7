import LedgerCore
import TerminalUI

/// A record being corrected: where it stood when opened, to detect changes by others.
public struct EditingRecord: Sendable, Hashable {
    public let register: Register
    public let id: Int64
    public let version: Int
    public let originalFields: [String: String]
    public init(register: Register, id: Int64, version: Int, originalFields: [String: String]) {
        self.register = register
        self.id = id
        self.version = version
        self.originalFields = originalFields
    }
}

/// The register browser: one page of rows at a time (keyset pages), a selection, filters and search.
public struct BrowserState: Sendable {
    public var register: Register
    public var rows: [RegisterRow] = []
    /// A new query was asked and its answer has not come: the rows shown are the earlier query's.
    public var rowsOfEarlierQuery = false
    /// A record of a community the operator may not change, shown read-only (numbers masked) instead of a form.
    public var viewing: RecordView?
    public var list = ListState()
    public var showDeleted = false
    public var problemsOnly = false
    /// The `/` search being typed (survey register), or nil.
    public var search: TextEditor?
    public var query = ""
    /// Field key the rows are ordered by (then by id).
    public var sort = "id"
    public var statusFilter: String?
    public var trainedFilter: Bool?
    public var categoryFilter: String?
    public var dateFilter: Period?
    /// The page being loaded continues the list (PgDn/PgUp): an empty answer then means the end was reached
    /// and the rows shown stay. Any other load is a new query whose answer, even empty, replaces the rows.
    public var turning: PageTurn?
    /// The record selected when the page was asked again because others changed the register: the answer keeps
    /// it selected wherever it now is (nil: the selection keeps its row number).
    public var keepSelected: Int64?
    /// The list the deleted view (`x`) was opened from: its search and its selected record (the one restored last,
    /// once `r` restores one), given back when `x` returns, so that the next key acts where the clerk left off.
    public var beforeDeleted: ListPlace?
    public init(register: Register) { self.register = register }

    public struct ListPlace: Sendable {
        var query: String
        var selected: Int64?
    }

    /// `x`: into the deleted records (the whole list of them: a search lists active records), or back to the list
    /// as it was left.
    mutating func toggleDeleted() {
        if showDeleted {
            query = beforeDeleted?.query ?? ""
            keepSelected = beforeDeleted?.selected
            beforeDeleted = nil
        } else {
            beforeDeleted = ListPlace(query: query, selected: selected?.id)
            query = ""
        }
        showDeleted.toggle()
        list = ListState()
    }

    public enum PageTurn: Sendable { case forward, backward }

    /// Whether any filter narrows the rows (an empty answer then means nothing matches, not an empty register).
    public var isFiltered: Bool {
        showDeleted || problemsOnly || !query.isEmpty || statusFilter != nil || trainedFilter != nil || categoryFilter != nil
            || dateFilter != nil
    }

    /// Sort columns offered for this register, in the order `s` cycles through them.
    public var sortColumns: [String] {
        switch register {
        case .survey: ["id", "name", "id_number", "gender", "phone", "status", "survey_date", "trained"]
        case .service: ["id", "service_date", "name", "id_number", "service_type", "method", "content"]
        case .activity: ["id", "date", "kind", "participants", "title"]
        }
    }

    /// A row's position for keyset paging.
    public func boundary(_ row: RegisterRow) -> PageQuery.Boundary {
        PageQuery.Boundary(value: sort == "id" ? "" : row.sortKey, id: row.id)
    }

    public var selected: RegisterRow? { list.selected < rows.count ? rows[list.selected] : nil }
}

/// One line of a record's history.
public struct HistoryLine: Sendable, Hashable {
    public let at: String
    public let operatorName: String
    public let action: String
    public let changes: [(field: String, old: String?, new: String?)]
    public init(at: String, operatorName: String, action: String, changes: [(field: String, old: String?, new: String?)]) {
        self.at = at
        self.operatorName = operatorName
        self.action = action
        self.changes = changes
    }
    public static func == (a: HistoryLine, b: HistoryLine) -> Bool {
        a.at == b.at && a.operatorName == b.operatorName && a.action == b.action && a.changes.count == b.changes.count
    }
    public func hash(into h: inout Hasher) { h.combine(at); h.combine(action) }
}

public struct HistoryState: Sendable {
    public let register: Register
    public let id: Int64
    /// The operator may not change the record's community: its numbers are masked in the changes as everywhere
    /// (`NumberPrivacy`), and `u` (undo) is not offered.
    public let readOnly: Bool
    public var lines: [HistoryLine] = []
    public var offset = 0
    public let returnTo: BrowserState
    /// Opened from the district register: Esc goes back there instead of to `returnTo`.
    public var returnToDistrict: DistrictState? = nil
}

/// One problem found by the checks screen.
public struct CheckItem: Sendable, Hashable {
    public let register: Register
    public let id: Int64
    public let field: String
    public let severity: Severity
    public let message: String
    public let accepted: String?
    /// The rule that found it (`id.checksum`), for grouping.
    public let code: String
    public init(register: Register, id: Int64, field: String, severity: Severity, message: String, accepted: String? = nil,
                code: String = "") {
        self.code = code
        self.register = register
        self.id = id
        self.field = field
        self.severity = severity
        self.message = message
        self.accepted = accepted
    }
}

public struct ChecksState: Sendable {
    public var items: [CheckItem] = []
    public var list = ListState()
    public var loaded = false
    /// A record of the list the operator may not change, shown read-only over it (RecordViewing.swift).
    public var viewing: RecordView?
}

/// Where a form returns after saving or leaving.
public enum ReturnScreen: Sendable {
    case home
    case browser(BrowserState)
    case checks(ChecksState)
    case score(ScoreState)
    case plan(PlanState)
    case district(DistrictState)
    case evaluation(EvaluationState)
}
