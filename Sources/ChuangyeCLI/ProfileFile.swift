import LedgerCore

/// The community profile file of `chuangye init`: the subset of TOML it needs (tables, strings, integers,
/// decimals, booleans, comments). Anything else is reported with its line, never silently ignored.
struct ProfileFile {
    var community: [String: TOMLValue] = [:]
    var checklist: [String: TOMLValue] = [:]

    enum TOMLValue: Equatable {
        case string(String)
        case number(String)
        case bool(Bool)

        var text: String {
            switch self {
            case .string(let s), .number(let s): s
            case .bool(let b): b ? "true" : "false"
            }
        }
    }

    static func parse(_ text: String) throws -> ProfileFile {
        var file = ProfileFile()
        var section = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = index + 1
            let line = stripComment(String(rawLine)).trimmingSpaces()
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw CLIFailure.data("档案文件第\(lineNo)行：表名缺少“]”") }
                section = String(line.dropFirst().dropLast()).trimmingSpaces()
                guard section == "community" || section == "checklist" else {
                    throw CLIFailure.data("档案文件第\(lineNo)行：未知的表 [\(section)]，应为 [community] 或 [checklist]")
                }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw CLIFailure.data("档案文件第\(lineNo)行：应为“键 = 值”的形式")
            }
            let key = line[..<eq].trimmingSpaces().trimmingCharacters(in: "\"")
            let valueText = line[line.index(after: eq)...].trimmingSpaces()
            guard !key.isEmpty else { throw CLIFailure.data("档案文件第\(lineNo)行：缺少键名") }
            let value = try parseValue(valueText, line: lineNo)
            switch section {
            case "community": file.community[key] = value
            case "checklist": file.checklist[key] = value
            default: throw CLIFailure.data("档案文件第\(lineNo)行：“\(key)”应写在 [community] 或 [checklist] 表中")
            }
        }
        return file
    }

    static func parseValue(_ text: String, line: Int) throws -> TOMLValue {
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else { throw CLIFailure.data("档案文件第\(line)行：字符串缺少结束引号") }
            var out = ""
            var escaped = false
            for ch in text.dropFirst().dropLast() {
                if escaped {
                    switch ch {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    default: out.append(ch)
                    }
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else {
                    out.append(ch)
                }
            }
            return .string(out)
        }
        if text == "true" || text == "false" { return .bool(text == "true") }
        let number = text.replacingOccurrences(of: "_", with: "")
        if !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) {
            return .number(number)
        }
        throw CLIFailure.data("档案文件第\(line)行：无法识别的值 \(text)（字符串请加引号）")
    }

    /// Removes a `#` comment that is not inside a string.
    static func stripComment(_ line: String) -> String {
        var inString = false
        var out = ""
        for ch in line {
            if ch == "\"" { inString.toggle() }
            if ch == "#" && !inString { break }
            out.append(ch)
        }
        return out
    }
}

import Foundation

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
extension Substring {
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
