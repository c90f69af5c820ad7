/// How a register too wide for one A4 landscape page is printed: across several pages, each starting at a group of
/// its header (基本信息, 培训情况…), with the first columns (序号 and the record's name or date) repeated at the left
/// of every page, at one print scale that is never below `minimumScale`.
///
/// Why: fitted to one page wide, the survey register's 35 columns printed at about a third of their size (names
/// 2.5 pt high); no supervisor could read or sign that. Cutting between groups keeps what belongs together on one
/// sheet of paper, and the repeated columns say whose row it is on every page.
///
/// The cuts are planned before the first row is written, from the widths the columns can reach (the title and
/// the 填报 line are centred over the first page, and a workbook written row by row cannot go back to them); the
/// scale is set at the end from the widths the columns took.
enum ColumnPages {
    /// Printable width of A4 landscape with `Sheet.printSetup`'s margins, in the pixels of `pixels`. The paper is
    /// 1,046 pixels wide at 96 dpi (297 mm less 2 × 0.4 in), but LibreOffice draws a column unit about 9.8 pixels
    /// wide, not 7 (measured: 114.6 units filled the page at 84%); Excel fits more, and a page then has room.
    static let pagePixels = 760.0
    /// Below this a Chinese character prints under about 8 pt.
    static let minimumScale = 80

    /// A column `width` characters wide (Excel's unit) in pixels at 100%: 7 per character of the default font,
    /// plus its padding.
    static func pixels(_ width: Double) -> Double { (width * 7 + 5).rounded(.down) }

    /// Where new pages start, for columns of at most `widths` (Excel units, column 0 first), cut before the first
    /// column of a group (`groupStarts`, ascending, starting at 0) where it can be, inside a group only when the
    /// group alone is wider than a page, with columns `0...repeated` printed again on every later page. Empty when
    /// the whole sheet fits one page wide at `minimumScale` or more.
    static func breaks(widths: [Double], groupStarts: [Int], repeated: Int) -> [Int] {
        let px = widths.map(pixels)
        let room = pagePixels * 100 / Double(minimumScale)
        guard px.reduce(0, +) > room else { return [] }
        let repeatedWidth = px[0 ... min(repeated, px.count - 1)].reduce(0, +)
        var breaks: [Int] = []
        var pageWidth = 0.0
        func startPage(at column: Int) {
            breaks.append(column)
            pageWidth = repeatedWidth
        }
        for (start, end) in zip(groupStarts, groupStarts.dropFirst() + [px.count]) {
            let width = px[start ..< end].reduce(0, +)
            if pageWidth + width <= room || start <= repeated && end - 1 <= repeated {
                pageWidth += width
                continue
            }
            if repeatedWidth + width <= room && start > repeated {
                startPage(at: start)
                pageWidth += width
                continue
            }
            // Wider than a page by itself: cut between its columns.
            for column in start ..< end {
                if pageWidth + px[column] > room && column > repeated && pageWidth > repeatedWidth { startPage(at: column) }
                pageWidth += px[column]
            }
        }
        return breaks
    }

    /// The column ranges of `range` on each printed page (a group cut by `breaks` prints in parts).
    static func parts(of range: Range<Int>, breaks: [Int]) -> [Range<Int>] {
        let cuts = breaks.filter { $0 > range.lowerBound && $0 < range.upperBound }
        return zip([range.lowerBound] + cuts, cuts + [range.upperBound]).map { $0 ..< $1 }
    }

    /// One print scale for every page (the widest page fills the paper; none prints larger than life).
    static func scale(widths: [Double], breaks: [Int], repeated: Int) -> Int {
        let px = widths.map(pixels)
        let repeatedWidth = px[0 ... min(repeated, px.count - 1)].reduce(0, +)
        let starts = [0] + breaks, ends = breaks + [px.count]
        let widest = zip(starts, ends).map { start, end in (start == 0 ? 0 : repeatedWidth) + px[start ..< end].reduce(0, +) }.max() ?? 1
        return min(100, max(10, Int((pagePixels * 100 / widest).rounded(.down))))
    }
}
