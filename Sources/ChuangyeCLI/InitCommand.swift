import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "根据档案文件建立或更新社区档案与自评清单",
        discussion: """
        档案文件为 TOML 格式，含 [community]（code、name、street、district、level、labour_force、period）
        和 [checklist]（评分项编号 = 自评得分）。再次运行会更新同一社区代码的档案。
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("社区档案文件（TOML）", valueName: "文件"))
    var profile: String

    func run() throws {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: profile))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CLIFailure.data("档案文件 \(profile) 不是UTF-8编码")
            }
            text = decoded
        } catch let e as CLIFailure { throw e } catch {
            throw CLIFailure.data("无法读取档案文件 \(profile)：\(error.localizedDescription)")
        }
        let file = try ProfileFile.parse(text)
        let community = try Self.community(from: file, rubrics: try Rubrics.all())
        let database = try global.openDatabase()
        let existed = try database.community(code: community.code) != nil
        do { try database.saveCommunity(community) } catch let e as StoreError { throw CLIFailure.data(e.message) }
        print("\(existed ? "已更新" : "已建立")社区档案：\(community.name)（\(community.code)），考核期 \(community.period)，城镇劳动者 \(community.labourForce) 人")
        print("数据库：\(global.databasePath)")
    }

    /// Builds and checks the profile: every field present and valid, every checklist answer an allowed level.
    static func community(from file: ProfileFile, rubrics: [Rubric]) throws -> Community {
        var problems: [String] = []
        func string(_ key: String, _ label: String) -> String {
            guard let v = file.community[key], let s = Normalize.optional(v.text) else {
                problems.append("[community] 缺少 \(key)（\(label)）")
                return ""
            }
            return s
        }
        let code = string("code", "社区代码")
        let name = string("name", "社区名称")
        let street = string("street", "所属街道")
        let district = string("district", "区县")
        var level = Community.Level.community
        if let v = file.community["level"] {
            if let l = Community.Level(rawValue: v.text) { level = l } else { problems.append("level 应为“社区”或“街道”，现为“\(v.text)”") }
        }
        var labour = 0
        if let v = file.community["labour_force"], case .number(let n) = v, let value = Int(n), value > 0 {
            labour = value
        } else {
            problems.append("[community] labour_force（城镇劳动者总数）应为正整数")
        }
        var period = Period.year(of: Day.today())
        if let v = file.community["period"] {
            if let p = Period.parse(v.text) { period = p } else { problems.append("period 应为“2024-01-01..2024-12-31”的形式，现为“\(v.text)”") }
        }
        var checklist: [String: Points] = [:]
        for (item, value) in file.checklist.sorted(by: { $0.key < $1.key }) {
            guard case .number(let n) = value, let points = Points(text: n) else {
                problems.append("[checklist] \(item) 应为分数，现为“\(value.text)”")
                continue
            }
            let owners = rubrics.compactMap { $0.item(item) }.filter { !$0.allowedLevels.isEmpty }
            guard !owners.isEmpty else {
                let computed = rubrics.compactMap { $0.item(item) }.isEmpty ? "不是任何评分表的自评项" : "由台账数据计算，不能自评"
                problems.append("[checklist] \(item) \(computed)")
                continue
            }
            for owner in owners where !owner.allowedLevels.contains(where: { $0.points == points }) {
                let allowed = owner.allowedLevels.map { "\($0.points)（\($0.label)）" }.joined(separator: "、")
                problems.append("[checklist] \(item)（\(owner.title)）= \(points) 不是允许的分值，应为：\(allowed)")
            }
            checklist[item] = points
        }
        if !problems.isEmpty { throw CLIFailure.data("社区档案有误：\n  " + problems.joined(separator: "\n  ")) }
        return Community(code: code, name: name, street: street, district: district, level: level,
                         labourForce: labour, period: period, checklist: checklist)
    }
}
