import Foundation
import TerminalUI

/// Lays out help text by display width. The parser wraps by characters, so a Chinese line of "80 columns" took 160
/// and the terminal broke it anywhere; the parser is asked not to wrap, and the lines are wrapped here.
enum HelpLayout {
    /// The parser's description column (its `labelColumnWidth`).
    static let descriptionColumn = 26

    /// The width to lay help out in: the terminal's, else `$COLUMNS`, else 80.
    static var width: Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        return 80
    }

    /// Each line no wider than `width`: an option or subcommand line continues in the description column, any other
    /// line at its own indentation. Usage lines stay whole, as the parser leaves them (a copied command stays one line).
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let line = String(line)
            guard DisplayWidth.of(line) > width, !line.hasPrefix("用法：") else { return [line] }
            let indent = line.prefix { $0 == " " }.count
            if indent == 2, let m = UsageText.capture(line, #"^(  \S.*?  +)(\S.*)$"#), DisplayWidth.of(m[0]) == descriptionColumn {
                return hanging(first: m[0], m[1], indent: descriptionColumn, width: width)
            }
            return hanging(first: String(repeating: " ", count: indent), String(line.dropFirst(indent)), indent: indent, width: width)
        }.joined(separator: "\n")
    }

    /// `text` after `first`, continued on lines indented by `indent`.
    static func hanging(first: String, _ text: String, indent: Int, width: Int) -> [String] {
        let lines = lines(of: text, width: max(10, width - indent))
        return lines.enumerated().map { i, line in (i == 0 ? first : String(repeating: " ", count: indent)) + line }
    }

    /// `text` in lines of at most `width` display columns, broken at spaces between words and between any two
    /// Chinese characters (which need no spaces), never before closing or after opening punctuation; a word longer
    /// than a line is cut.
    static func lines(of text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for (token, spaceBefore) in tokens(text) {
            let joined = line.isEmpty ? token : line + (spaceBefore ? " " : "") + token
            if DisplayWidth.of(joined) <= width {
                line = joined
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = token
            while DisplayWidth.of(line) > width {
                let cut = DisplayWidth.prefix(line, fitting: width).text
                guard !cut.isEmpty else { break }
                lines.append(String(cut))
                line = String(line.dropFirst(cut.count))
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    static let closing = Set("，。、；：？！）》」』】”’,.;:?!)]")
    static let opening = Set("（《「『【“‘([")

    /// Unbreakable pieces of `text`, each with whether a space preceded it: runs of narrow characters (words),
    /// single wide characters, punctuation kept with its neighbour.
    static func tokens(_ text: String) -> [(String, Bool)] {
        var tokens: [(String, Bool)] = []
        var spaceBefore = false
        var glueNext = false
        for character in text {
            if character == " " {
                spaceBefore = true
                glueNext = false
                continue
            }
            let wide = DisplayWidth.of(String(character)) > 1
            let previousWide = tokens.last.map { DisplayWidth.of(String($0.0.last ?? " ")) > 1 } ?? false
            let joinsPrevious = !tokens.isEmpty && !spaceBefore
                && (glueNext || closing.contains(character) || (!wide && !previousWide))
            if joinsPrevious {
                tokens[tokens.count - 1].0.append(character)
            } else {
                tokens.append((String(character), spaceBefore))
            }
            glueNext = opening.contains(character)
            spaceBefore = false
        }
        return tokens
    }
}
