import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct EvaluateSign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: "签署初评并锁定该社区台账（督导）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let e = try await session.run { try await $0.signOff(community: session.community.code) }
        print("已签署\(session.community.name)（\(session.community.code)）考核期 \(e.period) 的初评：初评总分 \(e.evaluatedTotal)/\(e.maxTotal)（自评 \(e.selfTotal)）。台账已锁定，修改须由督导解锁")
        if let notice = e.outdatedNotice { print("注意：\(notice)") }
    }
}

struct EvaluateUnlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "解锁已签署的社区台账（督导，须写理由）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Option(name: .long, help: ArgumentHelp("解锁理由（必填，记入修改记录）", valueName: "理由")) var reason: String

    func validate() throws {
        if Normalize.optional(reason) == nil { throw ValidationError("解锁必须填写理由（--reason）") }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        try await session.run { try await $0.unlock(community: session.community.code, reason: reason) }
        print("已解锁\(session.community.name)（\(session.community.code)）的台账，理由：\(reason)")
    }
}
