/// A value from a closed code list that clerks may type by code, name, alias, unique prefix or pinyin initials.
public protocol CodedValue: CaseIterable, Sendable, Hashable, RawRepresentable where RawValue == String, AllCases == [Self] {
    /// The official code, where the standard has one (`20` for 大学本科, `C` for 制造业).
    var code: String? { get }
    /// Other words clerks use for it (`大专` for 大学专科).
    static var aliases: [String: Self] { get }
    /// The field name used in messages (`文化程度`).
    static var fieldLabel: String { get }
    /// The names as bytes, kept once per type (`static let names = CodedNames<Type>()`), for `parse`.
    static var names: CodedNames<Self> { get }
}

/// A coded type's names and aliases as UTF-8 bytes, built once per type: `parse` finds a value typed exactly as the
/// list or an alias writes it by comparing bytes, before building `allCases` (a new array at every use), normalising
/// the text or allocating a result. Several fields of every imported row are parsed; this took a coded field from
/// ~4,500 to ~600 instructions.
public struct CodedNames<Value: CodedValue>: Sendable {
    private let entries: [(bytes: [UInt8], value: Value)]

    /// Names first, then aliases, as `matches` ranks them.
    public init() {
        entries = Value.allCases.map { (Array($0.rawValue.utf8), $0) }
            + Value.aliases.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), $0.value) }
    }

    /// The value whose name or alias is exactly `text`, byte for byte.
    func exact(_ text: String) -> Value? {
        let found: Value?? = text.utf8.withContiguousStorageIfAvailable { typed in
            entries.first { $0.bytes.count == typed.count && $0.bytes.withUnsafeBufferPointer { $0.elementsEqual(typed) } }?.value
        }
        return found ?? entries.first { $0.bytes.elementsEqual(text.utf8) }?.value
    }
}

extension CodedValue {
    public var code: String? { nil }
    public static var aliases: [String: Self] { [:] }
    public var name: String { rawValue }

    /// Every value that matches what was typed, best first. Exact code, name or alias give one value.
    public static func matches(_ raw: String) -> [Self] {
        let text = Normalize.halfWidth(raw).trimmingSpaces()
        guard !text.isEmpty else { return allCases }
        // Cheapest checks first: this runs for several fields of every imported row. A name typed exactly as the
        // list writes it is found by its bytes, without the canonical-equivalence work of `==` on Chinese text
        // (a tenth of validating a row); `==` still decides every other case.
        let bytes = text.utf8
        if let exact = allCases.first(where: { $0.rawValue.utf8.count == bytes.count && $0.rawValue.utf8.elementsEqual(bytes) }) {
            return [exact]
        }
        if let exact = allCases.first(where: { $0.rawValue == text }) { return [exact] }
        if let alias = aliases[text] { return [alias] }
        let upper = text.uppercased()
        if let byCode = allCases.first(where: { $0.code == upper }) { return [byCode] }
        if let alias = aliases[upper] { return [alias] }
        let lower = text.lowercased()
        // All of one name's initials typed (ycy for 已创业) name it, though they also begin another (有创业意愿):
        // a clerk typing ahead must not be stopped by a choice they already made.
        let whole = allCases.filter { Pinyin.initials(of: $0.rawValue) == lower }
            + aliases.filter { Pinyin.initials(of: $0.key) == lower }.map(\.value)
        if Set(whole).count == 1 { return [whole[0]] }
        // Names, and the everyday words clerks use (大专 → dz), by prefix or pinyin initials.
        func fits(_ word: String) -> Bool { word.hasPrefix(text) || Pinyin.initials(of: word).hasPrefix(lower) }
        let viaAlias = Set(aliases.filter { fits($0.key) }.map(\.value))
        return allCases.filter { fits($0.rawValue) || viaAlias.contains($0) }
    }

    /// The single value the text names, or nil when it names none or several.
    public static func parse(_ raw: String) -> Self? {
        if let exact = names.exact(raw) { return exact }
        let found = matches(raw)
        return found.count == 1 ? found[0] : nil
    }

    /// `应为：研究生、大学本科、…`: the list shown when a value is not recognised.
    public static var expectedList: String {
        allCases.map { value in value.code.map { "\($0) \(value.rawValue)" } ?? value.rawValue }.joined(separator: "、")
    }

    public static func unknownMessage(_ raw: String) -> String {
        let found = matches(raw)
        if found.count > 1 {
            return "\(fieldLabel)“\(raw)”不唯一，可能是：\(found.map(\.rawValue).joined(separator: "、"))"
        }
        return "\(fieldLabel)“\(raw)”无法识别，应为：\(expectedList)"
    }
}
