import Foundation

/// Reads raw text fields (from a form or a CSV row) into typed values, collecting a finding for each problem.
///
/// Every reader method returns nil (or the default) for a bad or missing value, so a validator can carry on and
/// report every problem of a record at once instead of stopping at the first.
public struct FieldReader {
    public let raw: FieldValues
    public var register: Register { raw.register }
    public private(set) var findings: [Finding] = []

    public init(_ raw: FieldValues) {
        self.raw = raw
    }

    public func label(_ key: String) -> String { register.header(of: key) }

    public mutating func add(_ finding: Finding) { findings.append(finding) }
    public mutating func error(_ key: String, _ code: String, _ message: String) { add(.error(key, code, message)) }
    public mutating func warning(_ key: String, _ code: String, _ message: String) { add(.warning(key, code, message)) }

    /// Trimmed text, or nil when empty.
    public func value(_ key: String) -> String? { Normalize.optional(raw[key]) }

    public func has(_ key: String) -> Bool { value(key) != nil }

    /// Free text up to `max` characters; a missing required field is an error.
    public mutating func text(_ key: String, max: Int, required: Bool = false, min: Int = 0) -> String? {
        guard let text = value(key) else {
            if required { error(key, "required", "请填写\(label(key))") }
            return nil
        }
        // A character is at least one byte, so short text needs no (costly) character count.
        let length = text.utf8.count <= max && min == 0 ? 0 : text.count
        if length > max {
            error(key, "too_long", "\(label(key))最多\(max)个字，现为\(length)个字")
            return nil
        }
        if length < min {
            error(key, "too_short", "\(label(key))至少\(min)个字，现为\(length)个字")
            return nil
        }
        if Self.mayHaveControlCharacter(text),
           text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            error(key, "control_char", "\(label(key))含有不可见的控制字符，请重新输入")
            return nil
        }
        // Cheapest test first: most values are too short to hold 11 digits, and most longer ones hold fewer.
        if text.utf8.count >= 11, SensitiveNumbers.mayContain(text), SensitiveNumbers.freeTextKeys.contains(key),
           SensitiveNumbers.contains(text) {
            warning(key, "privacy.number_in_text",
                    "\(label(key))中含有身份证号或手机号；个人号码请只填在“公民身份号码”“联系电话”栏，不要写在自由文本中")
        }
        return text
    }

    /// Whether text may hold a control character (U+0000–U+001F, U+007F–U+009F) other than a line break, from
    /// its bytes: C1 controls are encoded C2 80…C2 9F. Never says no wrongly.
    static func mayHaveControlCharacter(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for b in text.utf8 {
            if (b < 0x20 && b != 0x0A) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) { return true }
            previous = b
        }
        return false
    }

    public mutating func date(_ key: String, required: Bool = false, notAfter today: Day) -> Day? {
        guard let text = value(key) else {
            if required { error(key, "required", "请填写\(label(key))") }
            return nil
        }
        guard let day = Day.parse(text) else {
            error(key, "date.format", "\(label(key))“\(text)”不是有效日期，应为 2024-03-15、2024/3/15、20240315 或 2024年3月15日")
            return nil
        }
        if day > today {
            error(key, "date.future", "\(label(key))\(day)晚于今天（\(today)）")
            return nil
        }
        return day
    }

    public mutating func coded<T: CodedValue>(_ type: T.Type, _ key: String, required: Bool = false) -> T? {
        guard let text = value(key) else {
            if required { error(key, "required", "请填写\(label(key))，可选：\(T.expectedList)") }
            return nil
        }
        guard let v = T.parse(text) else {
            error(key, "enum", T.unknownMessage(text).replacingFirst(T.fieldLabel, with: label(key)))
            return nil
        }
        return v
    }

    /// Several values separated by `、` `;` `,` `；` `，` `/` or spaces; duplicates dropped, order kept.
    public mutating func codedList<T: CodedValue>(_ type: T.Type, _ key: String, required: Bool = false) -> [T] {
        guard let text = value(key) else {
            if required { error(key, "required", "请填写\(label(key))，可多选：\(T.expectedList)") }
            return []
        }
        var result: [T] = []
        let parts = FieldReader.mayHaveListSeparator(text) ? FieldReader.listItems(text) : [text]
        for part in parts {
            guard let v = T.parse(part) else {
                error(key, "enum", T.unknownMessage(part).replacingFirst(T.fieldLabel, with: label(key)))
                continue
            }
            if !result.contains(v) { result.append(v) }
        }
        return result
    }

    /// The non-empty items between separators. Split on Unicode scalars (each separator is one), not on
    /// characters: grapheme breaking cost ~5,000 instructions for a two-item list.
    static func listItems(_ text: String) -> [String] {
        var items: [String] = []
        var item = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if listSeparators.contains(scalar) {
                if !item.isEmpty { items.append(String(item)) }
                item = String.UnicodeScalarView()
            } else {
                item.append(scalar)
            }
        }
        if !item.isEmpty { items.append(String(item)) }
        return items
    }

    static let listSeparators: Set<Unicode.Scalar> = ["、", ";", ",", "；", "，", "/", " "]

    /// Whether a list value may have a separator (the last bytes of 、；， also occur inside other characters, so
    /// this can say yes wrongly, never no wrongly); checked on bytes because most values are a single item.
    static func mayHaveListSeparator(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x3B || $0 == 0x2C || $0 == 0x2F || $0 == 0x20 || $0 == 0x81 || $0 == 0x9B || $0 == 0x8C }
    }

    /// 是/否, or y/n, Y/N, 1/0 (`YesNo`); anything else is an error.
    public mutating func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let raw = value(key) else { return defaultValue }
        // 是 and 否 by their bytes: `==` on Chinese text compares canonical forms.
        if Self.isCharacter(raw, 0xE6, 0x98, 0xAF) { return true }
        if Self.isCharacter(raw, 0xE5, 0x90, 0xA6) { return false }
        if let answer = YesNo.parse(raw) { return answer }
        error(key, "bool", YesNo.message(label: label(key), text: raw))
        return defaultValue
    }

    /// Whether `text` is the one three-byte character `a b c` (no array built, no canonical comparison).
    static func isCharacter(_ text: String, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        var bytes = text.utf8.makeIterator()
        return bytes.next() == a && bytes.next() == b && bytes.next() == c && bytes.next() == nil
    }

    /// A whole number within `range`; a trailing `人` is accepted.
    public mutating func integer(_ key: String, range: ClosedRange<Int>) -> Int? {
        guard var text = value(key).map(Normalize.halfWidth) else { return nil }
        if text.hasSuffix("人") { text.removeLast() }
        guard let v = Int(text.trimmingSpaces()) else {
            error(key, "integer", "\(label(key))“\(text)”应为整数")
            return nil
        }
        guard range.contains(v) else {
            // An open range (its caller judges large figures itself) names only its floor.
            let expected = range.upperBound == .max ? "应不小于\(range.lowerBound)" : "应在\(range.lowerBound)到\(range.upperBound)之间"
            error(key, "range", "\(label(key))\(expected)，现为\(v)")
            return nil
        }
        return v
    }

    /// An amount of money in yuan (`50000`, `50,000.00`, `5万`, `5万元`) as fen, within `maxYuan`.
    public mutating func money(_ key: String, maxYuan: Int64) -> Int64? {
        guard var text = value(key).map(Normalize.halfWidth)?.replacingOccurrences(of: ",", with: "") else { return nil }
        if text.hasSuffix("元") { text.removeLast() }
        var multiplier: Int64 = 1
        if text.hasSuffix("万") { text.removeLast(); multiplier = 10_000 }
        guard let fen = Self.parseFen(text.trimmingSpaces(), multiplier: multiplier) else {
            if Self.isDecimal(text.trimmingSpaces()), let v = Double(text.trimmingSpaces()), v * Double(multiplier) > Double(maxYuan) {
                error(key, "range", "\(label(key))不能超过\(maxYuan)元")
                return nil
            }
            error(key, "money", "\(label(key))“\(value(key) ?? "")”应为金额（元），如 50000 或 5万")
            return nil
        }
        guard fen <= maxYuan * 100 else {
            error(key, "range", "\(label(key))不能超过\(maxYuan)元")
            return nil
        }
        return fen
    }

    /// Digits with at most one decimal point: such a number too large to hold in fen is out of range, not malformed.
    static func isDecimal(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && text.filter { $0 == "." }.count <= 1
            && text.first != "." && text.last != "."
    }

    /// Decimal text to fen without floating point: `1234.5` → 123450.
    static func parseFen(_ text: String, multiplier: Int64) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 9,
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.count <= 6, f.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(f) else { return nil }
            fraction = v
            fractionDigits = f.count
        }
        // value = whole + fraction / 10^digits, times multiplier, in fen; must be a whole number of fen. Checked:
        // nine digits, six decimals and 万 reach 10^19 (`999999999.999999万` trapped the import).
        var scale: Int64 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: scale)
        let (exact, o2) = scaled.addingReportingOverflow(fraction)
        let (times, o3) = exact.multipliedReportingOverflow(by: multiplier)
        let (numerator, o4) = times.multipliedReportingOverflow(by: 100)
        guard !(o1 || o2 || o3 || o4), numerator % scale == 0 else { return nil }
        return numerator / scale
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
