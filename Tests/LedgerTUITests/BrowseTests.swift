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
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " [摸底台账]  服务台账   工作台账",
            "",
            " 编号 姓名                公民身份号码       性别 联系电话     创业状态   摸底日期   培训 问题",
            " 1    张三                630102********0116 男   139****5678  有创业意愿 2024-03-15 否",
            " 2    买买提·艾力         630102********0116 男   139****5678  有创业意愿 2024-03-15 否   ✗错误",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助",
        ])
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
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " [摸底台账]  服务台账   工作台账",
            "",
            " 编号 姓名                公民身份号码       性别 联系电话     创业状态   摸底日期   培训 问题",
            " 5    张三                630102********0116 男   139****5678  有创业意愿 2024-03-15 否",
            "",
            "",
            "",
            "",
            "",
            "",
            "                    ┌─ 删除记录 ──────────────────────────────────────────────┐",
            "                    │ 删除第5号记录（张三）？删除后不计入台账和评分，可恢复。 │",
            "                    │                                                         │",
            "                    │ 正在统计此人的服务记录…                                 │",
            "                    │                                                         │",
            "                    │ 确认删除请填写理由后按 Enter（Esc 取消）：              │",
            "                    │ 迁出                                                    │",
            "                    └─────────────────────────────────────────────────────────┘",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 正在统计此人的服务记录，请稍候再按 Enter",
            " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助",
        ])
        _ = reduce(&state, .servicesCounted(personId: 5, count: 3))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " [摸底台账]  服务台账   工作台账",
            "",
            " 编号 姓名                公民身份号码       性别 联系电话     创业状态   摸底日期   培训 问题",
            " 5    张三                630102********0116 男   139****5678  有创业意愿 2024-03-15 否",
            "",
            "",
            "",
            "",
            "",
            "             ┌─ 删除记录 ────────────────────────────────────────────────────────────┐",
            "             │ 删除第5号记录（张三）？删除后不计入台账和评分，可恢复。               │",
            "             │                                                                       │",
            "             │ ! 此人有3条服务记录，删除后这些服务记录将报错误（服务对象不在摸底台账 │",
            "             │ 中），直到恢复此人。                                                  │",
            "             │                                                                       │",
            "             │ 确认删除请填写理由后按 Enter（Esc 取消）：                            │",
            "             │ 迁出                                                                  │",
            "             └───────────────────────────────────────────────────────────────────────┘",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 正在统计此人的服务记录，请稍候再按 Enter",
            " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助",
        ])
        #expect(press(&state, [.enter]) == [.deleteRecord(.survey, id: 5, reason: "迁出", confirmingServices: 3)])
    }

    @Test func historyAndUndo() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三")]))
        #expect(press(&state, [.character("h")]) == [.loadHistory(.survey, id: 5)])
        _ = reduce(&state, .historyLoaded([HistoryLine(at: "2024-06-01T10:00:00", operatorName: "王芳", action: "update",
                                                       changes: [("phone", "13912345678", "13800001111")])]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            "┌─ 摸底台账 第5号记录的修改记录（新的在上，u 撤销自己的修改） ─────────────────────────────────────┐",
            "│ 2024-06-01 10:00  王芳  修改                                                                     │",
            "│     联系电话：13912345678 → 13800001111                                                          │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓滚动  u撤销自己的最后一次修改  Esc返回  F1帮助",
        ])
        #expect(press(&state, [.character("u")]) == [.undoLastChange(.survey, id: 5)])
    }

    /// Opened by someone who may change the community, the checks rewrite the kept counts that went stale (another
    /// community's clerk registered the same person) and say so; a locked community's are left as signed.
    @Test func checksRecountWhereTheOperatorMayChangeAndSayWhatTheyCorrected() {
        var state = homeState()
        #expect(press(&state, [.character("5")]) == [.loadChecks(community: "630102001", recount: true)])
        #expect(reduce(&state, .checksLoaded([], corrected: 2)) == [.loadFacts(community: "630102001")])
        #expect(state.message == "已按登记内容更正2条记录的问题计数或评分数据")
        #expect(reduce(&state, .checksLoaded([])) == [])
        var locked = homeState()
        locked.locks["630102001"] = Signature(by: "周敏", at: "2026-05-01T09:00:00")
        #expect(press(&locked, [.character("5")]) == [.loadChecks(community: "630102001", recount: false)])
    }

    /// The list of problems masks a number a message holds, as every list does; the record opened shows it whole.
    @Test func checksMaskTheNumbersTheirMessagesHold() {
        let item = CheckItem(register: .service, id: 98, field: "id_number", severity: .error,
                             message: "服务对象630102199905161228不在本社区摸底台账中", code: "service.person_unknown")
        #expect(ChecksScreen.rows([item]).last?.text == "  ✗ 服务 第98号 服务对象630102********1228不在本社区摸底台账中")
        #expect(ChecksScreen.text(item).contains("630102********1228") && !ChecksScreen.text(item).contains("199905161228"))
    }

    @Test func checksListProblemsAndEnterJumpsToTheField() {
        var state = homeState()
        #expect(press(&state, [.character("5")]) == [.loadChecks(community: "630102001", recount: true)])
        _ = reduce(&state, .checksLoaded([CheckItem(register: .survey, id: 3, field: "phone", severity: .error, message: "联系电话格式不对"),
                                          CheckItem(register: .service, id: 8, field: "service_date", severity: .warning, message: "不在考核期")]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            "┌─ 数据检查：错误1条，警告1条，已确认0条（Enter 定位） ────────────────────────────────────────────┐",
            "│【错误·联系电话的问题：1条】                                                                      │",
            "│  ✗ 摸底 第3号 联系电话格式不对                                                                   │",
            "│【警告·联系电话的问题：1条】                                                                      │",
            "│  ! 服务 第8号 不在考核期                                                                         │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│✗ 摸底台账 第3号 联系电话：联系电话格式不对                                                       │",
            "│                                                                                                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择  Enter打开并定位  Esc返回  F1帮助",
        ])
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 3, focus: "phone")])
    }
}

