/// How much a workbook may make the reader expand and keep. A workbook is a zip: a 1 MB file could inflate to
/// gigabytes (a zip bomb), and a cell at column XFD made every row 16,384 cells wide (7.8 GB for 100 KB). Each
/// limit is far above a real register (a district's 100,000 rows of 40 columns) and keeps an import's peak memory
/// under 300 MB whatever the file.
public struct XLSXLimits: Sendable {
    /// The workbook file itself (compressed).
    public var fileBytes = 32 << 20
    /// A small part inflated whole: the workbook and its relations.
    public var smallPartBytes = 4 << 20
    /// `xl/sharedStrings.xml` inflated; it is parsed whole because any cell may refer to any string.
    public var sharedStringBytes = 32 << 20
    /// Entries of the shared string table.
    public var sharedStrings = 1_048_576
    /// The worksheet inflated: it is read piece by piece, so this bounds time, not memory.
    public var sheetBytes = 1 << 30
    /// One piece of the worksheet: the bytes between two row ends (a row longer than this is refused).
    public var pieceBytes = 8 << 20
    /// The text of one cell (Excel itself holds at most 32,767 characters).
    public var cellBytes = 256 << 10
    /// Columns read (A to ALL); a cell with a value beyond is refused, empty cells there are ignored.
    public var columns = 1_000
    /// Excel's own row limit.
    public var rows = 1_048_576
    /// What the rows read so far hold in memory, estimated: the text of each cell plus a fixed cost per cell and
    /// per row.
    public var keptBytes = 96 << 20

    public init() {}

    public static let standard = XLSXLimits()

    /// Estimated memory of one cell and one row as kept (a `Cell` with its String, a `Row` with its array).
    static let costPerCell = 32
    static let costPerRow = 64

    static func megabytes(_ bytes: Int) -> String { "\(bytes >> 20) MB" }
}
