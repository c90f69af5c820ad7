/// Who sees a resident's personal numbers in full, and how they read to everyone else: the one rule behind the
/// read-only record, the history (screen and `chuangye history`), `find` and the exports.
///
/// Whoever may change a community's records (its clerks, the district supervisors; everyone while no operator is
/// registered) sees them in full, since they type and correct them. Everyone else (a street supervisor, an
/// inspector, a city supervisor, a clerk of another community) supervises the register without needing anyone's
/// whole ID number or phone, so they see them masked.
public enum NumberPrivacy {
    /// What a masked birth date reads as.
    public static let maskedBirthDate = "****-**-**"

    /// Whether an operator who may change `writable` (nil: every community) sees `community`'s numbers in full.
    public static func showsInFull(_ community: String, writable: Set<String>?) -> Bool {
        writable?.contains(community) ?? true
    }

    /// A register field's value as those who may not see it in full read it: ID numbers like `630102********1234`,
    /// phones like `139****5678`, the birth date hidden, and ID or mobile numbers typed into any other field masked.
    ///
    /// The birth date is hidden whole rather than kept or cut to the year: the masked ID number hides exactly its
    /// 7th–14th digits, which are the birth date, so showing the date would give back what the mask hides (with
    /// the six digits and last four shown, all but nothing of the number). It stays a column (masked, not dropped)
    /// so that a masked export keeps the layout of the official register.
    public static func masked(field key: String, _ value: String) -> String {
        guard !value.isEmpty else { return value }
        switch key {
        case "id_number", "person_id": return ResidentID.masked(value)
        case "phone": return Phone.masked(value)
        case "birth_date": return maskedBirthDate
        default: return SensitiveNumbers.masked(value)
        }
    }

    /// A changed value of an audit entry as those who may not see numbers in full read it: a record's field by
    /// `masked(field:_:)`; anything else (an evaluation's note, a profile) with the numbers typed into it masked.
    public static func masked(change key: String, _ value: String, ofRecord: Bool) -> String {
        ofRecord ? masked(field: key, value) : SensitiveNumbers.masked(value)
    }
}
