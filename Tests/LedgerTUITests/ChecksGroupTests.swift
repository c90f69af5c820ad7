import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 17 item 18: the checks screen names rules in Chinese and accepts a group of warnings with one reason.
struct ChecksGroupTests {
    static func crossCommunity(_ id: Int64, accepted: String? = nil) -> CheckItem {
        CheckItem(register: .survey, id: id, field: "id_number", severity: accepted == nil ? .warning : .notice,
                  message: "此人已在南关社区（630102002）登记（甲\(id)），请确认是否重复", accepted: accepted, code: "id.other_community")
    }

    static func checks() -> AppState {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("5")])
        _ = reduce(&state, .checksLoaded([
            CheckItem(register: .service, id: 8, field: "service_date", severity: .error, message: "服务日期格式不对", code: "date.format"),
            crossCommunity(3), crossCommunity(4), crossCommunity(5), crossCommunity(9, accepted: "已核实"),
        ]))
        return state
    }

    @Test func groupHeadingsAreChineseAndTheSelectedProblemShowsWhole() {
        var state = Self.checks()
        press(&state, [.down])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 数据检查：错误1条，警告3条，已确认1条（Enter 定位） ────────────────────────┐",
            "│【错误·日期格式不对：1条】                                                    │",
            "│  ✗ 服务 第8号 服务日期格式不对                                               │",
            "│【警告·已在其他社区登记：3条】                                                │",
            "│  ! 摸底 第3号 此人已在南关社区（630102002）登记（甲3），请确认是否重复       │",
            "│  ! 摸底 第4号 此人已在南关社区（630102002）登记（甲4），请确认是否重复       │",
            "│  ! 摸底 第5号 此人已在南关社区（630102002）登记（甲5），请确认是否重复       │",
            "│【已确认·已在其他社区登记：1条】                                              │",
            "│  ✓ 摸底 第9号 此人已在南关社区（630102002）登记（甲9），请确认是否重复（已确…│",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│! 摸底台账 第3号 公民身份号码：此人已在南关社区（630102002）登记（甲3），请确 │",
            "│认是否重复　（a：确认本组全部未确认的警告）                                   │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择  Enter打开并定位  a确认本组警告  Esc返回  F1帮助",
        ])
    }

    @Test func aAcceptsTheSelectedRuleForEveryOpenWarningWithOneReason() {
        var state = Self.checks()
        // On an error, `a` explains what it needs.
        #expect(press(&state, [.character("a")]).isEmpty && state.dialog == nil)
        #expect(state.message?.contains("未确认的警告") == true)
        press(&state, [.down, .down])
        #expect(press(&state, [.character("a")]).isEmpty)
        guard case .acceptWarningGroup(let code, let records, _)? = state.dialog else { Issue.record("expected the dialog"); return }
        #expect(code == "id.other_community" && records.map(\.id) == [3, 4, 5])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 数据检查：错误1条，警告3条，已确认1条（Enter 定位） ────────────────────────┐",
            "│【错误·日期格式不对：1条】                                                    │",
            "│  ✗ 服务 第8号 服务日期格式不对                                               │",
            "│【警告·已在其他社区登记：3条】                                                │",
            "│  ! 摸底 第3号 此人已在南关社区（630102002）登记（甲3），请确认是否重复       │",
            "│  ! 摸底 第4号 此人已在南关社区（630102002）登记（甲4），请确认是否重复       │",
            "│  ! 摸底 第5号 此人已在南关社区（630102002）登记（甲5），请确认是否重复       │",
            "│【已确认·已 ┌─ 确认整组警告 ─────────────────────────────────────┐            │",
            "│  ✓ 摸底 第9│ 确认“已在其他社区登记”的全部3条记录的警告？        │ 重复（已确…│",
            "│            │ 每条记录都记下此理由，并记入修改记录。             │            │",
            "│            │                                                    │            │",
            "│            │ 请填写理由后按 Enter（Esc 取消）：                 │            │",
            "│            │                                                    │            │",
            "│            └────────────────────────────────────────────────────┘            │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│! 摸底台账 第4号 公民身份号码：此人已在南关社区（630102002）登记（甲4），请确 │",
            "│认是否重复　（a：确认本组全部未确认的警告）                                   │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择  Enter打开并定位  a确认本组警告  Esc返回  F1帮助",
        ])
        #expect(press(&state, [.enter]).isEmpty && state.dialog != nil)
        let effects = press(&state, type("已核实，两处均在册") + [.enter])
        #expect(effects == [.acceptWarnings(code: "id.other_community", reason: "已核实，两处均在册",
                                            records: [3, 4, 5].map { RecordRef(.survey, id: $0) })])
        // The result reloads the figures and the checks.
        let after = reduce(&state, .registerChanged("已确认3条记录的警告"))
        #expect(after == [.loadFacts(community: "630102001"), .loadChecks(community: "630102001")])
    }

    @Test func fiftyThreeWarningsScrollWithTheSelectionAndHeadingsStayWithTheirGroup() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("5")])
        _ = reduce(&state, .checksLoaded([CheckItem(register: .service, id: 8, field: "service_date", severity: .error,
                                                    message: "服务日期格式不对", code: "date.format")]
                                         + (1...53).map { Self.crossCommunity(Int64($0)) }))
        press(&state, Array(repeating: .down, count: 30))
        #expect(selectedLine(render(state))?.contains("! 摸底 第30号 ") == true)
        press(&state, Array(repeating: .pageDown, count: 3))
        #expect(selectedLine(render(state))?.contains("! 摸底 第53号 ") == true)
        press(&state, Array(repeating: .pageUp, count: 5))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 数据检查：错误1条，警告53条，已确认0条（Enter 定位） ───────────────────────┐",
            "│【错误·日期格式不对：1条】                                                    │",
            "│  ✗ 服务 第8号 服务日期格式不对                                               │",
            "│【警告·已在其他社区登记：53条】                                               │",
            "│  ! 摸底 第1号 此人已在南关社区（630102002）登记（甲1），请确认是否重复       │",
            "│  ! 摸底 第2号 此人已在南关社区（630102002）登记（甲2），请确认是否重复       │",
            "│  ! 摸底 第3号 此人已在南关社区（630102002）登记（甲3），请确认是否重复       │",
            "│  ! 摸底 第4号 此人已在南关社区（630102002）登记（甲4），请确认是否重复       │",
            "│  ! 摸底 第5号 此人已在南关社区（630102002）登记（甲5），请确认是否重复       │",
            "│  ! 摸底 第6号 此人已在南关社区（630102002）登记（甲6），请确认是否重复       │",
            "│  ! 摸底 第7号 此人已在南关社区（630102002）登记（甲7），请确认是否重复       │",
            "│  ! 摸底 第8号 此人已在南关社区（630102002）登记（甲8），请确认是否重复       │",
            "│  ! 摸底 第9号 此人已在南关社区（630102002）登记（甲9），请确认是否重复       │",
            "│  ! 摸底 第10号 此人已在南关社区（630102002）登记（甲10），请确认是否重复     │",
            "│  ! 摸底 第11号 此人已在南关社区（630102002）登记（甲11），请确认是否重复     │",
            "│  ! 摸底 第12号 此人已在南关社区（630102002）登记（甲12），请确认是否重复     │",
            "│  ! 摸底 第13号 此人已在南关社区（630102002）登记（甲13），请确认是否重复     │",
            "│  ! 摸底 第14号 此人已在南关社区（630102002）登记（甲14），请确认是否重复     ↓",
            "│✗ 服务台账 第8号 服务日期：服务日期格式不对                                   │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择  Enter打开并定位  Esc返回  F1帮助",
        ])
        #expect(selectedLine(render(state))?.contains("✗ 服务 第8号 ") == true)
        press(&state, [.down, .character("a")])
        guard case .acceptWarningGroup(_, let records, _)? = state.dialog else { Issue.record("expected the dialog"); return }
        #expect(records.count == 53)
    }

    @Test func readOnlyOperatorsCannotAccept() {
        var state = Self.checks()
        _ = reduce(&state, .accessLoaded(["630102999"]))
        press(&state, [.down])
        #expect(press(&state, [.character("a")]).isEmpty && state.dialog == nil)
    }
}

