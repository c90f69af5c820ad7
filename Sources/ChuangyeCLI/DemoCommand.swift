import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "建立一个演示社区（虚构人员，号码格式有效），便于熟悉界面",
        discussion: "演示社区代码为 630102999；再次运行会提示已存在。数据通过与导入相同的校验写入。")

    @OptionGroup var global: GlobalOptions

    static let code = "630102999"

    /// A path as a shell word: single-quoted when it holds anything a shell would read differently.
    static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.value > 127 || CharacterSet.alphanumerics.contains($0) || "/._-+:@%".unicodeScalars.contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    func run() async throws {
        let database = try global.openDatabase(creating: true)
        if try await database.community(code: Self.code) != nil {
            throw CLIFailure.data("演示社区 \(Self.code) 已存在（数据库：\(global.databasePath)）")
        }
        let today = Day.today()
        let period = Period.year(of: today)
        let community = Community(code: Self.code, name: "示范社区（演示）", street: "演示街道", district: "演示区",
                                  labourForce: 900, period: period,
                                  checklist: ["leading_group": Points(2), "work_rules": Points(2), "work_plan": Points(3),
                                              "service_window": Points(2), "expert_team": Points(2)])
        try await database.saveCommunity(community)
        var generator = DemoData(seed: 20241231, period: period, today: today)
        let persons = generator.persons(count: 48)
        let p = try await database.importRows(.survey, persons, community: Self.code, mode: .skipInvalid,
                                              acceptWarningsReason: "演示数据", source: "演示数据")
        let s = try await database.importRows(.service, generator.services(for: persons), community: Self.code, mode: .skipInvalid,
                                              acceptWarningsReason: "演示数据", source: "演示数据")
        let a = try await database.importRows(.activity, generator.activities(persons: persons), community: Self.code, mode: .skipInvalid,
                                              acceptWarningsReason: "演示数据", source: "演示数据")
        print("已建立演示社区：示范社区（演示）（\(Self.code)）：摸底\(p.imported)人，服务\(s.imported)条，工作记录\(a.imported)条")
        // The command that opens this ledger: with --db when it is not the one a bare `chuangye` opens.
        let open = global.db == nil ? "chuangye" : "chuangye --db " + Self.shellWord(global.databasePath)
        print("运行 \(open) 进入录入界面（数据库：\(global.databasePath)）")
    }
}

/// Deterministic made-up records (a small linear congruential generator keeps every run identical).
struct DemoData {
    var state: UInt64
    let period: Period
    let today: Day

    init(seed: UInt64, period: Period, today: Day) {
        state = seed
        self.period = period
        self.today = today
    }

    mutating func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕")
    static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯")

    /// A date inside the period and not after today.
    mutating func day(within days: Int = 330) -> Day {
        let last = min(period.end, today)
        return max(period.start, last.adding(days: -next(days)))
    }

    /// A date from `first` to the period's end (not after today): a service comes after its person's survey.
    mutating func day(from first: Day) -> Day {
        let last = min(period.end, today)
        guard first < last else { return first }
        return first.adding(days: next(last.ordinal - first.ordinal + 1))
    }

    func idNumber(birth: Day, sequence: Int) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let seq = String(sequence % 1000)
        let body = "630102\(birth.year)\(two(birth.month))\(two(birth.day))" + String(repeating: "0", count: 3 - seq.count) + seq
        let check = ResidentID.checkCharacter(for: body.compactMap { $0.wholeNumberValue })
        return body + String(check)
    }

    mutating func persons(count: Int) -> [RawRecord] {
        (0..<count).map { i in
            let birth = Day(year: 1965 + next(38), month: 1 + next(12), day: 1 + next(28)) ?? today
            let name = String(pick(Self.surnames)) + String(pick(Self.given)) + (next(3) > 0 ? String(pick(Self.given)) : "")
            let started = next(100) < 40
            var f: [String: String] = [
                "name": name, "id_number": idNumber(birth: birth, sequence: 100 + i),
                "education": pick(["大学本科", "大专", "中专", "高中", "初中"]), "hukou": pick(["城镇", "农村"]),
                "phone": "13\(next(10))\(String(10_000_000 + next(89_999_999)))",
                "categories": pick(["登记失业人员", "高校毕业生", "返乡入乡创业人员", "退役军人", "就业困难人员、残疾人"]),
                "status": started ? "已创业" : "有创业意愿", "survey_date": day(within: 200).description,
                "project": pick(["社区便利店", "家政服务", "特色餐饮", "电商直播", "汽车维修", "手工艺品"]),
            ]
            if next(100) < 70 {
                f["trained"] = "是"
                f["training_type"] = pick(["SYB", "GYB", "网络创业培训"])
                f["training_end"] = day(within: 250).description
                if next(100) < 90 { f["training_passed"] = "是"; f["certificate_no"] = "SYB\(today.year)\(1000 + i)" }
            }
            if started {
                let license = day(within: 300)
                f["entity_name"] = name + pick(["便利店", "家政服务部", "小吃店", "网店"])
                f["entity_type"] = pick(["个体工商户", "企业", "个体工商户"])
                f["license_date"] = license.description
                f["jobs_created"] = String(1 + next(6))
                if next(100) < 50 { f["subsidy_first_eligible"] = "是"; f["subsidy_first_received"] = next(100) < 85 ? "是" : "否" }
            }
            return RawRecord(line: i + 2, fields: f)
        }
    }

    mutating func services(for persons: [RawRecord]) -> [RawRecord] {
        var rows: [RawRecord] = []
        for person in persons {
            let surveyed = person.fields["survey_date"].flatMap(Day.parse) ?? period.start
            for _ in 0..<(next(100) < 80 ? 2 + next(2) : next(2)) {
                rows.append(RawRecord(line: rows.count + 2, fields: [
                    "service_date": day(from: surveyed).description, "id_number": person.fields["id_number"] ?? "",
                    "service_type": pick(["政策咨询", "创业指导", "融资服务", "开业指导", "跟踪服务"]),
                    "method": pick(["窗口", "电话", "上门"]), "content": pick(["讲解首次创业补贴申请流程", "指导编写创业计划书",
                                                                          "介绍创业担保贷款办理条件", "回访经营情况并登记需求"]),
                    "result": pick(["已办结", "跟进中"]), "staff": pick(["王芳", "李娜"]),
                ]))
            }
        }
        return rows
    }

    mutating func activities(persons: [RawRecord]) -> [RawRecord] {
        let story = String(repeating: "返乡后从一个小摊位做起，参加创业培训后办理营业执照，带动邻居就业。", count: 18)
        let model = persons.first { $0.fields["status"] == "已创业" }
        return [
            RawRecord(line: 2, fields: ["date": day().description, "kind": "宣传活动", "title": "创业政策进社区宣讲", "participants": "86"]),
            RawRecord(line: 3, fields: ["date": day().description, "kind": "宣传活动", "title": "创业担保贷款现场咨询会", "participants": "42"]),
            RawRecord(line: 4, fields: ["date": day().description, "kind": "创业典型", "title": "\(model?.fields["name"] ?? "")的创业故事",
                                        "person_id": model?.fields["id_number"] ?? "", "story": story]),
            RawRecord(line: 5, fields: ["date": day().description, "kind": "推荐入园", "title": "社区特色餐饮项目", "target": "市创业孵化基地"]),
        ]
    }
}
