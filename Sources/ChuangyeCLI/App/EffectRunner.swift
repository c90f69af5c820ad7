import Foundation
import LedgerCore
import LedgerStore
import LedgerTUI

/// Runs the app's effects against the store; each result comes back as an action.
public struct EffectRunner: Sendable {
    let database: any LedgerStorage
    /// The open database's file, which no export may replace (nil for a store without one).
    var databasePath: String? = nil
    public init(database: any LedgerStorage, databasePath: String? = nil) {
        self.database = database
        self.databasePath = databasePath
    }

    /// Called during a long effect (a register's workbook) with the share done, to draw a progress bar.
    var progress: (@Sendable (Double) -> Void)? = nil

    /// Runs effects, and the effects their results ask for, to the end in the caller's task: for the tests, the
    /// bench and the fault driver, which step the app core without a key loop (the app runs them off its key loop).
    public func settle(_ pending: inout [Effect], state: inout AppState) async {
        var rounds = 0
        while !pending.isEmpty && rounds < 20 {
            rounds += 1
            let effects = pending
            pending = []
            for effect in effects {
                if effect == .quit { state.running = false; return }
                if let action = await run(effect) { pending += reduce(&state, action) }
            }
        }
    }

    public func run(_ effect: Effect) async -> Action? {
        do {
            return try await perform(effect)
        } catch let e as StoreError {
            // Not a refusal: the server could not be reached, and the app says it is reconnecting.
            return e.connectionLost ? .effectLostConnection(e.message, writing: effect.isWrite, outcomeUnknown: e.outcomeUnknown) : .effectFailed(e.message)
        } catch let conflict as EditConflict {
            let labels = conflict.changedMeanwhile.map { change in
                "\(conflict.ref.register.header(of: change.field))：\(change.old ?? "（空）")→\(change.new ?? "（空）")"
            }
            return .editConflict(labels)
        } catch {
            return .effectFailed("操作失败：\(error)")
        }
    }

