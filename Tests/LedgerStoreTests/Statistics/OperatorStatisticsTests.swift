import Testing
@testable import LedgerCore
@testable import LedgerStore

/// A clock the test moves, so that audit rows fall on the days the test chooses.
final class TestClock: @unchecked Sendable {
    var now = "2024-03-14T09:00:00"
}

/// Operator statistics from the audit trail, the entry events and the spot checks (issue 23 item 5), on both engines.
struct OperatorStatisticsTests {
    /// A ledger of one community written at the clock's time, and its clerk 王芳.
    struct Work {
        let clock = TestClock()
        let ledger: EngineLedger
        let clerk: any EvaluatingStore

        init(_ engine: StoreEngine) async throws {
            let clock = clock
            ledger = try await engine.freshLedger(today: today, now: { clock.now })
            clerk = try ledger.evaluating(as: "王芳")
            try await clerk.saveCommunity(community())
        }

        func event(_ outcome: EntryEvent.Outcome, id: Int64?, _ opened: String, _ closed: String, errors: Int) -> EntryEvent {
            EntryEvent(register: .survey, community: "630102001", recordId: id, outcome: outcome, openedAt: opened, closedAt: closed,
                       errorsShown: errors)
        }

        /// 王芳 enters two persons on the 14th (one warning accepted), corrects two fields of one on the 15th and
        /// abandons a form; 李明 enters one person on the 15th.
        func twoDays() async throws {
            let started = intending(id: validId(serial: 1), name: "张三", ["status": "已创业", "entity_name": "小店", "entity_type": "个体工商户",
                                                                         "license_date": "2024-01-05", "credit_code": "91350100M000100Y44"])
            let first = try #require(try await clerk.saveRecord(.survey, started, community: "630102001",
                                                                acceptedWarnings: ["credit.checksum": "试点期代码，已核对营业执照"]).id)
            let second = try #require(try await clerk.saveRecord(.survey, intending(id: validId(serial: 2), name: "李四"), community: "630102001").id)
            try await clerk.recordEntryEvent(event(.saved, id: first, "2024-03-14T08:58:30", "2024-03-14T09:00:00", errors: 2))
            try await clerk.recordEntryEvent(event(.saved, id: second, "2024-03-14T08:59:30", "2024-03-14T09:00:00", errors: 0))
            clock.now = "2024-03-15T10:00:00"
            let opened = try #require(try await clerk.open(RecordRef(.survey, id: second)))
            try await clerk.saveRecord(.survey, intending(id: validId(serial: 2), name: "李四", ["phone": "13800001111", "education": "本科"]),
                                       community: "630102001", editing: opened.token)
            try await clerk.recordEntryEvent(event(.abandoned, id: nil, "2024-03-15T09:00:00", "2024-03-15T09:01:00", errors: 1))
            let other = try ledger.evaluating(as: "李明")
            try await other.saveRecord(.survey, intending(id: validId(serial: 3), name: "王五"), community: "630102001")
        }
    }

    func day(_ name: String, _ day: String, _ fill: (inout OperatorDay) -> Void) -> OperatorDay {
        var d = OperatorDay(operatorName: name, day: day)
        fill(&d)
        return d
    }

    @Test(arguments: StoreEngine.allCases)
    func countsEachOperatorsDayFromTheAuditTrailAndTheEntryEvents(engine: StoreEngine) async throws {
        let work = try await Work(engine)
        defer { work.ledger.cleanup() }
        try await work.twoDays()
        let stats = try await work.clerk.operatorStatistics(StatisticsFilter())
        #expect(stats.days == [
            day("王芳", "2024-03-14") {
                $0.entered = 2; $0.warningsAccepted = 1; $0.errorsCaught = 2; $0.formsSaved = 2; $0.secondsOnSavedForms = 120
            },
            day("李明", "2024-03-15") { $0.entered = 1 },
            day("王芳", "2024-03-15") { $0.corrected = 1; $0.fieldsChanged = 2; $0.errorsCaught = 1; $0.formsAbandoned = 1 },
        ].sorted { ($0.day, $0.operatorName) < ($1.day, $1.operatorName) })
        #expect(stats.days.first?.secondsPerRecord == 60)
        #expect(stats.days.last?.secondsPerRecord == nil)
        #expect(stats.spotChecks.isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func theFilterKeepsOneOperatorAndTheDaysAsked(engine: StoreEngine) async throws {
        let work = try await Work(engine)
        defer { work.ledger.cleanup() }
        try await work.twoDays()
        let fromThe15th = try await work.clerk.operatorStatistics(StatisticsFilter(from: Day(year: 2024, month: 3, day: 15)))
        #expect(fromThe15th.days.map { "\($0.day) \($0.operatorName)" }.sorted() == ["2024-03-15 李明", "2024-03-15 王芳"])
        let untilThe14th = try await work.clerk.operatorStatistics(StatisticsFilter(to: Day(year: 2024, month: 3, day: 14)))
        #expect(untilThe14th.days.map { "\($0.day) \($0.operatorName)" } == ["2024-03-14 王芳"])
        let liMing = try await work.clerk.operatorStatistics(StatisticsFilter(operatorName: "李明"))
        #expect(liMing.days == [day("李明", "2024-03-15") { $0.entered = 1 }])
    }

    @Test(arguments: StoreEngine.allCases)
    func aClerkSeesOnlyTheirOwnWorkASupervisorEveryones(engine: StoreEngine) async throws {
        let work = try await Work(engine)
        defer { work.ledger.cleanup() }
        try await work.twoDays()
        try await work.clerk.saveOperator("督导员", role: .supervisor, communities: [])
        let supervisor = try work.ledger.evaluating(as: "督导员")
        try await supervisor.saveOperator("王芳", role: .clerk, communities: ["630102001"])
        #expect(Set(try await work.clerk.operatorStatistics(StatisticsFilter()).days.map(\.operatorName)) == ["王芳"])
        let refused = await #expect(throws: StoreError.self) { _ = try await work.clerk.operatorStatistics(StatisticsFilter(operatorName: "李明")) }
        #expect(refused?.message == "只有督导可以查看其他操作员的统计，王芳只能查看自己的")
        #expect(Set(try await supervisor.operatorStatistics(StatisticsFilter()).days.map(\.operatorName)) == ["王芳", "李明"])
        // The reader is told when only its own work is counted (a street supervisor, an inspector, a city supervisor
        // see their own, often nothing: not "nobody worked")
        #expect(try await work.clerk.operatorStatistics(StatisticsFilter()).scopeNotice == "（只统计您本人的工作；全部操作员的统计由区县督导查看）")
        try await supervisor.saveOperator("市督导", role: .city, communities: [])
        let city = try await work.ledger.evaluating(as: "市督导").operatorStatistics(StatisticsFilter())
        #expect(city.days.isEmpty && city.ownWorkOnly)
        #expect(try await supervisor.operatorStatistics(StatisticsFilter()).scopeNotice == nil)
        #expect(try await work.clerk.operatorStatistics(StatisticsFilter(operatorName: "王芳")).scopeNotice == nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func entryEventsAreAppendOnlyAndMustBeComplete(engine: StoreEngine) async throws {
        let work = try await Work(engine)
        defer { work.ledger.cleanup() }
        try await work.clerk.recordEntryEvent(work.event(.abandoned, id: nil, "2024-03-15T09:00:00", "2024-03-15T09:01:00", errors: 0))
        await #expect(throws: StoreError.self) { try await work.clerk.recordEntryEvent(work.event(.abandoned, id: 7, "2024-03-15T09:00:00", "2024-03-15T09:01:00", errors: 0)) }
        await #expect(throws: StoreError.self) { try await work.clerk.recordEntryEvent(work.event(.abandoned, id: nil, "2024-03-15T09:02:00", "2024-03-15T09:01:00", errors: 0)) }
        await #expect(throws: StoreError.self) { try await work.clerk.recordEntryEvent(work.event(.abandoned, id: nil, "2024-03-15T09:00:00", "2024-03-15T09:01:00", errors: -1)) }
        await #expect(throws: (any Error).self) { try await work.ledger.rawSQL("UPDATE entry_event SET errors_shown = 5") }
        await #expect(throws: (any Error).self) { try await work.ledger.rawSQL("DELETE FROM entry_event") }
        #expect(try await work.clerk.operatorStatistics(StatisticsFilter()).days == [day("王芳", "2024-03-15") { $0.formsAbandoned = 1 }])
    }
}

