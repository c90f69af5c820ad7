import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import TerminalUI

/// `chuangye find`: is this person registered anywhere in the district? Persons of every community the operator
/// may read, grouped by community; ID numbers masked in communities the operator may not change.
struct FindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "在全区（或一个街道）的所有社区中查找人员",
        discussion: "按姓名、拼音首字母或身份证号（开头或后四位）查找，结果按社区分组。\n操作员无权修改的社区，身份证号遮盖显示。")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("姓名、拼音首字母（如 zs）或身份证号", valueName: "内容"))
    var text: String

    @Option(name: .long, help: ArgumentHelp("只在这个街道的社区中查找", valueName: "街道"))
    var street: String?

    @Option(name: .long, help: ArgumentHelp("最多显示多少人", valueName: "人数"))
    var limit = 50

    @Flag(name: .long, help: "以JSON格式输出")
    var json = false

    func validate() throws {
        if Normalize.halfWidth(text).trimmingSpaces().isEmpty { throw ValidationError("请给出要找的内容，如：chuangye find 张三") }
        if limit < 1 { throw ValidationError("--limit 应为正整数") }
    }

    struct Output: Encodable {
        let query: String
        let street: String?
        let truncated: Bool
        let communities: [Group]
        struct Group: Encodable { let code: String, name: String, street: String, persons: [Person] }
        struct Person: Encodable { let id: Int64, name: String, idNumber: String, status: String, masked: Bool }
    }

    func run() async throws {
        let database = try global.openDatabase()
        let found: DistrictSearchResult
        let access: DistrictAccess
        do {
            access = try await database.districtAccess()
            if let street, !access.streets.contains(street) {
                let known = access.streets.isEmpty ? "数据库中还没有社区" : "已有的街道：" + access.streets.joined(separator: "、")
                throw CLIFailure.data("找不到街道“\(street)”。\(known)")
            }
            found = try await database.searchDistrict(text, scope: DistrictScope(street: street), limit: limit)
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        let output = Output(query: text, street: street, truncated: found.truncated, communities: found.groups.map { group in
            let full = NumberPrivacy.showsInFull(group.community.code, writable: access.writable)
            return .init(code: group.community.code, name: group.community.name, street: group.community.street,
                         persons: group.persons.map {
                             .init(id: $0.id, name: $0.name, idNumber: full ? $0.idNumber : ResidentID.masked($0.idNumber),
                                   status: $0.status, masked: !full)
                         })
        })
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] // stable for scripts and diffs
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
            return
        }
        print(Self.text(output, count: found.count))
    }

    /// The human-readable answer: a summary line, then each community and its persons.
    static func text(_ o: Output, count: Int) -> String {
        let place = o.street.map { "在\($0)" } ?? "在全区"
        guard count > 0 else { return "\(place)没有找到“\(o.query)”" }
        var lines = ["\(place)找到\(count)人（\(o.communities.count)个社区）：“\(o.query)”"]
        for group in o.communities {
            lines.append("\(group.name)（\(group.code)，\(group.street)）")
            for p in group.persons {
                lines.append("  " + DisplayWidth.column(p.name, 10) + DisplayWidth.column(p.idNumber, 20) + p.status)
            }
        }
        if o.truncated { lines.append("只显示前\(count)人：还有更多，请输入更多内容缩小范围，或用 --limit 显示更多") }
        return lines.joined(separator: "\n")
    }
}
