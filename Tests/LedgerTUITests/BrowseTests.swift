import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

func page(after: PageQuery.Boundary? = nil, before: PageQuery.Boundary? = nil, sort: String = "id", status: String? = nil) -> Effect {
    .loadPage(PageQuery(register: .survey, community: "630102001", sort: sort, after: after, before: before, limit: 22,
                        deleted: false, problemsOnly: false, status: status, trained: nil))
}

func row(_ id: Int64, _ name: String, deleted: Bool = false, errors: Int = 0, sortKey: String = "") -> RegisterRow {
    RegisterRow(id: id, fields: ["name": name, "id_number": "630102199003070116", "phone": "13912345678", "status": "有创业意愿",
                                 "gender": "男", "survey_date": "2024-03-15", "trained": "否"],
                deleted: deleted, deletedReason: deleted ? "重复" : nil, errors: errors, warnings: 0, sortKey: sortKey)
}

struct BrowseTests {
    @Test func keyFourOpensTheSurveyRegisterFirstPage() {
        var state = homeState()
        let effects = press(&state, [.character("4")])
        #expect(effects == [page()])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三"), row(2, "买买提·艾力", errors: 1)]))
        let lines = render(state).trimmedLines
        #expect(lines[3] == " 编号 姓名                公民身份号码       性别 联系电话     创业状态   摸底日期   培训 问题")
        #expect(lines[4] == " 1    张三                630102********0116 男   139****5678  有创业意愿 2024-03-15 否")
        #expect(lines[5] == " 2    买买提·艾力         630102********0116 男   139****5678  有创业意愿 2024-03-15 否   ✗错误")
    }

