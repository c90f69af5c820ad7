import LedgerCore
import TerminalUI

/// What happened: a key, a resize, or the result of an effect. Named for the event, not the intent.
public enum Action: Sendable {
    case keyPressed(Key)
    case pasted(String)
    case resized(width: Int, height: Int)
    case communitiesLoaded([Community])
    case factsLoaded(ScoreFacts, Counts)
    case draftLoaded(Draft?)
    case personsFound(query: String, [PersonHit])
    case idNumberLookedUp(String, [ValidationContext.ExistingPerson])
    case servicePersonLoaded(PersonSnapshot?)
    case recordSaved(kind: FormKind, summary: String, findings: [Finding], keepForNext: Bool)
    case recordRefused(findings: [Finding])
    case communitySaved(Community)
    case effectFailed(String)
}

/// Work for the runtime: I/O described as data. Its result comes back as an `Action`.
public enum Effect: Sendable, Equatable {
    case loadCommunities
    case loadFacts(community: String)
    case loadDraft
    /// Stores (or with nil, clears) the operator's draft.
    case storeDraft(Draft?)
    case searchPersons(community: String, query: String)
    case lookUpIdNumber(String)
    case loadServicePerson(community: String, idNumber: String)
    case saveRecord(kind: FormKind, community: String, fields: [String: String], acceptedWarnings: [String: String], keepForNext: Bool)
    case saveCommunity(Community)
    case quit
}