struct ScoreExplanationTests {
    @Test func itemsExplainAndEnterListsTheRecordsBehindThem() {
        var state = homeState()
        press(&state, [.character("s")])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " 西宁市创建创业型社区评分表：总分 3/100（Enter 查看相关记录）",
            " 劳动者创业参与率达到7%            0/15          0%（0/40）",
            " 创业带动就业指数达到3             0/15          —（0/0）",
            " 成立创建工作领导小组               2/2 ████████ 已成立并切实履职",
            " 工作制度健全并执行                 0/2          未自评",
            " 创建工作方案                       0/3          未自评",
            " 三项补贴享受率100%                 0/6          0/0，0/0，0/0",
            " 建立摸底台账                       0/2          0",
            " 创业培训率100%                     0/8          —（0/0）",
            " 培训合格率100%                     0/4          —（0/0）",
            " 培训后创业率达30%                  0/2          —（0/0）",
            " 开设创业服务窗口                   0/2          未自评",
            " 每人2次以上创业服务               0/16          —（0/0）",
            " 创业宣传活动3次以上                0/3          0",
            " 树立创业典型1名以上                1/2 ████     0",
            " ※推荐入园孵化1家以上               0/6          0",
            " ※创业指导专家队伍/协作机制         0/4          未自评",
            " ※工作创新                          0/4          未自评",
            " ※台账资料完备                      0/4          错误0，警告0",
            "",
            "",
            "",
            "",
            "",
            "",
            " 要求：≥ 7%（Enter 列出参与创业活动者）　参与创业活动者0 ÷ 城镇劳动者总数40 = 0%（0/40），未达到",
            " 7%，得0分",
            "",
            " ↑↓选择评分项  Enter列出相关记录  Esc返回  F1帮助",
        ])
        let effects = press(&state, [.enter])
        guard case .loadEvidence("630102001", let evidence)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(evidence.include == .participants)
        _ = reduce(&state, .evidenceLoaded(title: "参与创业活动者", .survey, [row(4, "赵敏")]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " 参与创业活动者（共列出1条，Enter 打开修改）",
            " 编号    姓名 / 名称   公民身份号码 / 类型 状态 / 日期",
            " 4       赵敏          630102********0116  有创业意愿",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " ↑↓选择  Enter打开修改  n新增服务  Esc返回评分项  F1帮助",
        ])
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 4, focus: nil)])
    }

    /// A long list of records behind an item pages with PgDn/PgUp and goes to its ends with End/Home, as the
    /// registers do (only ↑↓ moved it: 48 rows took 48 presses).
    @Test func theRecordsBehindAnItemPageAndGoToTheirEnds() throws {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("s")])
        _ = press(&state, [.enter])
        _ = reduce(&state, .evidenceLoaded(title: "参与创业活动者", .survey, (1...60).map { row(Int64($0), "人员\($0)") }))
        let page = ScoreScreen.evidenceRows(state)
        #expect(page > 1 && page < 60)
        #expect(press(&state, [.pageDown, .enter]) == [.openRecord(.survey, id: Int64(1 + page), focus: nil)])
        #expect(press(&state, [.end, .enter]) == [.openRecord(.survey, id: 60, focus: nil)])
        #expect(press(&state, [.pageUp, .enter]) == [.openRecord(.survey, id: Int64(60 - page), focus: nil)])
        #expect(press(&state, [.home, .enter]) == [.openRecord(.survey, id: 1, focus: nil)])
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
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            "┌─ 督导总览：1个街道，2个社区（←→ 排序，Enter 街道或社区的台账，a 全区） ──────────────────────────┐",
            "│街道 / 社区               社区数 劳动者   参与率  带动  当前↓  自评  初评  状态     问题          │",
            "│八一路街道                2      50       10.00%  0.00  21※                已交0/2                │",
            "│  南关社区                       10       10.00%  0.00  22                 未提交                 │",
            "│  八一路社区                     40       0.00%   0.00  3                  未提交                 │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助",
        ])
        // Under the street's row, the first community: i enters it
        press(&state, [.down, .character("i")])
        #expect(state.community?.code == "630102002")
    }

    @Test func readOnlyCommunityRefusesEntry() {
        var state = homeState()
        _ = reduce(&state, .accessLoaded(["630102999"]))
        #expect(press(&state, [.character("1")]).isEmpty)
        #expect(state.message?.contains("只读") == true)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001）［只读］ │ 考核期 2024-01-01..2024-12-31             操作员 王芳",
            "                                                                   ┌─ 评分 3/100 ──────────────────┐",
            "  八一路社区  八一路街道 · 城东区                                  │劳动者创业参与率达到7%     0/15│",
            "  考核期 2024-01-01..2024-12-31    城镇劳动者 40 人                │创业带动就业指数达到3      0/15│",
            "                                                                   │成立创建工作领导小组    ██  2/2│",
            "  摸底登记 0 人    服务记录 0 条    工作记录 0 条                  │工作制度健全并执行          0/2│",
            "  评分（西宁市创建创业型社区评分表）：总分 3 / 100                 │创建工作方案                0/3│",
            "  各台账没有发现问题                                               │三项补贴享受率100%          0/6│",
            "                                                                   │建立摸底台账                0/2│",
            "     4  浏览台账                                                   │创业培训率100%              0/8│",
            "     5  数据检查                                                   │培训合格率100%              0/4│",
            "     7  评分计划                                                   │培训后创业率达30%           0/2│",
            "     s  评分明细                                                   │开设创业服务窗口            0/2│",
            "     8  评选                                                       │每人2次以上创业服务        0/16│",
            "     9  操作员统计                                                 │创业宣传活动3次以上         0/3│",
            "     o  督导总览                                                   │树立创业典型1名以上     █   1/2│",
            "     q  退出                                                       │※推荐入园孵化1家以上        0/6│",
            "                                                                   │※创业指导专家队伍/协作机制     │",
            "                                                                   │                            0/4│",
            "                                                                   │※工作创新                   0/4│",
            "                                                                   │※台账资料完备               0/4│",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   └───────────────────────────────┘",
            " 您对本社区只有查看权限（只读），不能新增或修改",
            " 按数字键选择功能  e导出评分表  F1帮助  q退出",
        ])
    }

    /// The search looks among active records only: in the deleted view `/` says so instead of listing live records
    /// that `r` cannot restore, and switching views clears a search.
    @Test func theDeletedViewIsNotSearchedAndSwitchingViewsClearsASearch() {
        var state = homeState()
        press(&state, [.character("4")])
        press(&state, [.character("/")] + type("lch") + [.enter])
        guard case .browser(let searched) = state.screen else { Issue.record("not in the register"); return }
        #expect(searched.query == "lch")
        press(&state, [.character("x")])
        guard case .browser(let deleted) = state.screen else { Issue.record("not in the register"); return }
        #expect(deleted.showDeleted && deleted.query.isEmpty)
        #expect(press(&state, [.character("/")]).isEmpty)
        #expect(state.message == "搜索只查找未删除的记录：已删除的记录请在本列表中翻页查看（按 x 返回全部记录）")
        guard case .browser(let after) = state.screen else { Issue.record("not in the register"); return }
        #expect(after.search == nil)
    }

    /// A search lists its matches unsorted and unfiltered: the line above the table says only the search, not a
    /// sort or filter it does not apply; cleared, the sort and filter are back.
    @Test func aSearchLineNamesOnlyWhatIsInForce() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4"), .character("s"), .character("f")])
        #expect(render(state).trimmedLines[1] == " [摸底台账]  服务台账   工作台账   按姓名排序  有创业意愿")
        press(&state, [.character("/")] + type("ly") + [.enter])
        #expect(render(state).trimmedLines[1] == " [摸底台账]  服务台账   工作台账   搜索：ly")
        press(&state, [.character("/"), .escape])
        #expect(render(state).trimmedLines[1] == " [摸底台账]  服务台账   工作台账   按姓名排序  有创业意愿")
    }

    /// A search's answer selects its first row, whatever row the list before had selected.
    @Test func aSearchSelectsItsFirstRow() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, (1...10).map { row(Int64($0), "人员\($0)") }))
        press(&state, Array(repeating: .down, count: 7))
        press(&state, [.character("/")] + type("ly"))
        _ = reduce(&state, .pageLoaded(.survey, [row(21, "李艳"), row(22, "吕玉"), row(23, "刘洋")]))
        press(&state, [.enter])
        guard case .browser(let b) = state.screen else { Issue.record("not in the register"); return }
        #expect(b.selected?.id == 21)
    }

    /// Back from the deleted view (`x`), the list is as the clerk left it: the search again, and the record just
    /// restored selected, so that the next `D` cannot fall on the first row of the whole register (as it did).
    @Test func leavingTheDeletedViewGivesBackTheSearchAndSelectsTheRestoredRecord() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4")])
        press(&state, [.character("/")] + type("王建国") + [.enter])
        _ = reduce(&state, .pageLoaded(.survey, [row(49, "王建国")]))
        press(&state, [.character("x")])
        _ = reduce(&state, .pageLoaded(.survey, [row(7, "李四", deleted: true), row(49, "王建国", deleted: true)]))
        press(&state, [.down])
        #expect(press(&state, [.character("r")]) == [.restoreRecord(.survey, id: 49)])
        _ = reduce(&state, .registerChanged("已恢复第49号记录"))
        _ = reduce(&state, .pageLoaded(.survey, [row(7, "李四", deleted: true)]))
        let effects = press(&state, [.character("x")])
        #expect(effects.contains { if case .searchRecords(_, _, let query, _) = $0 { query == "王建国" } else { false } }, "\(effects)")
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "郑辉斌"), row(49, "王建国")]))
        guard case .browser(let back) = state.screen else { Issue.record("not in the register"); return }
        #expect(back.query == "王建国" && !back.showDeleted && back.selected?.id == 49)
    }

    /// In a community the operator may only read, Enter in its register shows the record read-only with its
    /// numbers masked (the form would show them whole and offer a save that is refused), and D is refused.
    @Test func aReadOnlyCommunitysRecordOpensMaskedAndCannotBeDeleted() {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .accessLoaded(["630102999"]))
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三")]))
        #expect(press(&state, [.character("D")]).isEmpty && state.dialog == nil)
        #expect(state.message == "您对本社区只有查看权限（只读），不能删除")
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 1, focus: nil)])
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 1, version: 1, originalFields: [
            "name": "张三", "id_number": "630102199003071234", "phone": "13912345678", "status": "有创业意愿"]),
            accepted: [:], focus: nil))
        expectScreen(render(state), [
            " 八一路社区（630102001）［只读］ │ 考核期 2024-01-01..2024-12-31    操作员 王芳",
            "┌─ 八一路社区 摸底台账 第1号记录（只读） ──────────────────────────────────────┐",
            "│ 姓名：张三                                                                   │",
            "│ 公民身份号码：630102********1234                                             │",
            "│ 联系电话：139****5678                                                        │",
            "│ 创业状态：有创业意愿                                                         │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓滚动  Esc返回（只读：您无权修改本社区的记录）",
        ])
        // Esc returns to the register, on the same row
        #expect(press(&state, [.escape]).isEmpty)
        guard case .browser(let b) = state.screen else { Issue.record("not in the register"); return }
        #expect(b.viewing == nil && b.selected?.id == 1)
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
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            "┌─ 数据检查：错误2条，警告1条，已确认1条（Enter 定位） ────────────────────────────────────────────┐",
            "│【错误·身份证号校验位不对：2条】                                                                  │",
            "│  ✗ 摸底 第1号 e1                                                                                 │",
            "│  ✗ 摸底 第3号 e2                                                                                 │",
            "│【警告·联系电话的问题：1条】                                                                      │",
            "│  ! 摸底 第9号 w                                                                                  │",
            "│【已确认·联系电话的问题：1条】                                                                    │",
            "│  ✓ 摸底 第2号 ok（已确认：已核实）                                                               │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│                                                                                                  │",
            "│✗ 摸底台账 第1号 公民身份号码：e1                                                                 │",
            "│                                                                                                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择  Enter打开并定位  Esc返回  F1帮助",
        ])
    }
}
