import ArgumentParser
import Foundation
import LedgerStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "管理操作员及其可修改的社区",
        discussion: """
        尚未登记任何操作员时，所有人都可修改所有社区；登记后，窗口人员只能修改自己的社区，督导（--supervisor）可修改全部社区，未登记的人只读。
        只有督导可以登记或删除操作员：第一位登记的必须是督导，最后一位督导不能删除。
        --operator 只作记录、不作验证；登记为督导的姓名只能由同名的系统用户（或本身是督导的系统用户）使用。
        """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记或更新操作员")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("操作员姓名（与 --operator 或系统用户名一致）", valueName: "姓名")) var name: String
        @Option(name: .long, help: ArgumentHelp("可修改的社区代码（可重复）", valueName: "代码")) var community: [String] = []
        @Flag(name: .long, help: "督导：可修改全部社区") var supervisor = false

        func validate() throws {
            if !supervisor && community.isEmpty { throw ValidationError("窗口人员至少需要一个 --community，督导请加 --supervisor") }
        }

        func run() async throws {
            let database = try global.openDatabase()
            do { try await database.saveOperator(name, role: supervisor ? .supervisor : .clerk, communities: community) } catch let e as StoreError {
                throw CLIFailure.data(e.message)
            }
            print("已登记操作员 \(name)：\(supervisor ? "督导（全部社区）" : "窗口人员（\(community.joined(separator: "、"))）")")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出操作员")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let all = try await global.openDatabase().operators()
            if all.isEmpty { print("尚未登记操作员：所有人都可修改所有社区") }
            for o in all {
                print("\(o.name)\t\(o.role.label)\t\(o.reach)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "删除操作员")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("操作员姓名", valueName: "姓名")) var name: String
        func run() async throws {
            do { try await global.openDatabase().removeOperator(name) } catch let e as StoreError { throw CLIFailure.data(e.message) }
            print("已删除操作员 \(name)")
        }
    }
}