/// The supervisors' spot-check findings, counted for the clerk who entered each sampled person.
struct SpotCheckTallyTests {
    @Test(arguments: StoreEngine.allCases)
    func findingsAreCountedForTheClerkWhoEnteredThePerson(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine, intending: 3, started: 1)
        defer { f.cleanup() }
        try await f.supervisor.saveRecord(.survey, intending(id: validId(serial: 90), name: "督导录"), community: f.code)
        let byHand = try await f.personId(serial: 90)
        _ = try await f.submit()
        let sample = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 5, services: 0, seed: 11, stage: .district).sample)
        #expect(sample.checks.count == 5)
        var firstOfClerk = true
        for check in sample.checks {
            if check.personId == byHand {
                _ = try await f.supervisor.recordSpotCheck(community: f.code, position: check.position, result: .unreachable, note: "", stage: .district)
            } else if firstOfClerk {
                firstOfClerk = false
                _ = try await f.supervisor.recordSpotCheck(community: f.code, position: check.position, result: .untrue, note: "未参加培训", stage: .district)
            } else {
                _ = try await f.supervisor.recordSpotCheck(community: f.code, position: check.position, result: .confirmed, note: "", stage: .district)
            }
        }
        let tallies = try await f.supervisor.operatorStatistics(StatisticsFilter()).spotChecks
        #expect(tallies == [
            SpotCheckTally(clerk: "王芳", checked: 4, confirmed: 3, untrue: 1, unreachable: 0),
            SpotCheckTally(clerk: "督导员", checked: 1, confirmed: 0, untrue: 0, unreachable: 1),
        ])
        #expect(tallies.first?.discrepancyRate == Rational(1, 4))
        #expect(try await f.supervisor.operatorStatistics(StatisticsFilter(operatorName: "督导员")).spotChecks.map(\.clerk) == ["督导员"])
    }
}