    @Test func pageDownAsksForTheRowsAfterTheLastOne() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(7, "张三"), row(9, "李四")]))
        #expect(press(&state, [.pageDown]) == [page(after: .init(value: "", id: 9))])
        #expect(press(&state, [.pageUp]) == [page(before: .init(value: "", id: 7))])
        // Sorted by name, the boundary carries the stored sort key (pinyin) too; a status filter narrows the query.
        #expect(press(&state, [.character("s")]) == [page(sort: "name")])
        _ = reduce(&state, .pageLoaded(.survey, [row(9, "李四", sortKey: "li si"), row(7, "张三", sortKey: "zhang san")]))
        #expect(press(&state, [.pageDown]) == [page(after: .init(value: "zhang san", id: 7), sort: "name")])
        #expect(press(&state, [.character("f")]) == [page(sort: "name", status: "有创业意愿")])
    }

    @Test func slashSearchesAsYouType() {
        var state = homeState()
        press(&state, [.character("4")])
        #expect(press(&state, [.character("/"), .character("z")]) == [.searchRecords(register: .survey, community: "630102001", query: "z", limit: 22)])
        #expect(press(&state, [.character("s")]) == [.searchRecords(register: .survey, community: "630102001", query: "zs", limit: 22)])
    }

    /// The service and activity registers search too; while the search is typed, `/` and command letters (`x`, `p`,
    /// `s`) are text, not commands (issue 17.8).
    @Test(arguments: [Register.service, .activity])
    func otherRegistersSearchAndTakeNoCommandKeysWhileTyping(_ register: Register) {
        var state = homeState()
        press(&state, [.character("4")] + (register == .service ? [.tab] : [.tab, .tab]))
        #expect(press(&state, [.character("/"), .character("1")]) == [.searchRecords(register: register, community: "630102001", query: "1", limit: 22)])
        #expect(press(&state, [.character("x")]) == [.searchRecords(register: register, community: "630102001", query: "1x", limit: 22)])
        #expect(press(&state, [.character("/")]) == [.searchRecords(register: register, community: "630102001", query: "1x/", limit: 22)])
        guard case .browser(let b) = state.screen else { Issue.record("not browsing"); return }
        #expect(b.register == register && !b.showDeleted && b.search != nil)
        #expect(!state.messageIsError)
    }

    @Test func enterOpensTheRecordInTheEntryFormAndSavingReturns() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三")]))
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 1, focus: nil)])
        let editing = EditingRecord(register: .survey, id: 1, version: 3, originalFields: row(1, "张三").fields.merging(
            ["education": "大学专科", "hukou": "城镇", "categories": "其他"]) { a, _ in a })
        _ = reduce(&state, .recordOpened(editing, accepted: [:], focus: "phone"))
        #expect(state.form?.focus == "phone" && state.form?.editing?.version == 3)
        press(&state, [.control("u")] + type("13800001111"))
        let effects = press(&state, [.function(2)])
        guard case .saveRecord(.survey, _, let fields, _, false, let sentEditing)? = effects.last else { Issue.record("\(effects)"); return }
        #expect(fields["phone"] == "13800001111" && sentEditing == editing)
        let after = reduce(&state, .recordSaved(kind: .survey, summary: "张三", findings: [], keepForNext: false))
        guard case .browser = state.screen else { Issue.record("expected the browser"); return }
        #expect(after.contains(page(after: .init(value: "", id: 0))))
    }

    @Test func deletingNeedsAReason() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三")]))
        #expect(press(&state, [.character("D")]) == [.countServices(personId: 5)])
        guard case .deleteRecord? = state.dialog else { Issue.record("expected the delete dialog"); return }
        _ = reduce(&state, .servicesCounted(personId: 5, count: 0))
        #expect(press(&state, [.enter]).isEmpty)
        #expect(press(&state, type("重复登记") + [.enter]) == [.deleteRecord(.survey, id: 5, reason: "重复登记")])
    }

    @Test func deletingAPersonWithServicesSaysHowManyAndSendsTheNumberConfirmed() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三")]))
        press(&state, [.character("D")])
        // Before the services are counted, Enter does not delete
        #expect(press(&state, type("迁出") + [.enter]).isEmpty)
        #expect(render(state).trimmedLines.contains { $0.contains("正在统计此人的服务记录") })
        _ = reduce(&state, .servicesCounted(personId: 5, count: 3))
        let screen = render(state).trimmedLines.joined(separator: "\n")
        #expect(screen.contains("此人有3条服务记录"))
        #expect(screen.contains("确认删除请填写理由后按 Enter"))
        #expect(press(&state, [.enter]) == [.deleteRecord(.survey, id: 5, reason: "迁出", confirmingServices: 3)])
    }

    @Test func historyAndUndo() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三")]))
        #expect(press(&state, [.character("h")]) == [.loadHistory(.survey, id: 5)])
        _ = reduce(&state, .historyLoaded([HistoryLine(at: "2024-06-01T10:00:00", operatorName: "王芳", action: "update",
                                                       changes: [("phone", "13912345678", "13800001111")])]))
        #expect(render(state).trimmedLines.contains { $0.contains("联系电话：13912345678 → 13800001111") })
        #expect(press(&state, [.character("u")]) == [.undoLastChange(.survey, id: 5)])
    }

    @Test func checksListProblemsAndEnterJumpsToTheField() {
        var state = homeState()
        #expect(press(&state, [.character("5")]) == [.loadChecks(community: "630102001")])
        _ = reduce(&state, .checksLoaded([CheckItem(register: .survey, id: 3, field: "phone", severity: .error, message: "联系电话格式不对"),
                                          CheckItem(register: .service, id: 8, field: "service_date", severity: .warning, message: "不在考核期")]))
        #expect(render(state).trimmedLines.contains { $0.contains("✗ 摸底台账 第3号 联系电话：联系电话格式不对") })
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 3, focus: "phone")])
    }
}

struct ScoreExplanationTests {
    @Test func itemsExplainAndEnterListsTheRecordsBehindThem() {
        var state = homeState()
        press(&state, [.character("s")])
        let lines = render(state).trimmedLines
        #expect(lines.contains { $0.contains("西宁市创建创业型社区评分表：总分 13/100") })
        #expect(lines.contains { $0.contains("劳动者创业参与率达到7%") && $0.contains("0/15") })
        // The first item is selected: its rule and reason show below the list.
        #expect(lines.contains { $0.contains("要求：≥ 7%") })
        let effects = press(&state, [.enter])
        guard case .loadEvidence("630102001", let evidence)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(evidence.include == .participants)
        _ = reduce(&state, .evidenceLoaded(title: "参与创业活动者", .survey, [row(4, "赵敏")]))
        #expect(render(state).trimmedLines.contains { $0.contains("4       赵敏") })
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 4, focus: nil)])
    }

    @Test func checklistItemsHaveNoRecords() {
        var state = homeState()
        press(&state, [.character("s"), .down, .down])   // leading_group
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.message == "此项为自评项，没有对应的台账记录")
    }
}