    private func perform(_ effect: Effect) async throws -> Action? {
        switch effect {
        case .loadCommunities:
            return .communitiesLoaded(try await database.communities())
        case .loadFacts(let community):
            let kept = try await database.countsByCommunity()[community]
            let counts = Counts(persons: kept?.persons ?? 0, services: kept?.services ?? 0, activities: kept?.activities ?? 0)
            return .factsLoaded(try await database.scoreFacts(community: community), counts)
        case .loadDrafts:
            // A draft this version cannot read (written by another version) is left in the store, not dropped.
            return .draftsLoaded(try await database.keptDrafts().compactMap { kept in
                guard var draft = try? JSONDecoder().decode(Draft.self, from: Data(kept.content.utf8)) else { return nil }
                draft.slot = kept.slot
                draft.savedAt = kept.savedAt
                return draft
            })
        case .storeDraft(let draft):
            try await database.storeDraft(slot: draft.slot, content: String(decoding: try JSONEncoder().encode(draft), as: UTF8.self))
            return nil
        case .discardDraft(let slot):
            try await database.discardDraft(slot: slot)
            return nil
        case .searchPersons(let community, let query):
            let hits = try await database.searchPersons(community: community, query: query, limit: 8).map {
                PersonHit(id: $0.id, name: $0.name, idNumber: $0.idNumber, status: $0.status)
            }
            return .personsFound(query: query, hits)
        case .lookUpIdNumber(let id):
            return .idNumberLookedUp(id, try await database.personsWithIdNumber(id))
        case .lookUpSameDayServices(let key):
            return .sameDayServicesLookedUp(key, try await database.sameDayServices(key))
        case .loadServicePerson(let community, let idNumber):
            let found = try await database.personWithServices(community: community, idNumber: idNumber)
            return .servicePersonLoaded(found.map { PersonSnapshot(person: $0.0, servicesInPeriod: $0.1) })
        case .saveRecord(let kind, let community, let fields, let accepted, let keepForNext, let editing):
            let token = editing.map { EditToken(id: $0.id, version: $0.version, fields: $0.originalFields) }
            return try await save(kind, community: community, fields: fields, accepted: accepted, keepForNext: keepForNext, editing: token)
        case .saveCommunity(let community, let opened, let reasons):
            if let opened {
                try await database.saveProfile(ProfileEdit(original: opened, edited: community, acceptedWarnings: reasons))
            } else {
                try await database.saveCommunity(community)
            }
            return .communitySaved(try await database.community(code: community.code) ?? community)
        case .loadPage(let q):
            let request = PageRequest(register: q.register, community: q.community, sortColumn: q.sort,
                                      after: q.after.map { ($0.value, $0.id) }, before: q.before.map { ($0.value, $0.id) },
                                      limit: q.limit, deleted: q.deleted, problemsOnly: q.problemsOnly, status: q.status, trained: q.trained,
                                      category: q.category, dates: q.dates)
            return .pageLoaded(q.register, try await database.page(request))
        case .searchRecords(let register, let community, let query, let limit):
            return .pageLoaded(register, try await database.searchRecords(register, community: community, query: query, limit: limit))
        case .openRecord(let register, let id, let focus):
            guard let opened = try await database.open(RecordRef(register, id: id)) else { return .effectFailed("找不到第\(id)号记录") }
            return .recordOpened(EditingRecord(register: register, id: id, version: opened.token.version, originalFields: opened.fields),
                                 accepted: opened.accepted, focus: focus)
        case .loadHistory(let register, let id):
            // Newest first, as `chuangye history` lists them.
            return .historyLoaded(try await database.history(of: RecordRef(register, id: id)).reversed().map {
                HistoryLine(at: $0.at, operatorName: $0.operatorName, action: $0.action,
                            changes: $0.changes.map { ($0.field, $0.old, $0.new) })
            })
        case .undoLastChange(let register, let id):
            let result = try await database.undoLastChange(RecordRef(register, id: id))
            guard result.saved != nil else {
                return .effectFailed("不能撤销：恢复旧值后有错误（\(result.findings.errors.first?.message ?? "")）")
            }
            // The hint only when there is an earlier change of the operator's to undo (it had been said always).
            let ref = RecordRef(register, id: id)
            let more = (try? AppDatabase.changeToUndo(try await database.history(of: ref), operatorName: database.operatorName)) != nil
            return .registerChanged("已撤销第\(id)号记录的一次修改" + (more ? "（再按 u 撤销更早的一次）" : "（已没有更早的修改可以撤销）"))
        case .countServices(let personId):
            return .servicesCounted(personId: personId, count: try await database.activeServiceCount(person: personId))
        case .deleteRecord(let register, let id, let reason, let confirmingServices):
            try await database.delete(RecordRef(register, id: id), reason: reason, confirmingServices: confirmingServices)
            return .registerChanged("已删除第\(id)号记录（按 x 显示已删除的记录，可按 r 恢复）")
        case .restoreRecord(let register, let id):
            try await database.restore(RecordRef(register, id: id))
            return .registerChanged("已恢复第\(id)号记录")
        case .acceptWarnings(let code, let reason, let records):
            let accepted = try await database.acceptWarning(code: code, reason: reason, records: records)
            return .registerChanged("已确认\(accepted)条记录的警告（理由：\(reason)），已记入修改记录")
        case .loadChecks(let community, let recount):
            var items: [CheckItem] = []
            let (results, corrected) = recount ? try await database.checkAndRecount(community: community)
                : (try await database.checkAll(community: community), 0)
            for result in results {
                for f in result.findings {
                    items.append(CheckItem(register: result.register, id: result.id, field: f.field, severity: f.severity, message: f.message,
                                           code: f.code))
                }
                for (f, reason) in result.accepted {
                    items.append(CheckItem(register: result.register, id: result.id, field: f.field, severity: .notice, message: f.message,
                                           accepted: reason, code: f.code))
                }
            }
            return .checksLoaded(items, corrected: corrected)
        case .loadEvidence(let community, let evidence):
            let found = try await database.evidenceSummaries(evidence, community: community, limit: 200)
            return .evidenceLoaded(title: evidence.title, found.register, found.rows)
        case .loadOverview:
            let facts = try await database.scoreFactsByCommunity()
            let counts = try await database.countsByCommunity()
            let evaluations = try await (database as? any EvaluationStore)?.currentEvaluations(community: nil) ?? [:]
            return .overviewLoaded(try await database.communities().map { c in
                CommunityFigures(community: c, facts: facts[c.code] ?? ScoreFacts(), persons: counts[c.code]?.persons ?? 0,
                                 services: counts[c.code]?.services ?? 0, evaluation: evaluations[c.code])
            })
        case .loadPlanDetails(let code):
            guard let community = try await database.community(code: code) else { return .effectFailed("找不到社区 \(code)") }
            return .planDetailsLoaded(try await database.planDetails(community: code, period: community.period))
        case .exportWorkbook(let kind, let community, let path, let overwrite, let intoFolder):
            return try await AppExport.run(kind, community: community, path: AppExport.destination(path, intoFolder: intoFolder),
                                           overwrite: overwrite, database: database, databasePath: databasePath,
                                     progress: progress)
        case .loadLock(let code):
            let store = database as? any EvaluationStore
            let lock = try await store?.periodLock(community: code)
            let submission = try await store?.currentEvaluations(community: code)[code]
            return .lockLoaded(community: code, lock ?? nil, submission: submission)
        case .loadAccess:
            return .accessLoaded(try await database.writableCommunities())
        case .loadRole:
            return .roleLoaded(try await EvaluationEffects.role(database))
        case .evaluation(let community, let request):
            return try await EvaluationEffects.run(request, community: community, database: database)
        case .loadDistrictPage(let q):
            return try await DistrictEffects.page(q, database: database)
        case .searchDistrict(let scope, let query):
            return try await DistrictEffects.search(scope, query: query, database: database)
        case .loadStatistics(let filter):
            return try await StatisticsEffect.run(filter, database: database)
        case .recordEntryEvent(let event):
            return await EntryEventEffect.run(event, database: database)
        case .quit:
            return nil
        }
    }

    private func save(_ kind: FormKind, community: String, fields: [String: String], accepted: [String: String],
                      keepForNext: Bool, editing: EditToken?) async throws -> Action {
        guard let register = kind.register else { return .effectFailed("社区档案应通过保存档案保存") }
        let r = try await database.save(RecordEntry(register, fields), community: community, editing: editing,
                                        acceptedWarnings: accepted, action: .entry)
        guard let saved = r.saved else { return .recordRefused(findings: r.findings) }
        let summary = switch saved {
        case .person(let p): "\(p.name)（\(ResidentID.masked(p.idNumber))）"
        case .service(let s): "\(s.name) \(s.serviceDate) \(s.serviceType.rawValue)"
        case .activity(let a): "\(a.kind.rawValue)：\(a.title)"
        }
        return .recordSaved(kind: kind, summary: summary, findings: r.findings, keepForNext: keepForNext)
    }
}
