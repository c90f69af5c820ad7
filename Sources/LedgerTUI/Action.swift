import LedgerCore
import TerminalUI

/// What happened: a key, a resize, or the result of an effect. Named for the event, not the intent.
public enum Action: Sendable {
    case keyPressed(Key)
    case pasted(String)
    case resized(width: Int, height: Int)
    /// How many keys typed ahead wait for an effect they depend on (0: none wait any longer).
    case keysHeld(Int)
    /// The share of a long effect done (a register's workbook being written).
    case progressed(Double)
    case communitiesLoaded([Community])
    case factsLoaded(ScoreFacts, Counts)
    case draftsLoaded([Draft])
    case personsFound(query: String, [PersonHit])
    case idNumberLookedUp(String, [ValidationContext.ExistingPerson])
    /// The active services of a person on a day with a type, asked for a service being typed (same-day rule).
    case sameDayServicesLookedUp(SameDayServiceKey, [Int64])
    case servicePersonLoaded(PersonSnapshot?)
    case recordSaved(kind: FormKind, summary: String, findings: [Finding], keepForNext: Bool)
    case recordRefused(findings: [Finding])
    case communitySaved(Community)
    case effectFailed(String)
    case pageLoaded(Register, [RegisterRow])
    case recordOpened(EditingRecord, accepted: [String: String], focus: String?)
    case historyLoaded([HistoryLine])
    /// `corrected`: records whose kept counts or figures a recount rewrote.
    case checksLoaded([CheckItem], corrected: Int = 0)
    /// The active services of a person the clerk is about to delete were counted.
    case servicesCounted(personId: Int64, count: Int)
    /// A delete, restore or undo finished; the message says what happened.
    case registerChanged(String)
    case evidenceLoaded(title: String, Register, [RegisterRow])
    case overviewLoaded([CommunityFigures])
    case planDetailsLoaded(PlanDetails)
    case accessLoaded(Set<String>?)
    /// What the operator may do in the evaluation procedure (the evaluation screen's keys).
    case roleLoaded(EvaluationRole)
    /// Whether the community's records are locked by a signed 初评 (nil: they may be changed).
    /// The lock, and the period's latest submission (for the home screen's line beside the live score).
    case lockLoaded(community: String, Signature?, submission: Evaluation? = nil)
    /// Saving an edit found that someone else changed the record: fields that differ (theirs).
    case editConflict([String])
    /// An export's file already exists; nothing was written.
    case exportNeedsConfirmation(ExportKind, path: String)
    /// An export finished; the message says what was written where, `file` is the workbook written (the next export
    /// suggests its folder).
    case exported(String, file: String)
    /// The workbook could not be written where the clerk said (no such folder, a folder of that name…): the file
    /// name dialog opens again with the path as typed, the reason below it.
    case exportFailed(ExportKind, path: String, String)
    /// The evaluation screen's submission as the store holds it now, after `request` (nil: a plain reload).
    case evaluationUpdated(Evaluation?, after: EvaluationRequest?)
    /// The city's review of the recommended 初评 as the store holds it now (nil: not recommended).
    case cityReviewUpdated(CityReview?, after: EvaluationRequest?)
    case districtPageLoaded(DistrictPageQuery, [RegisterRow])
    /// Persons found anywhere by what was typed (`query`).
    case districtFound(query: String, DistrictHits)
    case statisticsLoaded(OperatorStatistics)
    /// Other sessions committed changes to these communities (empty: any community): what the screen shows of
    /// them is read again (ReduceLive.swift).
    case storeChanged(Set<String>)
    /// The store's server could no longer be reached (`lost`), or can be again.
    case connectionChanged(lost: Bool)
    /// An effect failed because the store could not be reached (nothing was written); the message says what was
    /// not done. `writing`: the effect was to change the store (a save), not to read.
    /// `outcomeUnknown`: a write's COMMIT went unanswered, so it may have been saved (the message says so).
    case effectLostConnection(String, writing: Bool, outcomeUnknown: Bool = false)
}

