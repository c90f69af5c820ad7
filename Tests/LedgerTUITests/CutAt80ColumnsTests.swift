import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// Text cut at 80×24 ends in `…`, and the part that matters (a number, whether a record was corrected, the closing
/// bracket of a question) is not the part cut.
struct CutAt80ColumnsTests {
    /// Signed, recommended, 14 changes since the submission; person 1 found 不属实 with a long note, not corrected.
    static func crowded() -> Evaluation {
        let e = EvaluationScreenTests.evaluation(signed: true)
        let first = e.sample!.checks[0]
        let long = SpotCheck(position: 1, personId: first.personId, name: "王王王", idNumber: first.idNumber, stratum: first.stratum,
                             result: .untrue, note: "查无此人，户籍地址查无此处，邻居称多年未见，电话为空号，请社区核对后更正",
                             checkedBy: first.checkedBy, checkedAt: first.checkedAt, changesSinceCheck: 0)
        let sample = SpotCheckSample(seed: e.sample!.seed, requestedSize: 3, strata: e.sample!.strata, drawnBy: e.sample!.drawnBy,
                                     drawnAt: e.sample!.drawnAt, checks: [long] + e.sample!.checks.dropFirst())
        return Evaluation(id: e.id, communityCode: e.communityCode, period: e.period, rubricId: e.rubricId, rubricTitle: e.rubricTitle,
                          items: e.items, submittedBy: e.submittedBy, submittedAt: e.submittedAt, checksum: e.checksum,
                          currentChecksum: e.currentChecksum, changesSinceSubmission: 14, adjustments: e.adjustments,
                          sample: sample, signature: e.signature, recommendation: Signature(by: "督导员", at: "2024-12-31T11:30:00"))
    }

    @Test func theEvaluationHeaderKeepsTheNumberAndTheSelectedCheckItsCorrection() {
        var state = EvaluationScreenTests.opened(Self.crowded())
        press(&state, [.tab])
        expectScreen(render(state), [
            " 八一路社区（630102001）［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 已签署锁定：督导员 2024-12-31 11:00 已推荐市级  ！14 处修改晚于自评提交      │",
            "│  评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业参与率达到7%             15     0     0                           │",
            "│  创业带动就业指数达到3              15     0     0                           │",
            "│  成立创建工作领导小组                2     2     2                           │",
            "│  工作制度健全并执行                  2     0     0                           │",
            "│  创建工作方案                        3     0     0                           │",
            "│  三项补贴享受率100%                  6     0     0                           │",
            "│  建立摸底台账                        2     2     0    -2                     │",
            "│  创业培训率100%                      8     0     0                           │",
            "│  培训合格率100%                      4     0     0                           │",
            "│  培训后创业率达30%                   2     0     0                           │",
            "│ 第1号 王王王（签署时未更正）：查无此人，户籍地址查无此处，邻居称多年未见，电…│",
            "│ 随机抽样 种子 20241231  核实 2/3：不属实 1  联系不上 1  不符率 100%          │",
            "│ ▶序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王王王   630102********0047 有创业意愿  不属实    （签署时未更正）查无…│",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  ↑↓选择  Enter打开记录  f服务  U解锁  Esc返回  F1帮助",
        ])
    }

    @Test func theDeleteDialogShortensTheNameInsideItsBrackets() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(3, String(repeating: "王", count: 30))]))
        press(&state, [.character("D")])
        _ = reduce(&state, .servicesCounted(personId: 3, count: 0))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " [摸底台账]  服务台账   工作台账",
            "",
            " 编号 姓名            公民身份号码       性别 创业状态   摸底日期   培训 问题",
            " 3    王王王王王王王… 630102********0116 男   有创业意愿 2024-03-15 否",
            "",
            "",
            "",
            "",
            "     ┌─ 删除记录 ─────────────────────────────────────────────────────────┐",
            "     │ 删除第3号记录（王王王王王王王…）？删除后不计入台账和评分，可恢复。 │",
            "     │                                                                    │",
            "     │ 请填写删除理由后按 Enter（Esc 取消）：                             │",
            "     │                                                                    │",
            "     └────────────────────────────────────────────────────────────────────┘",
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
}
