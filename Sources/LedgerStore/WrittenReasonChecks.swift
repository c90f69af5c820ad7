import LedgerCore

/// The store's one way to take what an operator writes as a reason or a note (both engines): trimmed, refused when a
/// required one is blank, and refused past `WrittenReason.longest` in the engine's words.
extension WrittenReason {
    /// A reason that must be given: refused with `missing` when blank, named `what` when too long.
    public static func required(_ raw: String, missing: String, what: String) throws -> String {
        guard let text = Normalize.optional(raw) else { throw StoreError(missing) }
        if let refusal = refusal(text, what) { throw StoreError(refusal) }
        return text
    }

    /// A note that may be left out (nil when blank), named `what` when too long.
    public static func optional(_ raw: String, what: String) throws -> String? {
        let text = Normalize.optional(raw)
        if let refusal = refusal(text, what) { throw StoreError(refusal) }
        return text
    }
}
