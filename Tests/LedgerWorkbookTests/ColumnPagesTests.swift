import Testing
@testable import LedgerWorkbook

/// Where a wide register's printed pages are cut: between header groups, inside one only when it alone is wider
/// than a page, never within the columns repeated on every page.
struct ColumnPagesTests {
    /// Columns of 20 units (145 pixels): six fit the 950 pixels a page holds at 80%.
    static func columns(_ n: Int) -> [Double] { Array(repeating: 20, count: n) }

    @Test func aRegisterThatFitsOnePageIsNotCut() {
        #expect(ColumnPages.breaks(widths: Self.columns(6), groupStarts: [0, 1, 3], repeated: 1).isEmpty)
    }

    @Test func pagesAreCutBeforeAGroupThatNoLongerFits() {
        // Groups: 0 | 1–4 | 5–7 | 8–9. Page 1 takes 0–4; 5–7 with the repeated 0–1 is five columns; 8–9 do not fit
        // beside them.
        #expect(ColumnPages.breaks(widths: Self.columns(10), groupStarts: [0, 1, 5, 8], repeated: 1) == [5, 8])
    }

    @Test func aGroupWiderThanAPageIsCutBetweenItsColumns() {
        // One group of nine columns after 序号: cut after the sixth column on the page, then again.
        #expect(ColumnPages.breaks(widths: Self.columns(10), groupStarts: [0, 1], repeated: 1) == [6])
        #expect(ColumnPages.parts(of: 1 ..< 10, breaks: [6]) == [1 ..< 6, 6 ..< 10])
    }

    @Test func theScaleLetsTheWidestPageFillThePaper() {
        // Pages 0–4 (5 columns, 725 px) and 0–1 + 5–7 (725 px): 760 / 725, but never above 100%.
        #expect(ColumnPages.scale(widths: Self.columns(8), breaks: [5], repeated: 1) == 100)
        // Pages 0–6 (1,015 px) and 0–1 + 7–12 (8 columns, 1,160 px): the second decides, 760 / 1,160.
        #expect(ColumnPages.scale(widths: Self.columns(13), breaks: [7], repeated: 1) == 65)
    }
}
