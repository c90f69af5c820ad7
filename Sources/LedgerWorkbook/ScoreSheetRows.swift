import LedgerCore

/// The items of a 评分表 sheet: the submitted 自评 (with the 初评 once begun) when the form has one, else the live
/// score as the draft of the 自评. One place decides which figure stands in 自评得分, so the sheet never prints a
/// recalculation under the submitted column's name.
struct ScoreSheetRows {
    struct Row {
        let title: String
        let group: String?
        let inferred: Bool
        let standard: String
        let method: String
        let max: Points
        let selfPoints: Points
        /// The 初评's points (nil: no 初评 column).
        let review: Points?
        let explanation: String
    }

    let rows: [Row]
    /// Whether the sheet has the 初评 column.
    let hasReview: Bool
    let maxTotal: Points
    let selfTotal: Points
    let reviewTotal: Points?

    init(_ form: ScoreWorkbook.Form) {
        let rubric = form.rubric
        func standard(_ id: String, _ title: String) -> String { rubric.item(id)?.standard ?? title }
        func method(_ id: String, _ standard: String, inferred: Bool) -> String {
            rubric.item(id)?.method ?? (inferred ? ScoreSheetWriter.inferredNote(standard) : "")
        }
        guard let e = form.evaluation else {
            rows = form.card.items.map { item in
                let s = standard(item.id, item.title), inferred = item.source == .inferred
                return Row(title: item.title, group: item.group, inferred: inferred, standard: s,
                           method: method(item.id, s, inferred: inferred), max: item.max, selfPoints: item.points, review: nil,
                           explanation: item.explanation)
            }
            hasReview = false
            maxTotal = form.card.max
            selfTotal = form.card.total
            reviewTotal = nil
            return
        }
        let review = e.reviewBegun
        rows = e.items.map { item in
            let s = standard(item.id, item.title), inferred = item.source == .inferred
            var explanation = item.explanation
            // The supervisor's reason beside the figure it explains.
            if review, let a = e.adjustments[item.id] {
                let decided = a.points == item.points ? "初评维持\(a.points)分" : "初评改为\(a.points)分"
                explanation += "\n\(decided)：\(a.reason)（\(a.by) \(TimeText.shown(a.at))）"
            }
            return Row(title: item.title, group: item.group, inferred: inferred, standard: s,
                       method: method(item.id, s, inferred: inferred), max: item.max, selfPoints: item.points,
                       review: review ? e.evaluatedPoints(item) : nil, explanation: explanation)
        }
        hasReview = review
        maxTotal = e.maxTotal
        selfTotal = e.selfTotal
        reviewTotal = e.reviewTotal
    }

    /// The lines under the title that say what the figures are: who submitted when, whether the registers changed
    /// since (with today's total), and the 初评's state. Empty before a submission.
    static func standing(_ form: ScoreWorkbook.Form) -> [String] {
        guard let e = form.evaluation else { return [] }
        var lines = ["自评：\(e.submittedBy)于\(TimeText.shown(e.submittedAt))提交，自评总分\(e.selfTotal)分（本表自评得分为提交时的分数）"]
        if let notice = e.outdatedNotice {
            lines.append("注意：\(notice)，按现在的台账计算为\(form.card.total)分；自评须重新提交才会改变")
        }
        if let review = e.reviewTotal {
            lines.append(e.signature.map { "初评：\(review)分，已由\($0.by)于\(TimeText.shown($0.at))签署，台账已锁定" + (e.lastUnlock.map { "（\($0.before)）" } ?? "") }
                         ?? "初评：\(review)分，尚未签署（" + (e.lastUnlock.map { "督导评审中；\($0.text)" } ?? "督导评审中") + "）")
        }
        return lines
    }

    /// The day the 日期 line carries: the submission's once submitted, else the export's.
    static func date(_ form: ScoreWorkbook.Form, today: Day) -> Day {
        form.evaluation.flatMap { Day.parse(String($0.submittedAt.prefix(10))) } ?? today
    }
}
