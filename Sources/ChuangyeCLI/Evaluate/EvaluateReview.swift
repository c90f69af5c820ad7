import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct EvaluateAdjust: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "adjust", abstract: "初评：为一个评分项给出不同的分数（督导，须写理由）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Argument(help: ArgumentHelp("评分项编号（chuangye evaluate show 列出，如 survey_register）", valueName: "评分项")) var item: String
    @Argument(help: ArgumentHelp("初评分数（如 1 或 1.5）；与自评相同则取消差异", valueName: "分数")) var points: String
    @Option(name: .long, help: ArgumentHelp("改分理由（必填）", valueName: "理由")) var reason: String

    func validate() throws {
        if Points(text: points) == nil { throw ValidationError("分数应为不超过两位小数的非负数，如 1 或 1.5，而不是“\(points)”") }
        if Normalize.optional(reason) == nil { throw ValidationError("初评改分必须填写理由（--reason）") }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let value = Points(text: points) ?? .zero
        let e = try await session.run { try await $0.adjust(community: session.community.code, item: item, points: value, reason: reason) }
        let title = e.items.first { $0.id == item }?.title ?? item
        print("已记录初评：\(title) \(value)分（自评 \(e.items.first { $0.id == item }?.points ?? .zero)分）。初评总分 \(e.evaluatedTotal)/\(e.maxTotal)，自评总分 \(e.selfTotal)")
    }
}

struct EvaluateDraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw", abstract: "随机抽样：按创业状态分层按比例抽取人员（督导）",
        discussion: "同一种子、同一台账抽出同一名单；种子记入数据库并显示，可向社区出示。每份自评只抽一次。")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Argument(help: ArgumentHelp("抽取人数（1–\(AppDatabase.largestSample)）", valueName: "人数")) var size: Int
    @Option(name: .long, help: ArgumentHelp("随机种子（非负整数；默认随机生成）", valueName: "种子")) var seed: UInt64?
    @Flag(name: .long, help: "以JSON格式输出（身份证号遮盖）") var json = false

    func validate() throws {
        if !(1...AppDatabase.largestSample).contains(size) { throw ValidationError("抽取人数应在1到\(AppDatabase.largestSample)之间") }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        // Nine digits at most: easy to read out and to type again.
        let chosen = seed ?? UInt64.random(in: 1...999_999_999)
        let e = try await session.run { try await $0.drawSpotChecks(community: session.community.code, size: size, seed: chosen) }
        if json { return print(try EvaluationJSON.render(e, community: session.community, mask: true)) }
        print(EvaluationText.sample(e.sample).joined(separator: "\n"))
    }
}

struct EvaluateCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "记录抽样人员的核实结果（督导）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Argument(help: ArgumentHelp("抽样名单中的序号", valueName: "序号")) var position: Int
    @Argument(help: ArgumentHelp("核实结果：属实、不属实或联系不上", valueName: "结果")) var result: String
    @Option(name: .long, help: ArgumentHelp("说明（不属实时必填，社区将看到）", valueName: "说明")) var note: String = ""

    func validate() throws {
        guard let found = SpotCheckResult(text: result) else { throw ValidationError("核实结果应为 属实、不属实 或 联系不上，而不是“\(result)”") }
        if found == .untrue && Normalize.optional(note) == nil { throw ValidationError("核实结果为不属实时必须填写说明（--note）") }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let found = SpotCheckResult(text: result) ?? .confirmed
        let e = try await session.run { try await $0.recordSpotCheck(community: session.community.code, position: position, result: found, note: note) }
        let person = e.sample?.checks.first { $0.position == position }
        print("已记录第\(position)号 \(person?.name ?? "")：\(found.rawValue)")
        if let progress = EvaluationText.progress(e.sample) { print(progress) }
    }
}