/// A page of a register to read: keyset boundary on (sort column value, id), filters.
public struct PageQuery: Sendable, Hashable {
    public var register: Register
    public var community: String
    public var sort: String
    public var after: Boundary?
    public var before: Boundary?
    public var limit: Int
    public var deleted: Bool
    public var problemsOnly: Bool
    public var status: String?
    public var trained: Bool?
    public var category: String? = nil
    public var dates: Period? = nil

    public struct Boundary: Sendable, Hashable {
        public let value: String
        public let id: Int64
        public init(value: String, id: Int64) {
            self.value = value
            self.id = id
        }
    }
}

/// Work for the runtime: I/O described as data. Its result comes back as an `Action`.
public enum Effect: Sendable, Equatable {
    case loadCommunities
    case loadFacts(community: String)
    case loadDrafts
    /// Stores a form in progress under its slot.
    case storeDraft(Draft)
    /// Removes a kept draft (saved or discarded).
    case discardDraft(slot: String)
    case searchPersons(community: String, query: String)
    case lookUpIdNumber(String)
    /// The services a service being typed would repeat (`ServiceValidator`'s same-day rule); answered by
    /// `sameDayServicesLookedUp`.
    case lookUpSameDayServices(SameDayServiceKey)
    case loadServicePerson(community: String, idNumber: String)
    case saveRecord(kind: FormKind, community: String, fields: [String: String], acceptedWarnings: [String: String], keepForNext: Bool,
                    editing: EditingRecord? = nil)
    /// A profile saved at the form; `openedAs`: the profile as the form opened it (nil: a new community), so that
    /// only what the form changed is written (`ProfileEdit`); `reasons`: the warnings accepted, by code.
    case saveCommunity(Community, openedAs: Community?, reasons: [String: String] = [:])
    case loadPage(PageQuery)
    case searchRecords(register: Register, community: String, query: String, limit: Int)
    case openRecord(Register, id: Int64, focus: String?)
    case loadHistory(Register, id: Int64)
    case undoLastChange(Register, id: Int64)
    /// `confirmingServices`: how many services of a person the dialog showed (the store refuses another number).
    case deleteRecord(Register, id: Int64, reason: String, confirmingServices: Int = 0)
    case countServices(personId: Int64)
    case restoreRecord(Register, id: Int64)
    /// Accept one warning rule on these records with one reason (the checks screen's group acceptance).
    case acceptWarnings(code: String, reason: String, records: [RecordRef])
    /// `recount`: also rewrite the kept counts and figures that differ from a judgement now, as `check` does (when
    /// the checks screen is opened by someone who may change the community: counts go stale when another
    /// community's clerk registers the same person, which their login may not write here).
    case loadChecks(community: String, recount: Bool = false)
    case loadEvidence(community: String, Evidence)
    case loadOverview
    /// What the plan needs besides the kept figures (services missing, short stories).
    case loadPlanDetails(community: String)
    case loadAccess
    /// The operator's part in the evaluation procedure; answered by `roleLoaded`. No key waits for it.
    case loadRole
    /// The community's 初评 lock; answered by `lockLoaded`.
    case loadLock(community: String)
    /// Writes a workbook; an existing file is replaced only with `overwrite`.
    /// `intoFolder`: where the workbook goes instead when what was typed (without an extension) names an existing
    /// folder: that folder, under the suggested file name (the app cannot tell a folder from a new name itself).
    case exportWorkbook(ExportKind, community: String, path: String, overwrite: Bool, intoFolder: String? = nil)
    /// The evaluation procedure (submit, 初评, draw, checks, sign, unlock); answered by `evaluationUpdated`.
    case evaluation(community: String, EvaluationRequest)
    case loadDistrictPage(DistrictPageQuery)
    case searchDistrict(DistrictScopeQuery, query: String)
    /// Appends a closed entry form to the operator statistics.
    case recordEntryEvent(EntryEvent)
    /// The operator statistics screen's figures; answered by `statisticsLoaded`.
    case loadStatistics(StatisticsFilter)
    case quit
}
