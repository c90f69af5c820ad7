/// Terminal colours the app uses; the backend maps them to curses pairs, or to attributes without colour.
public enum Color: Int, Sendable, Hashable, CaseIterable {
    case normal = 0, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn. Every style has a monochrome meaning (bold, reverse, underline), so `NO_COLOR` and
/// terminals without colour still show states: errors bold+underline, focus reverse.
public struct Style: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(foreground: Color = .normal, background: Color = .normal, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
    public static let title = Style(bold: true)
    public static let focus = Style(reverse: true)
    public static let error = Style(foreground: .red, bold: true, underline: true)
    public static let warning = Style(foreground: .yellow, bold: true)
    public static let ok = Style(foreground: .green)
    public static let hint = Style(foreground: .cyan)
    public static let muted = Style(dim: true)
    public static let statusBar = Style(foreground: .black, background: .cyan)
    public static let header = Style(foreground: .white, background: .blue, bold: true)
}
