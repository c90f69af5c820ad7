/// Mobile and landline numbers, stored in one normalised form.
public enum Phone {
    /// `13912345678` for mobiles, `0971-6123456` for landlines; nil when neither shape fits.
    public static func normalise(_ raw: String) -> String? {
        // A mobile number typed as such needs no clean-up (checked on bytes: this runs per imported row).
        let bytes = raw.utf8
        if bytes.count == 11, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }), bytes.first == 49,
           let second = bytes.dropFirst().first, second >= 51 {
            return raw
        }
        let text = Normalize.halfWidth(raw).filter { $0 != " " && $0 != "(" && $0 != ")" }
        var digits = Substring(text)
        if digits.hasPrefix("+86") { digits = digits.dropFirst(3) }
        else if digits.hasPrefix("86") && digits.count == 13 { digits = digits.dropFirst(2) }
        if digits.count == 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
           digits.first == "1", let second = digits.dropFirst().first, ("3"..."9").contains(second) {
            return String(digits)
        }
        // Landline: 0 + 2–3 digit area code, optional hyphen, 7–8 digit number.
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, text.first == "0",
              text.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "-" }) else { return nil }
        if parts.count == 2 {
            let area = parts[0], local = parts[1]
            guard (3...4).contains(area.count), (7...8).contains(local.count) else { return nil }
            return "\(area)-\(local)"
        }
        // No hyphen: Beijing (010) and 02x areas use three digits, the rest four.
        let areaLength = text.hasPrefix("01") || text.hasPrefix("02") ? 3 : 4
        let local = text.count - areaLength
        guard (7...8).contains(local) else { return nil }
        return "\(text.prefix(areaLength))-\(text.dropFirst(areaLength))"
    }

    /// `139****5678`: for lists.
    public static func masked(_ value: String) -> String {
        guard value.count >= 7 else { return value }
        return String(value.prefix(3)) + String(repeating: "*", count: value.count - 7) + String(value.suffix(4))
    }
}
