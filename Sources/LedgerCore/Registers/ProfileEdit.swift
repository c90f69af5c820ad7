/// A change to a community's profile made at the profile form: the profile as the form opened it and as it was
/// saved. Only what the form changed is written, laid over the profile as it is by then, so that a form left open
/// does not put back what someone else corrected meanwhile (an administrator's street or labour force); a field
/// both changed, to different values, is a conflict the clerk must see.
public struct ProfileEdit: Sendable, Hashable {
    public let original: Community
    public let edited: Community
    /// Warnings about the edited profile accepted at the form, with their reasons, by code (`LabourForceCheck`):
    /// kept in the profile change's history entry, as a record's accepted warnings are kept with it.
    public let acceptedWarnings: [String: String]

    public init(original: Community, edited: Community, acceptedWarnings: [String: String] = [:]) {
        self.original = original
        self.edited = edited
        self.acceptedWarnings = acceptedWarnings
    }

    /// The history entry's lines for the accepted warnings (`accepted_warning.CODE`: the reason), in code order.
    public var acceptedWarningChanges: [(field: String, reason: String)] {
        acceptedWarnings.sorted { $0.key < $1.key }.map { ("accepted_warning." + $0.key, $0.value) }
    }

    /// A profile field, named as the form names it.
    public enum Field: String, CaseIterable, Sendable {
        case name = "社区名称", street = "所属街道", district = "区县", level = "级别", labourForce = "城镇劳动者总数"
        case period = "考核期", leader = "负责人", phone = "联系电话"

        /// What a district decides, not a community: which street supervises it, where and how it is scored.
        public var isAdministrative: Bool { [.street, .district, .level, .period].contains(self) }

        func value(_ c: Community) -> String? {
            switch self {
            case .name: c.name
            case .street: c.street
            case .district: c.district
            case .level: c.level.rawValue
            case .labourForce: String(c.labourForce)
            case .period: c.period.description
            case .leader: c.leader
            case .phone: c.phone
            }
        }

        func copy(from source: Community, to target: inout Community) {
            switch self {
            case .name: target.name = source.name
            case .street: target.street = source.street
            case .district: target.district = source.district
            case .level: target.level = source.level
            case .labourForce: target.labourForce = source.labourForce
            case .period: target.period = source.period
            case .leader: target.leader = source.leader
            case .phone: target.phone = source.phone
            }
        }
    }

    /// The fields the form changed (checklist answers apart).
    public var changedFields: [Field] { Field.allCases.filter { $0.value(original) != $0.value(edited) } }

    /// The checklist items whose answer the form changed.
    public var changedChecklist: [String] {
        Set(original.checklist.keys).union(edited.checklist.keys).filter { original.checklist[$0] != edited.checklist[$0] }.sorted()
    }

    /// The profile to save: `current` with what the form changed, or the fields (and checklist items, by id) that
    /// were changed both here and meanwhile, to different values.
    public func merged(onto current: Community) -> Result<Community, Conflict> {
        var result = current
        var clashing: [String] = []
        for field in changedFields {
            if field.value(current) != field.value(original) && field.value(current) != field.value(edited) {
                clashing.append(field.rawValue + "（现为" + (field.value(current) ?? "空") + "）")
            }
            field.copy(from: edited, to: &result)
        }
        var checklistClashes = false
        for item in changedChecklist {
            if current.checklist[item] != original.checklist[item] && current.checklist[item] != edited.checklist[item] {
                checklistClashes = true
            }
            result.checklist[item] = edited.checklist[item]
        }
        if checklistClashes { clashing.append("自评项目的得分") }
        return clashing.isEmpty ? .success(result) : .failure(Conflict(fields: clashing))
    }

    /// Fields changed both at the form and meanwhile by someone else.
    public struct Conflict: Error, Sendable, Hashable {
        public let fields: [String]

        public var message: String {
            "社区档案在您修改期间已被他人改动：" + fields.joined(separator: "、") + "。未保存；请按 Esc 放弃后重新打开档案再改"
        }
    }
}
