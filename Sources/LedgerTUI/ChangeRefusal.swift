import LedgerCore

// Whether the operator may change the current community's records, asked by every key that would (the entry
// keys, delete, accepting warnings, a service started from a list) and by opening a record: the one rule, said
// before anything is typed rather than at F2.

extension AppState {
    /// Why the current community's records cannot be changed now, ending in `不能` + `what` (nil: they can). The
    /// signed 初评's lock comes first: it holds for everyone, whatever their rights.
    public func changeRefusal(_ what: String) -> String? {
        if let lock { return "\(LockWording.locked(lock))，不能\(what)" }
        if !canWrite { return Self.readOnlyRefusal(what) }
        return nil
    }

    /// Whether the current community's records cannot be changed now (`changeRefusal`'s rule): a record opens
    /// read-only, the lists that open records say 查看, and the checks screen does not recount.
    var recordsOpenReadOnly: Bool { changeRefusal("修改") != nil }

    /// Why an operator without rights to a community cannot `what` there.
    static func readOnlyRefusal(_ what: String) -> String { "您对本社区只有查看权限（只读），不能\(what)" }
}

/// How the lock is named to the clerk: short enough for one line at 80 columns beside what it refuses.
public enum LockWording {
    /// `台账已锁定（马强 2026-12-06 签署初评）`.
    public static func locked(_ lock: Signature) -> String {
        "台账已锁定（\(lock.by) \(lock.at.prefix(10)) 签署初评）"
    }

    /// The line above a record opened while locked: why it is read-only and who can lift it.
    public static func viewing(_ lock: Signature) -> String {
        "\(locked(lock))：只能查看；如需修改，请督导解锁"
    }
}
