import Foundation
import LedgerCore
import LedgerStore
import LedgerTUI

/// Runs the app's effects against the store; each result comes back as an action.
struct EffectRunner {
    let database: AppDatabase

    func run(_ effect: Effect) -> Action? {
        do {
            return try perform(effect)
        } catch let e as StoreError {
            return .effectFailed(e.message)
        } catch let conflict as EditConflict {
            return .effectFailed(conflict.description)
        } catch {
            return .effectFailed("操作失败：\(error)")
        }
    }

    private func perform(_ effect: Effect) throws -> Action? {
        switch effect {
        case .loadCommunities:
            return .communitiesLoaded(try database.communities())
        case .loadFacts(let community):
            let counts = Counts(persons: try database.count(.survey, community: community),
                                services: try database.count(.service, community: community),
                                activities: try database.count(.activity, community: community))
            return .factsLoaded(try database.scoreFacts(community: community), counts)
        case .loadDraft:
            guard let text = try database.loadDraft(), let data = text.data(using: .utf8) else { return .draftLoaded(nil) }
            return .draftLoaded(try? JSONDecoder().decode(Draft.self, from: data))
        case .storeDraft(let draft):
            let text = try draft.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try database.storeDraft(text)
            return nil
        case .searchPersons(let community, let query):
            let hits = try database.searchPersons(community: community, query: query).map {
                PersonHit(id: $0.id, name: $0.name, idNumber: $0.idNumber, status: $0.status)
            }
            return .personsFound(query: query, hits)
        case .lookUpIdNumber(let id):
            return .idNumberLookedUp(id, try database.personsWithIdNumber(id))
        case .loadServicePerson(let community, let idNumber):
            let found = try database.personWithServices(community: community, idNumber: idNumber)
            return .servicePersonLoaded(found.map { PersonSnapshot(person: $0.0, servicesInPeriod: $0.1) })
        case .saveRecord(let kind, let community, let fields, let accepted, let keepForNext):
            return try save(kind, community: community, fields: fields, accepted: accepted, keepForNext: keepForNext)
        case .saveCommunity(let community):
            try database.saveCommunity(community)
            return .communitySaved(try database.community(code: community.code) ?? community)
        case .quit:
            return nil
        }
    }

    private func save(_ kind: FormKind, community: String, fields: [String: String], accepted: [String: String],
                      keepForNext: Bool) throws -> Action {
        switch kind {
        case .survey:
            let r = try database.savePerson(fields, community: community, acceptedWarnings: accepted)
            guard let p = r.saved else { return .recordRefused(findings: r.findings) }
            return .recordSaved(kind: kind, summary: "\(p.name)（\(ResidentID.masked(p.idNumber))）", findings: r.findings, keepForNext: keepForNext)
        case .service:
            let r = try database.recordService(fields, community: community, acceptedWarnings: accepted)
            guard let s = r.saved else { return .recordRefused(findings: r.findings) }
            return .recordSaved(kind: kind, summary: "\(s.name) \(s.serviceDate) \(s.serviceType.rawValue)", findings: r.findings, keepForNext: keepForNext)
        case .activity:
            let r = try database.saveActivity(fields, community: community, acceptedWarnings: accepted)
            guard let a = r.saved else { return .recordRefused(findings: r.findings) }
            return .recordSaved(kind: kind, summary: "\(a.kind.rawValue)：\(a.title)", findings: r.findings, keepForNext: keepForNext)
        case .profile:
            return .effectFailed("社区档案应通过保存档案保存")
        }
    }
}
