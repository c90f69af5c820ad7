import LedgerCore
import LedgerStore
import Testing

/// Communities as saved: every field and the checklist's answers, read one by one and all at once.
struct CommunityConformance {
    @Test(arguments: StoreEngine.allCases)
    func communitiesReadBackAsSavedWithTheirChecklists(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        // Given a community with a leader, a phone and checklist answers, and another without
        var first = Conformance.community()
        first.leader = "李主任"
        first.phone = "0971-1234567"
        first.checklist = ["work_plan": Points(hundredths: 250), "service_window": Points(hundredths: 200)]
        try await store.saveCommunity(first)
        var third = Conformance.community("630102003", name: "东关社区")
        third.checklist = ["work_plan": Points(hundredths: 100)]
        try await store.saveCommunity(third)
        // Then each reads back as saved, one by one and in the list (by code), each with its own checklist
        let second = Conformance.community(Conformance.otherCode, name: "南关社区")
        #expect(try await store.community(code: Conformance.code) == first)
        #expect(try await store.communities() == [first, second, third])
    }

    @Test(arguments: StoreEngine.allCases)
    func aProfileFormLeftOpenSavesOnlyWhatItChanged(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        // Given a clerk's profile form opened on the profile as it was
        let opened = try #require(try await store.community(code: Conformance.code))
        // and the administrator correcting the street and the labour force meanwhile
        var corrected = opened
        corrected.street = "东关街道"
        corrected.labourForce = 2100
        try await ledger.session(as: "管理员").saveCommunity(corrected)
        // When the clerk saves the form with only the leader changed
        var typed = opened
        typed.leader = "李主任"
        try await store.saveProfile(ProfileEdit(original: opened, edited: typed))
        // Then the correction stays and the leader is saved
        var expected = corrected
        expected.leader = "李主任"
        #expect(try await store.community(code: Conformance.code) == expected)

        // A field changed at the form and meanwhile, to different values, is refused, naming it and its value now
        var stale = opened
        stale.labourForce = 300
        do {
            try await store.saveProfile(ProfileEdit(original: opened, edited: stale))
            Issue.record("a conflicting profile save was not refused")
        } catch let error as StoreError {
            #expect(error.message == "社区档案在您修改期间已被他人改动：城镇劳动者总数（现为2100）。未保存；请按 Esc 放弃后重新打开档案再改")
        }
        #expect(try await store.community(code: Conformance.code) == expected)
    }

    @Test(arguments: StoreEngine.allCases)
    func aClerkChangesTheirProfileButNotWhatTheDistrictDecides(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        try await store.saveOperator("王芳", role: .supervisor, communities: [])
        try await store.saveOperator("李娜", role: .clerk, communities: [Conformance.code])
        let clerk = try ledger.session(as: "李娜")
        let opened = try #require(try await clerk.community(code: Conformance.code))
        // The street and the period are the district's: refused, naming both
        var moved = opened
        moved.street = "大众街街道"
        moved.period = Period(start: Day(year: 2024, month: 6, day: 1)!, end: Conformance.today)
        moved.leader = "李主任"
        do {
            try await clerk.saveProfile(ProfileEdit(original: opened, edited: moved))
            Issue.record("a clerk moved the community to another street")
        } catch let error as StoreError {
            #expect(error.message == "社区档案的所属街道、考核期只能由区县督导修改，李娜不是督导（其余项目可以修改）")
        }
        await #expect(throws: StoreError.self) { try await clerk.saveCommunity(moved) }
        #expect(try await store.community(code: Conformance.code) == opened)
        // The labour force, the leader and the phone are the community's (audited)
        var reported = opened
        reported.labourForce = 150
        reported.leader = "李主任"
        try await clerk.saveProfile(ProfileEdit(original: opened, edited: reported))
        #expect(try await store.community(code: Conformance.code) == reported)
        // and the supervisor may change the street
        var supervised = reported
        supervised.street = "大众街街道"
        try await store.saveProfile(ProfileEdit(original: reported, edited: supervised))
        #expect(try await store.community(code: Conformance.code)?.street == "大众街街道")
    }
}
