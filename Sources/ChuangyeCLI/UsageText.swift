import Foundation
import TerminalUI

/// The argument parser's help and usage-error texts in Chinese.
///
/// swift-argument-parser writes its fixed words (headings, `(default: …)`, `Error: Missing value for …`) in English
/// and offers no way to localise them; its messages are built from a small, stable set of templates (1.8:
/// `UsageGenerator.swift`, `HelpGenerator.swift`, `MessageInfo.swift`), so each template is rewritten here. Our own
/// texts (abstracts, option help, `ValidationError`s) are written in Chinese and pass through unchanged.
enum UsageText {
    /// A help text (`--help`, `help <子命令>`) in Chinese.
    static func help(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { helpLine(String($0)) }.joined(separator: "\n")
    }

    /// A usage error (`Error: …` then `Help:`/`Usage:` lines) in Chinese. `negative`: a word of the command line
    /// that is a negative number, which the parser reads as an option (so a value seems missing, or an option
    /// unknown): the error names it instead, as no count, size or score of the program is negative.
    static func error(_ text: String, negative: String? = nil) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices {
            let line = lines[i]
            if line.hasPrefix("Error: "), let negative {
                lines[i] = "错误：“\(negative)”是负数：人数、序号、分数等取值都不能为负数"
            } else if line.hasPrefix("Error: ") {
                lines[i] = "错误：" + errorMessage(String(line.dropFirst("Error: ".count)))
            } else if line.hasPrefix("Help:  ") {
                lines[i] = "说明：" + line.dropFirst("Help:  ".count)
            } else if line.hasPrefix("Usage: ") {
                lines[i] = "用法：" + subcommandWord(String(line.dropFirst("Usage: ".count)))
            } else if let see = capture(line, #"^  See '(.+)' for more information\.$"#) {
                lines[i] = "  运行 \(see[0]) 查看详细说明。"
            } else if line == "Please provide one of the following:" || line.hasSuffix(". Please provide one of the following:") {
                lines[i] = line.replacingOccurrences(of: ". Please provide one of the following:", with: "，应为以下之一：")
                    .replacingOccurrences(of: "Please provide one of the following:", with: "应为以下之一：")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `-1`, `-0.5`: what the parser takes for a short option.
    static func isNegativeNumber(_ word: String) -> Bool {
        word.count > 1 && word.hasPrefix("-") && Double(word) != nil
    }

    /// One parser error message (after `Error: `).
    static func errorMessage(_ message: String) -> String {
        if let m = capture(message, #"^Missing value for '(.+)'$"#) { return "选项 \(m[0]) 缺少取值" }
        if let m = capture(message, #"^Missing expected argument '(.+)'$"#) { return (m[0].hasPrefix("-") ? "缺少选项 " : "缺少参数 ") + m[0] }
        if let m = capture(message, #"^Missing one of: '(.+)'$"#) { return "缺少以下之一：" + m[0].replacingOccurrences(of: "', '", with: "、") }
        if let m = capture(message, #"^Unexpected argument '(.*)'$"#) { return "多余的参数“\(m[0])”" }
        if let m = capture(message, #"^(\d+) unexpected arguments: '(.*)'$"#) {
            return "多余的参数\(m[0])个：“" + m[1].replacingOccurrences(of: "', '", with: "”“") + "”"
        }
        if let m = capture(message, #"^Unknown option '(.+)'\. Did you mean '(.+)'\?$"#) { return "未知选项 \(m[0])，是否是 \(m[1])？" }
        if let m = capture(message, #"^Unknown option '(.+)'$"#) { return "未知选项 \(m[0])" }
        if let m = capture(message, #"^The value '(.*)' is invalid for '(.+)'\. Please provide one of (.+)\.$"#) {
            return "\(m[1]) 的值“\(m[0])”无效，应为 \(valueList(m[2])) 之一"
        }
        if let m = capture(message, #"^The value '(.*)' is invalid for '(.+)'\. Please provide one of the following:$"#) {
            return "\(m[1]) 的值“\(m[0])”无效，应为以下之一："
        }
        if let m = capture(message, #"^The value '(.*)' is invalid for '(.+)': (.+)$"#) { return "\(m[1]) 的值“\(m[0])”无效：\(m[2])" }
        if let m = capture(message, #"^The value '(.*)' is invalid for '(.+)'$"#) { return "\(m[1]) 的值“\(m[0])”无效" }
        if let m = capture(message, #"^The option '(.+)' does not take any value, but '(.*)' was specified\.$"#) {
            return "选项 \(m[0]) 不带取值，却给了“\(m[1])”"
        }
        if let m = capture(message, #"^Value to be set with (.+) had already been set with (.+)$"#) {
            return "重复给出同一个值：\(m[0])（之前已由 \(m[1]) 给出）"
        }
        if let m = capture(message, #"^Invalid option: (.+)$"#) { return "无效的选项：\(m[0])" }
        if message == "Missing required subcommand." { return "缺少子命令" }
        return message
    }

    /// `'a', 'b' or 'c'` as `a、b、c`.
    static func valueList(_ text: String) -> String {
        text.replacingOccurrences(of: "' or '", with: "、").replacingOccurrences(of: "', '", with: "、")
            .trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    }

    static func helpLine(_ line: String) -> String {
        let headings = ["OVERVIEW: ": "简介：", "USAGE: ": "用法："]
        for (english, chinese) in headings where line.hasPrefix(english) {
            return chinese + subcommandWord(String(line.dropFirst(english.count)))
        }
        let sections = ["ARGUMENTS:": "参数：", "OPTIONS:": "选项：", "SUBCOMMANDS:": "子命令：", "FLAGS:": "开关："]
        if let chinese = sections[line] { return chinese }
        // A nested command's help names its path: `See 'chuangye help user <subcommand>' …`.
        if let m = capture(line, #"^  See '(.+) help (.+) <subcommand>' for detailed help\.$"#) {
            return "  运行 \(m[0]) help \(m[1]) <子命令> 查看子命令的详细说明。"
        }
        if let m = capture(line, #"^  See '(.+) help <subcommand>' for detailed help\.$"#) {
            return "  运行 \(m[0]) help <子命令> 查看子命令的详细说明。"
        }
        var out = line
            .replacingOccurrences(of: "Show the version.", with: "显示版本号")
            .replacingOccurrences(of: "Show help information.", with: "显示帮助信息")
        // `(values: a, b; default: a)`, `(values: a, b)`, `(default: a)`, `(default as flag: a)`.
        // Full-width parentheses need no space before them.
        let parts = [(#"(?:(?<=\S) )?\(values: ([^;)]*); default: ([^)]*)\)"#, "（可选值：$1；默认：$2）"),
                     (#"(?:(?<=\S) )?\(values: ([^;)]*); default as flag: ([^)]*)\)"#, "（可选值：$1；作为开关时默认：$2）"),
                     (#"(?:(?<=\S) )?\(values: ([^)]*)\)"#, "（可选值：$1）"),
                     (#"(?:(?<=\S) )?\(default: ([^)]*)\)"#, "（默认：$1）")]
        for (pattern, template) in parts {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        if let start = out.range(of: "（可选值：") {
            // Values are listed with the enumeration comma, as everywhere else in the program.
            let end = out[start.upperBound...].firstIndex(where: { $0 == "）" || $0 == "；" }) ?? out.endIndex
            out.replaceSubrange(start.upperBound..<end, with: out[start.upperBound..<end].replacingOccurrences(of: ", ", with: "、"))
        }
        return aligned(out)
    }

    /// An option line (`  --db <路径>   说明`) with its description in the column the parser meant: the parser pads
    /// labels by characters, so each wide character of a label (`<路径>`) pushed the description one column right.
    static func aligned(_ line: String) -> String {
        guard let m = capture(line, #"^(  \S.*?)(  +)(\S.*)$"#) else { return line }
        let extra = DisplayWidth.of(m[0]) - m[0].count
        guard extra > 0 else { return line }
        return m[0] + String(repeating: " ", count: max(2, m[1].count - extra)) + m[2]
    }

    /// `<subcommand>` in a usage line as `<子命令>`.
    static func subcommandWord(_ text: String) -> String {
        text.replacingOccurrences(of: "<subcommand>", with: "<子命令>")
    }

    /// The captured groups of `pattern` in `text`, or nil when it does not match.
    static func capture(_ text: String, _ pattern: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<match.numberOfRanges).map { i in
            Range(match.range(at: i), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