/// Issue 17 item 18: the score's evidence lists each person's figure, and `n` starts a service for that person.
struct ScoreEvidenceTests {
    @Test func evidenceShowsServiceCountsAndNOpensANewServiceForThePerson() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("s")])
        var first = row(4, "赵敏")
        first.servicesInPeriod = 1
        var second = row(6, "钱九")
        second.servicesInPeriod = 3
        _ = reduce(&state, .evidenceLoaded(title: "每人2次以上创业服务", .survey, [first, second]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 每人2次以上创业服务（共列出2条，Enter 打开修改）",
            " 编号    姓名 / 名称   公民身份号码 / 类型 服务次数  状态 / 日期",
            " 4       赵敏          630102********0116  1次       有创业意愿",
            " 6       钱九          630102********0116  3次       有创业意愿",
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
        let effects = press(&state, [.down, .character("n")])
        #expect(effects == [.lookUpIdNumber("630102199003070116"), .loadServicePerson(community: "630102001", idNumber: "630102199003070116")])
        guard let form = state.form else { Issue.record("expected the service form"); return }
        #expect(form.spec.kind == .service && form.values["id_number"] == "630102199003070116" && form.focus != "id_number")
        // Esc (nothing typed yet) goes back to the score.
        press(&state, [.escape])
        guard case .score = state.screen else { Issue.record("expected the score screen"); return }
    }
}
