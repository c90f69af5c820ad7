import LedgerCore
import TerminalUI

/// A person found by the service form's search.
public struct PersonHit: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let idNumber: String
    public let status: String
    public init(id: Int64, name: String, idNumber: String, status: String) {
        self.id = id
        self.name = name
        self.idNumber = idNumber
        self.status = status
    }
}

/// A survey person with their service count in the period: what a service draft's preview needs.
public struct PersonSnapshot: Sendable, Hashable {
    public let person: Person
    public let servicesInPeriod: Int
    public init(person: Person, servicesInPeriod: Int) {
        self.person = person
        self.servicesInPeriod = servicesInPeriod
    }
}

/// Record counts shown on the home screen.
public struct Counts: Sendable, Hashable {
    public var persons = 0, services = 0, activities = 0
    public init(persons: Int = 0, services: Int = 0, activities: Int = 0) {
        self.persons = persons
        self.services = services
        self.activities = activities
    }
}

/// A form in progress as stored for recovery after a crash, a closed terminal or Esc. Every form opened has its own
/// slot, so keeping one form's draft never loses another's.
public struct Draft: Sendable, Hashable, Codable {
    public var kind: FormKind
    public var communityCode: String
    public var values: [String: String]
    public var focus: String
    /// Which kept draft this is; the store keeps it beside the encoded form, not inside it.
    public var slot: String = ""
    /// When the store last wrote it (shown in the list of kept drafts); nil until it has been stored.
    public var savedAt: String? = nil
    /// A service draft's person, by the name the form looked up for the number typed (not a field of the form):
    /// the clerk recognises the draft by it. Absent from drafts kept before it was.
    public var personName: String? = nil

    enum CodingKeys: String, CodingKey { case kind, communityCode, values, focus, personName }

    public init(kind: FormKind, communityCode: String, values: [String: String], focus: String, slot: String, savedAt: String? = nil) {
        self.kind = kind
        self.communityCode = communityCode
        self.values = values
        self.focus = focus
        self.slot = slot
        self.savedAt = savedAt
    }

    /// What the clerk recognises the draft by: the person's name, the activity's title, or the number typed.
    public var label: String {
        // A service draft is named by its person, or by the number typed, masked as every list shows it.
        let number = values["id_number"].map(ResidentID.masked)
        let person = personName.map { name in number.map { "\(name)（\($0)）" } ?? name }
        let name = values["name"] ?? values["title"] ?? person ?? number ?? ""
        return FormSpecs.spec(kind).title + (name.isEmpty ? "" : "：\(name)")
    }
}

/// A modal question over the current screen.
public enum Dialog: Sendable, Hashable {
    /// Leave a form with unsaved changes? (the draft stays saved for later)
    case leaveForm
    /// Opening a form of a kind that has a kept draft: restore it, start a new one, or discard it.
    case recoverDraft(Draft)
    /// At start: the operator's kept drafts of this community, to restore one of them.
    /// `discarding`: d was pressed on the selected one, whose discarding is asked first (it cannot be undone).
    case keptDrafts(ListState, discarding: Bool = false)
    /// A warning must be accepted with a reason before saving.
    case acceptWarning(Finding, reason: TextEditor, keepForNext: Bool)
    /// Quit the program?
    case quit
    /// Saving this correction clears fields that no longer apply (their labels): go on?
    case confirmClearedFields([String], keepForNext: Bool)
    /// Soft-delete the selected record: a reason is required. `services`: a person's services, once counted
    /// (0 for other registers); the dialog says what deleting does to them.
    case deleteRecord(RegisterRow, reason: TextEditor, services: Int?)
    /// The browser's date range, typed as `2024-01-01..2024-06-30`.
    case dateRange(TextEditor)
    /// Accept every open warning of one rule in the checks screen with one reason.
    case acceptWarningGroup(code: String, records: [RecordRef], reason: TextEditor)
    /// The file name of a workbook export (`e`).
    case exportFile(ExportKind, path: TextEditor)
    /// The export's file exists: replace it?
    case confirmOverwrite(ExportKind, path: String)
    /// A question of the evaluation screen (points, a reason, a note, a sample size, sign-off).
    case evaluationInput(EvaluationPrompt, TextEditor)
}

/// Which screen is showing.
public enum Screen: Sendable {
    case loading
    case chooseCommunity(ListState)
    case home
    case form(FormState)
    /// Help for the screen it was opened from; a key that does not scroll goes back there.
    indirect case help(HelpState, returnTo: Screen)
    case browser(BrowserState)
    case history(HistoryState)
    case checks(ChecksState)
    case score(ScoreState)
    case plan(PlanState)
    case overview(OverviewState)
    case evaluation(EvaluationState)
    case district(DistrictState)
    case statistics(StatisticsState)
}

