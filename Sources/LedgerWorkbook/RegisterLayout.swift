import LedgerCore

/// How a register is laid out on paper: its columns in groups (the merged upper header row) and how each field's
/// value is written (text, date, number). The field header row carries the register's own CSV headers, so the
/// importer reads an exported workbook back (so no group is titled like a field: the importer takes the first row
/// naming the register's fields as the header).
public struct RegisterLayout: Sendable {
    public struct Group: Sendable, Equatable {
        public let title: String
        public let keys: [String]
    }

    /// How a field's value becomes a cell.
    enum Kind: Equatable {
        /// Text, kept text when typed over (ID numbers, codes, phones, names).
        case text
        /// Free text that wraps within a capped column width.
        case longText
        /// Short values centred (是/否, 性别, coded names).
        case short
        /// A real date, shown `yyyy-mm-dd`.
        case date
        case integer
        case money
        /// 行业门类: the stored section letter, written as its name.
        case industry

        /// Whether a longer value wraps within its column (its row grows) rather than being cut off by the next.
        var wraps: Bool { self == .text || self == .longText || self == .industry }
    }

    public let register: Register
    public let groups: [Group]
    /// The field keys in column order (after 序号), and each one's kind: worked out once, as a register is
    /// prepared record by record.
    public let keys: [String]
    let kinds: [Kind]
    /// Each field column's width in Excel's units (a Chinese character takes 2): fixed per field, as on a printed
    /// form, so that the pages are planned before the first row is written (ColumnPages). Columns as wide as their
    /// longest value had made the survey register 586 units wide, printed at a third of its size.
    let widths: [Int]
    /// The sheet column (after 序号, column 0) each group starts at.
    var groupStarts: [Int] {
        groups.reduce(into: [1]) { starts, group in starts.append(starts.last! + group.keys.count) }.dropLast()
    }

    init(register: Register, groups: [Group]) {
        self.register = register
        self.groups = groups
        keys = groups.flatMap(\.keys)
        kinds = keys.map(Self.kind(of:))
        widths = keys.map(Self.width(of:))
    }

    /// A field column's width: an 18-digit number on one line, a name of six characters, free text wrapping.
    static func width(of key: String) -> Int {
        switch key {
        case "id_number", "credit_code", "person_id": 18
        case "content", "story": 24
        case "address", "remarks", "evidence": 20
        case "project", "categories", "needs", "entity_name", "certificate_no", "title", "target": 16
        case "industry": 14
        case "phone": 13
        case "name", "loan_amount": 12
        case "birth_date", "survey_date", "training_end", "license_date", "service_date", "date", "education",
             "training_type", "entity_type", "service_type", "kind": 10
        case "ethnicity", "status", "method", "result", "staff": 8
        default: 6 // 是/否, 性别, 户口性质, counts
        }
    }


    public static func of(_ register: Register) -> RegisterLayout {
        switch register {
        case .survey:
            RegisterLayout(register: register, groups: [
                Group(title: "基本信息", keys: ["name", "id_number", "gender", "birth_date", "ethnicity", "education", "hukou",
                                            "phone", "address", "categories"]),
                Group(title: "创业意愿与需求", keys: ["status", "survey_date", "project", "industry", "needs"]),
                Group(title: "培训情况", keys: ["in_training_scope", "trained", "training_type", "training_end", "training_passed",
                                            "certificate_no"]),
                Group(title: "创业实体", keys: ["entity_name", "entity_type", "credit_code", "license_date", "jobs_created"]),
                Group(title: "补贴享受情况", keys: ["subsidy_first_eligible", "subsidy_first_received", "subsidy_reward_eligible",
                                              "subsidy_reward_received", "subsidy_jobs_eligible", "subsidy_jobs_received",
                                              "loan_amount"]),
                Group(title: "其他", keys: ["remarks"]),
            ])
        case .service:
            RegisterLayout(register: register, groups: [
                Group(title: "服务对象", keys: ["name", "id_number"]),
                Group(title: "服务情况", keys: ["service_date", "service_type", "method", "content", "result"]),
                Group(title: "经办与备注", keys: ["staff", "remarks"]),
            ])
        case .activity:
            RegisterLayout(register: register, groups: [
                Group(title: "工作事项", keys: ["date", "kind", "title"]),
                Group(title: "宣传活动", keys: ["participants"]),
                Group(title: "创业典型", keys: ["person_id", "story"]),
                Group(title: "推荐入园", keys: ["target"]),
                Group(title: "其他", keys: ["evidence"]),
            ])
        }
    }

    static func kind(of key: String) -> Kind {
        switch key {
        case "birth_date", "survey_date", "training_end", "license_date", "service_date", "date": .date
        case "jobs_created", "participants": .integer
        case "loan_amount": .money
        case "industry": .industry
        case "address", "project", "content", "story", "remarks", "evidence", "title", "entity_name", "categories", "needs",
             "target": .longText
        case "gender", "hukou", "status", "in_training_scope", "trained", "training_passed", "subsidy_first_eligible",
             "subsidy_first_received", "subsidy_reward_eligible", "subsidy_reward_received", "subsidy_jobs_eligible",
             "subsidy_jobs_received", "result", "method": .short
        default: .text
        }
    }
}
