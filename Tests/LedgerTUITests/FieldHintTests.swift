import Testing
@testable import LedgerTUI

/// A field's hint says what its validation accepts: a fresh-eyes clerk read `最多30个字` under 社区代码 (which
/// takes 9 or 12 digits) and `最多20个字` under 创业担保贷款 (which takes 50000 or 5万).
@Suite struct FieldHintTests {
    private func hint(_ spec: FormSpec, _ key: String) throws -> String {
        FormScreen.hint(try #require(spec.fields.first { $0.key == key }))
    }

    @Test func fieldsWithAFormSayTheFormOthersTheirLength() throws {
        #expect(try hint(FormSpecs.profile, "code") == "12位统计用区划代码，或其后9位（街道3位+社区3位）")
        #expect(try hint(FormSpecs.survey, "loan_amount") == "金额（元），如 50000 或 5万")
        #expect(try hint(FormSpecs.profile, "name").hasPrefix("最多"))
    }
}

/// A recount's (or a change made outside the app's) kept score contribution reads in the measures' names, not as the
/// stored JSON with English keys.
@Suite struct FactsWordingTests {
    @Test func aChangeOfTheKeptFiguresNamesEachMeasureThatMoved() {
        #expect(AuditWording.change(field: "facts", old: #"{"participants": 250, "registered": 1, "served": 1}"#,
                                    new: #"{"participants": 1, "registered": 1}"#, register: .survey)
                == "参与创业活动者 250 → 1；获得服务人数 1 → 0")
        #expect(AuditWording.change(field: "facts", old: "{}", new: "{}", register: .survey) == "（未变）")
        #expect(AuditWording.field("facts", register: .survey) == "计分数据")
    }
}

/// An export that cannot be written where the clerk said opens the file-name dialog again with the path as typed
/// (it had closed, and the typed path was lost).
@Suite struct ExportRetryTests {
    @Test func aFailedExportKeepsThePathTyped() throws {
        var state = homeState()
        #expect(press(&state, [.character("e")]).isEmpty)
        let typed = "/tmp/没有的目录/评分表.xlsx"
        _ = reduce(&state, .exportFailed(.score, path: typed, "目录 /tmp/没有的目录 不存在，请先建立或换一个位置"))
        guard case .exportFile(let kind, let path) = try #require(state.dialog) else {
            Issue.record("the file-name dialog is not open: \(String(describing: state.dialog))")
            return
        }
        #expect(kind == .score && path.text == typed)
        #expect(state.message == "目录 /tmp/没有的目录 不存在，请先建立或换一个位置" && state.messageIsError)
        // Enter sends the corrected path again
        _ = press(&state, [.control("u")] + type("/tmp/评分表.xlsx"))
        #expect(press(&state, [.enter]) == [.exportWorkbook(.score, community: "630102001", path: "/tmp/评分表.xlsx", overwrite: false)])
    }
}