struct OverviewTests {
    @Test func communitiesSideBySideSortableAndEnterDrillsIn() {
        var state = homeState()
        var other = testCommunity
        other = Community(code: "630102002", name: "南关社区", street: "八一路街道", district: "城东区", labourForce: 10, period: testCommunity.period)
        state.communities = [testCommunity, other]
        #expect(press(&state, [.character("o")]) == [.loadOverview])
        var busy = ScoreFacts()
        busy[.labourForce] = 10
        busy[.participants] = 1
        busy[.registered] = 3
        _ = reduce(&state, .overviewLoaded([CommunityFigures(community: testCommunity, facts: ScoreFacts(), persons: 0, services: 0),
                                            CommunityFigures(community: other, facts: busy, persons: 3, services: 5)]))
        let lines = render(state).trimmedLines
        #expect(lines.contains { $0.contains("南关社区") && $0.contains("10.00%") })
        #expect(lines.contains { $0.contains("八一路街道：2个社区，摸底3人") })
        // Sorted by total, highest first: 南关 (register 2 + …) before 八一路.
        let names = lines.filter { $0.contains("社区") && $0.contains("八一路街道 ") && !$0.contains("个社区") }
        #expect(names.first?.contains("南关社区") == true)
        press(&state, [.enter])
        #expect(state.community?.code == "630102002")
    }

    @Test func readOnlyCommunityRefusesEntry() {
        var state = homeState()
        _ = reduce(&state, .accessLoaded(["630102999"]))
        #expect(press(&state, [.character("1")]).isEmpty)
        #expect(state.message?.contains("只读") == true)
        #expect(render(state).trimmedLines[0].contains("［只读］"))
    }
}

struct FilterTests {
    @Test func categoryAndDateRangeFiltersNarrowTheQuery() {
        var state = homeState()
        press(&state, [.character("4")])
        guard case .loadPage(let q)? = press(&state, [.character("g")]).first else { Issue.record("expected a page load"); return }
        #expect(q.category == "高校毕业生")
        press(&state, [.character("w")] + type("2024-01-01..2024-06-30"))
        guard case .loadPage(let dated)? = press(&state, [.enter]).first else { Issue.record("expected a page load"); return }
        #expect(dated.dates == Period.parse("2024-01-01..2024-06-30") && dated.category == "高校毕业生")
        press(&state, [.character("w"), .control("u")] + type("昨天"))
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.message?.contains("日期范围应写作") == true)
    }

    @Test func checksAreGroupedBySeverityThenRule() {
        var state = homeState()
        press(&state, [.character("5")])
        _ = reduce(&state, .checksLoaded([
            CheckItem(register: .survey, id: 9, field: "phone", severity: .warning, message: "w", code: "b.rule"),
            CheckItem(register: .survey, id: 3, field: "id_number", severity: .error, message: "e2", code: "id.checksum"),
            CheckItem(register: .survey, id: 1, field: "id_number", severity: .error, message: "e1", code: "id.checksum"),
            CheckItem(register: .survey, id: 2, field: "phone", severity: .notice, message: "ok", accepted: "已核实", code: "b.rule"),
        ]))
        guard case .checks(let c) = state.screen else { Issue.record("expected checks"); return }
        #expect(c.items.map(\.id) == [1, 3, 9, 2])
        let lines = render(state).trimmedLines
        let heading = lines.firstIndex { $0.contains("【错误·身份证号校验位不对：2条】") }
        #expect(heading.map { lines[$0 + 1].contains("✗ 摸底 第1号 e1") } == true)
        #expect(lines.contains { $0.contains("已确认：已核实") })
    }
}
