/// Mobile and landline numbers, stored in one normalised form. The one rule every path that takes a phone uses
/// (the forms, CSV and XLSX import, the community profile).
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
        if let mobile = mobile(text) { return mobile }
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

    /// Country codes written before a mobile number (`+86 139…`, `0086 139…`, `86139…`).
    static let countryCodes = ["+86", "0086", "86"]

    /// The 11 digits of a mobile number written in groups (`139-1234-5678`; spaces are already gone) and perhaps
    /// after the country code. The code is dropped only when an 11-digit mobile number remains, so a landline
    /// (whose hyphen is kept) or a number that merely starts with 86 is never cut.
    static func mobile(_ text: String) -> String? {
        let digits = Substring(text.filter { $0 != "-" })
        for candidate in [digits] + countryCodes.filter(digits.hasPrefix).map({ digits.dropFirst($0.count) }) where isMobile(candidate) {
            return String(candidate)
        }
        return nil
    }

    /// `1[3-9]` and nine more digits: a mainland mobile number.
    static func isMobile(_ digits: Substring) -> Bool {
        digits.count == 11 && digits.allSatisfy({ $0.isASCII && $0.isNumber })
            && digits.first == "1" && digits.dropFirst().first.map { ("3"..."9").contains($0) } == true
    }

    /// What the clerk is told when the number is stored otherwise than written (`+86 139-1234-5678` is stored as
    /// `13912345678`): the form shows it while the number is typed, an import lists it beside the row. Nil when
    /// the number is stored as written.
    public static func storedNotice(typed: String, stored: String) -> Finding? {
        guard typed != stored else { return nil }
        return .notice("phone", "phone.normalised", "按规范格式保存为\(stored)")
    }

    /// `139****5678`: for lists.
    public static func masked(_ value: String) -> String {
        guard value.count >= 7 else { return value }
        return String(value.prefix(3)) + String(repeating: "*", count: value.count - 7) + String(value.suffix(4))
    }
}
