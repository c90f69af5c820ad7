import LedgerCore
import TerminalUI

/// The register filters the community browser and the district register share: what each filter key cycles
/// through, how a typed date range is read, and the words that say which filters are on. Defined once, so the two
/// screens filter alike.
extension BrowserState {
    /// `f` (survey register): 有创业意愿 → 已创业 → 全部.
    mutating func cycleStatus() {
        statusFilter = statusFilter == nil ? "有创业意愿" : statusFilter == "有创业意愿" ? "已创业" : nil
    }

    /// `g` (survey register): 全部 → each person category in the code table's order → 全部.
    mutating func cycleCategory() {
        let all = PersonCategory.allCases.map(\.rawValue)
        if let current = categoryFilter, let i = all.firstIndex(of: current) {
            categoryFilter = i + 1 < all.count ? all[i + 1] : nil
        } else {
            categoryFilter = all[0]
        }
    }

    /// `t` (survey register): 已培训 → 未培训 → 全部.
    mutating func cycleTrained() {
        trainedFilter = trainedFilter == nil ? true : trainedFilter == true ? false : nil
    }

    /// The sort and the filters in force, in words, for the line above the table (without the search, which each
    /// screen words itself).
    var filterWords: [String] {
        var words: [String] = []
        if sort != "id" { words.append("按\(register.header(of: sort))排序") }
        if let status = statusFilter { words.append(status) }
        if let trained = trainedFilter { words.append(trained ? "已培训" : "未培训") }
        if let category = categoryFilter { words.append(category) }
        if let dates = dateFilter { words.append(dates.description) }
        if showDeleted { words.append("显示已删除") }
        if problemsOnly { words.append("仅有问题的记录") }
        return words
    }

    /// What an empty page says: nothing matched the search, no deleted records, nothing passed the filters, or the
    /// register is empty.
    var emptyText: String {
        var onlyDeleted = self
        onlyDeleted.showDeleted = false
        let noMatch = register == .survey ? "（没有匹配的人员）" : "（没有匹配的记录）"
        return !query.isEmpty ? noMatch
            : showDeleted && !onlyDeleted.isFiltered ? "（没有已删除的记录，按 x 返回）"
            : isFiltered ? "（没有符合条件的记录，可更改或取消筛选）" : "（没有记录）"
    }

    /// How a row's 问题 cell reads and its colour: deleted, an error, an open warning, or nothing.
    static func problem(_ row: RegisterRow) -> (text: String, style: Style) {
        row.deleted ? ("已删除", .muted) : row.errors > 0 ? ("✗错误", .error) : row.warnings > 0 ? ("!警告", .warning) : ("", .plain)
    }
}

/// What the `w` dialog's text means: no date filter (empty), a range, or text that is not a range.
enum DateRangeInput {
    case all
    case range(Period)
    case invalid

    init(_ text: String) {
        if text.isEmpty { self = .all } else if let period = Period.parse(text) { self = .range(period) } else { self = .invalid }
    }

    static let invalidMessage = "日期范围应写作 2024-01-01..2024-06-30（或一个月 2024-03、一年 2024）；留空为全部"
}
