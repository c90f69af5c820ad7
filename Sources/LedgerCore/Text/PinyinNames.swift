/// Pinyin of persons' names: the surname with its surname reading (`PinyinSurnames.swift`), and, for search, every
/// reading of the polyphonic characters in the rest of the name (`PinyinPolyphoneTable.swift`).
extension Pinyin {
    /// Bumped whenever what these functions return for a name changes: stored keys of an older version are
    /// recomputed when the database is opened (see `SearchKeys` in LedgerStore).
    public static let nameKeyVersion = 1

    /// The sort key of a name (`zeng xiao ming` for 曾小明): `spelled`, with the surname read as a surname.
    public static func nameKey(_ name: String) -> String {
        guard let (length, syllables) = surname(of: name) else { return spelled(name) }
        let rest = spelled(String(String.UnicodeScalarView(name.unicodeScalars.dropFirst(length))))
        return rest.isEmpty ? syllables.joined(separator: " ") : syllables.joined(separator: " ") + " " + rest
    }

    /// The sort keys a name starting with `typed` may have: its own, and for the first character of compound
    /// surnames the reading each of them gives it (`尉` alone reads `wei`, but 尉迟恭's key starts `yu chi`).
    public static func nameKeyPrefixes(_ typed: String) -> [String] {
        var keys = [nameKey(typed)]
        let scalars = Array(typed.unicodeScalars)
        guard scalars.count == 1 else { return keys }
        for (surname, syllables) in compoundSurnames where surname.unicodeScalars.first == scalars[0] {
            if let first = syllables.first, !keys.contains(first) { keys.append(first) }
        }
        return keys.sorted()
    }

    /// The initials of a name (`zxm` for 曾小明), with the surname read as a surname.
    public static func nameInitials(_ name: String) -> String {
        guard let (length, syllables) = surname(of: name) else { return initials(of: name) }
        let rest = initials(of: String(String.UnicodeScalarView(name.unicodeScalars.dropFirst(length))))
        return String(syllables.compactMap(\.first)) + rest
    }

    /// Other initials a clerk may type for a name, reading any polyphonic character after the surname another
    /// way (张长明: `zcm` besides `zzm`): fewest changed characters first, at most `limit`, never `nameInitials`.
    public static func alternateNameInitials(_ name: String, limit: Int = 8) -> [String] {
        let primary = Array(nameInitials(name))
        // The first character is the surname even when the table has no reading of its own for it: it keeps its
        // one reading (董 is not also `z`).
        let surnameLength = surname(of: name)?.length ?? 1
        // The choices of each initial in turn; only Han characters with a table reading have initials, so the
        // positions follow `nameInitials`, whose ASCII letters and digits have no alternatives.
        var choices: [[Character]] = []
        var index = 0
        for scalar in name.unicodeScalars {
            defer { index += 1 }
            let v = scalar.value
            let hasInitial = v < 0x80 ? asciiKeptScalar(v) : table.syllable(v) != nil
            guard hasInitial || index < surnameLength else { continue }
            guard choices.count < primary.count else { break }
            var options = [primary[choices.count]]
            if index >= surnameLength, let others = polyphones[v] {
                options += others.filter { $0 != options[0] }
            }
            choices.append(options)
        }
        guard choices.count == primary.count, choices.contains(where: { $0.count > 1 }) else { return [] }
        // Breadth first by number of changed characters, so a cap keeps the likeliest readings.
        var found: [String] = []
        var frontier: [([Character], Int)] = [(primary, 0)]
        while !frontier.isEmpty, found.count < limit {
            var next: [([Character], Int)] = []
            for (letters, from) in frontier {
                for position in from..<choices.count where choices[position].count > 1 {
                    for option in choices[position].dropFirst() {
                        var changed = letters
                        changed[position] = option
                        next.append((changed, position + 1))
                    }
                }
            }
            for (letters, _) in next where found.count < limit {
                let text = String(letters)
                if !found.contains(text) { found.append(text) }
            }
            frontier = next
        }
        return found
    }

    /// The surname's length in scalars and its syllables, when the name starts with a surname of the tables.
    static func surname(of name: String) -> (length: Int, syllables: [String])? {
        var scalars = name.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return nil }
        if let second = scalars.next(), let compound = compoundSurnames[String(String.UnicodeScalarView([first, second]))] {
            return (2, compound)
        }
        return singleSurnames[first].map { (1, [$0]) }
    }

    private static func asciiKeptScalar(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
    }

    /// Other initials of polyphonic characters, parsed once from `polyphoneText`.
    private static let polyphones: [UInt32: [Character]] = {
        var result: [UInt32: [Character]] = [:]
        result.reserveCapacity(5_000)
        for entry in polyphoneText.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            var scalars = entry.unicodeScalars.makeIterator()
            guard let han = scalars.next() else { continue }
            result[han.value] = Array(String(String.UnicodeScalarView(IteratorSequence(scalars))))
        }
        return result
    }()
}
