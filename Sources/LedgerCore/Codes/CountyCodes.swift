/// The address codes (行政区划代码, GB/T 2260) that head a resident ID number: the province (first two digits) and
/// the county (first six), current and historic.
///
/// A wrong province is certainly a typing error, so it is an error. A county code outside the table is only a
/// warning: the table is compiled from published lists and may miss a code issued locally or very recently.
public enum CountyCodes {
    /// Province-level codes: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 (台湾), 81 (香港), 82 (澳门).
    public static func isProvince(_ code: Int) -> Bool {
        switch code {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81, 82: true
        default: false
        }
    }

    /// Whether a six-digit code is in the table (`630102` is; `630199` is not).
    public static func isKnown(_ code: Int) -> Bool {
        var low = 0
        var high = table.count
        while low < high {
            let mid = (low + high) / 2
            if table[mid] < code { low = mid + 1 } else { high = mid }
        }
        return low < table.count && table[low] == code
    }

    /// The codes in ascending order, parsed once from `tableText` (about 7,000 numbers, well under a millisecond).
    private static let table: [Int32] = {
        var codes: [Int32] = []
        codes.reserveCapacity(7_500)
        for entry in tableText.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let digits = Array(entry.utf8).map { Int32($0) - 48 }
            guard digits.count >= 6, digits.count % 2 == 0 else { continue }
            let prefix = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
            var i = 4
            while i + 1 < digits.count {
                codes.append(prefix * 100 + digits[i] * 10 + digits[i + 1])
                i += 2
            }
        }
        return codes.sorted()
    }()
}