/// Everything the app shows and knows. Changed only by `reduce`.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public let operatorName: String
    public let today: Day
    public let rubrics: [Rubric]
    public var communities: [Community] = []
    public var community: Community?
    /// Score figures of the saved registers of the current community.
    public var facts = ScoreFacts()
    public var counts = Counts()
    public var screen: Screen = .loading
    public var dialog: Dialog?
    /// One-line message in the status area (saved, refused, hints).
    public var message: String?
    public var messageIsError = false
    /// Below 100 columns the score panel shows only when toggled with F4.
    public var scorePanelToggled = false
    /// Whether the start-up draft check has happened.
    public var draftChecked = false
    /// The operator's kept drafts (every community), as the store holds them: changed together with the store.
    public var drafts: [Draft] = []
    /// Makes this run's draft slots unique among the operator's runs (injected: the runtime passes its start time).
    public let sessionTag: String
    /// Forms opened in this run; the next form's slot number.
    public var formsOpened = 0
    /// The entry forms opened and closed, for the operator statistics (stamped and written by the runtime).
    public var entryLog = EntryLog()
    /// ID numbers looked up in the registers, for duplicate checks while typing (filled by effects).
    public var knownPersons: [String: [ValidationContext.ExistingPerson]] = [:]
    /// Answers of the same-day look-up for the services being typed, by person, day and type (forgotten with the
    /// persons: after every change to a register).
    public var knownSameDayServices: [SameDayServiceKey: [Int64]] = [:]
    public var running = true
    /// Where exports are suggested (the user's documents folder), set by the runtime.
    public var documentsFolder = ""
    /// The share of a long task done (a register's workbook being written): drawn as a progress bar over the screen.
    public var progress: Double?
    /// Gauges drawn in plain ASCII (`[###---]`): the terminal is not UTF-8, or NO_COLOR asked for plain output.
    public var asciiGauges = false
    /// Communities this operator may change (nil: all).
    public var writable: Set<String>?
    /// What the operator may do in the evaluation procedure (nil until read: the screen then offers every key).
    public var evaluationRole: EvaluationRole?
    /// Signed 初评 locking communities' records, by community (`lockLoaded` after every figures load, and the
    /// evaluation screen's answers).
    public var locks: [String: Signature] = [:]
    /// The latest submission of each community's current period, read with the lock (`lockLoaded`, and the
    /// evaluation screen's answers): the home screen says it beside the live score.
    public var submissions: [String: Evaluation] = [:]
    /// The lock on the current community's records, if any.
    public var lock: Signature? { community.flatMap { locks[$0.code] } }
    /// The store's server cannot be reached: the status line says so until the engine has reconnected.
    public var connectionLost = false
    /// Why the ledger could not be opened at start (a refused login, a server not reached), kept on the loading
    /// screen until it opens or the clerk quits (the message line is cleared by the next key).
    public var startProblem: String?
    /// Keys typed ahead that wait for an effect they depend on (`keyWaits`); while any do, a busy hint shows.
    public var heldKeys = 0
    /// The saved score and the score as if the open form's draft were saved: computed in `reduce` when their
    /// inputs change, never in `render`.
    public internal(set) var scoreCards: (saved: ScoreCard, preview: ScoreCard?)?
    var scoreInput: (saved: ScoreInput, preview: PreviewInput?)?

    /// Whether the current community may be changed by this operator.
    public var canWrite: Bool { community.map { mayChange($0.code) } ?? true }

    /// Whether this operator may change a community's records.
    public func mayChange(_ community: String) -> Bool { writable.map { $0.contains(community) } ?? true }

    /// Whether a community's personal numbers show in full to this operator (`NumberPrivacy`: to those who may
    /// change it); a record view, a history and a list of another community mask them otherwise.
    public func showsNumbersInFull(of community: String) -> Bool {
        NumberPrivacy.showsInFull(community, writable: writable)
    }

    public init(width: Int, height: Int, operatorName: String, today: Day, rubrics: [Rubric], sessionTag: String = "s") {
        self.sessionTag = sessionTag
        self.width = width
        self.height = height
        self.operatorName = operatorName
        self.today = today
        self.rubrics = rubrics
    }

    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }

    /// Whether quitting now throws typed work away: an unsaved correction or first profile. A new record's typing is
    /// not lost: its draft is kept and offered at the next start.
    var quitDiscardsWork: Bool {
        guard case .form(let form) = screen else { return false }
        if community == nil { return form.dirty }
        return form.draftSlot == nil && form.hasUnsavedContent(drafts: drafts)
    }

    /// Whether a form holds typing not saved into its register (kept as a draft or not): quitting asks first.
    var quitLeavesUnsaved: Bool {
        guard case .form(let form) = screen else { return false }
        return community == nil ? form.dirty : form.hasUnsavedContent(drafts: drafts)
    }

    /// How many characters of a paste the focused line can take (a dialog's, a form's field, a search): the
    /// backend reads no more of it than that. (It had been 0 outside forms: a paste into a dialog kept one character.)
    public var pasteLimit: Int {
        if let dialog { return dialog.pasteTarget?.limit ?? 0 }
        switch screen {
        case .form(let form): return form.editor.limit
        case .browser(let browser): return browser.search?.limit ?? 0
        case .district(let district): return district.search?.limit ?? 0
        default: return 0
        }
    }

    /// The rubric that scores the current community (by its level).
    public var rubric: Rubric? { community.flatMap { rubric(for: $0.level) } }

    /// The rubric a community of a level is scored by (also for the first-run profile, before any community exists).
    public func rubric(for level: Community.Level) -> Rubric? {
        let id = level == .street ? "xining-street" : "xining-community"
        return rubrics.first { $0.id == id } ?? rubrics.first
    }

    public var showsScorePanel: Bool { width >= 100 || scorePanelToggled }

    /// Kept drafts of the current community, oldest first.
    public var communityDrafts: [Draft] {
        guard let code = community?.code else { return [] }
        return drafts.filter { $0.communityCode == code }
    }
}
