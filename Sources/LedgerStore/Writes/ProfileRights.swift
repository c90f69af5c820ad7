import LedgerCore

/// Who may change which part of a community's profile. The street, district, level and period are the district's
/// decisions: the street decides which street supervisor reads the community, the period and level how it is
/// scored. A clerk moving their community to another street took it out of its supervisor's sight. A clerk keeps
/// the name, the labour force, the leader, the phone and the checklist (audited like every change). One rule for
/// both engines; the PostgreSQL one also holds it in the database (v8-profile-rights).
public enum ProfileRights {
    /// The refusal when an operator who is not a supervisor changes a district's field.
    public static func requireCommunityMayChange(from old: Community, to new: Community, operatorName: String) throws {
        let changed = ProfileEdit(original: old, edited: new).changedFields.filter(\.isAdministrative)
        guard !changed.isEmpty else { return }
        throw StoreError(refusal(changed.map(\.rawValue), operatorName: operatorName))
    }

    /// The words of the refusal (the database's trigger says the same).
    public static func refusal(_ fields: [String], operatorName: String) -> String {
        "社区档案的" + fields.joined(separator: "、") + "只能由区县督导修改，\(operatorName)不是督导（其余项目可以修改）"
    }
}
