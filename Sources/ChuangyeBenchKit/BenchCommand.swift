import ArgumentParser
import ChuangyeCLI
import Foundation
import LedgerCore
import LedgerStore
import LedgerTUI
import TerminalUI

/// Measures what a clerk feels on a large database: first frame, keystroke → frame, effects, score.
/// Prints `name: value unit` lines, for `scripts/bench` and the notes. The keystroke figures here step the app core
/// with a fast store (reduce + render + diff, effects run after each key); `bench-keys` measures the real key loop.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-ui", abstract: "界面性能测量（开发用）")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "社区代码（默认第一个）")
    var community: String?

    func run() async throws {
        let start = Date()
        Pinyin.warmUp() // as the app does, before its first frame
        let database = try global.openDatabase()
        let runner = EffectRunner(database: database)
        var state = AppState(width: 120, height: 40, operatorName: "测量", today: Day.today(), rubrics: try Rubrics.all())
        var pending: [Effect] = [.loadCommunities]
        await runner.settle(&pending, state: &state)
        if case .chooseCommunity = state.screen {
            let index = community.flatMap { code in state.communities.firstIndex { $0.code == code } } ?? 0
            pending = reduce(&state, .keyPressed(.down)) // exercise the chooser once
            _ = reduce(&state, .keyPressed(.up))
            for _ in 0..<index { _ = reduce(&state, .keyPressed(.down)) }
            pending += reduce(&state, .keyPressed(.enter))
            await runner.settle(&pending, state: &state)
        }
        if state.dialog != nil { pending = reduce(&state, .keyPressed(.character("n"))) }
        var previous = render(state)
        _ = previous.changedSpans(since: nil)
        let firstFrame = Date().timeIntervalSince(start)
        print("first_frame_with_home: \(ms(firstFrame)) ms")

        var frameTimes: [Double] = []
        var effectTimes: [Double] = []
        func key(_ k: Key) async {
            let t0 = DispatchTime.now().uptimeNanoseconds
            var effects = reduce(&state, .keyPressed(k))
            let frame = render(state)
            _ = frame.changedSpans(since: previous)
            previous = frame
            let t1 = DispatchTime.now().uptimeNanoseconds
            frameTimes.append(Double(t1 - t0) / 1e6)
            await runner.settle(&effects, state: &state)
            effectTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6)
        }
        func type(_ s: String) async { for ch in s { await key(.character(ch)) } }
        for round in 0..<10 {
            await key(.character("1"))
            await type("欧阳明"); await key(.tab)
            await type("630102199003070116"); await key(.tab)
            await type("dz"); await key(.tab); await type("cz"); await key(.tab)
            await type("13712345678"); await key(.tab); await type("其他"); await key(.tab); await type("有"); await key(.tab)
            await type("2024-05-06"); await key(.tab)
            await key(.pageDown); await type("社区便利店"); await key(.tab)
            await key(.escape); await key(.character("d"))
            await key(.character("2"))
            await type(round % 2 == 0 ? "zh" : "6301021"); await key(.down); await key(.tab)
            await key(.tab); await type("政策"); await key(.tab); await key(.tab); await type("讲解创业担保贷款政策"); await key(.tab)
            await key(.escape); await key(.character("d"))
        }
        report("keystroke_frame", frameTimes)
        report("keystroke_effects", effectTimes)

        let code = state.community?.code ?? ""
        // Register browser: first page, page down, search (each one index range).
        var pageTimes: [Double] = [], downTimes: [Double] = [], searchTimes: [Double] = []
        for query in ["wang", "zh", "li", "63010219", "630102198", "王", "张", "l"] {
            var t0 = Date()
            let first = try await database.page(PageRequest(register: .survey, community: code, limit: 30))
            pageTimes.append(Date().timeIntervalSince(t0) * 1000)
            t0 = Date()
            _ = try await database.page(PageRequest(register: .survey, community: code, after: first.last.map { ("", $0.id) }, limit: 30))
            downTimes.append(Date().timeIntervalSince(t0) * 1000)
            t0 = Date()
            _ = try await database.searchSummaries(community: code, query: query, limit: 30)
            searchTimes.append(Date().timeIntervalSince(t0) * 1000)
        }
        print("browser_first_page_max: \(String(format: "%.2f", pageTimes.max() ?? 0)) ms")
        print("browser_page_down_max: \(String(format: "%.2f", downTimes.max() ?? 0)) ms")
        print("browser_search_max: \(String(format: "%.2f", searchTimes.max() ?? 0)) ms")
        // Sorted pages: by name (pinyin key, indexed) and by phone (no index: a top-N sort over the community).
        for (column, name) in [("name", "browser_sorted_by_name"), ("phone", "browser_sorted_by_phone_unindexed")] {
            var times: [Double] = []
            var after: (String, Int64)?
            for _ in 0..<5 {
                let t0 = Date()
                let page = try await database.page(PageRequest(register: .survey, community: code, sortColumn: column, after: after, limit: 30))
                times.append(Date().timeIntervalSince(t0) * 1000)
                after = page.last.map { ($0.sortKey, $0.id) }
            }
            print("\(name)_page_max: \(String(format: "%.2f", times.max() ?? 0)) ms")
        }
        var t = Date()
        _ = try await database.scoreFacts(community: code)
        print("score_one_community: \(ms(Date().timeIntervalSince(t))) ms")
        t = Date()
        let all = try await database.scoreFactsByCommunity()
        let rubric = try Rubrics.all().first { $0.id == "xining-community" }
        for (code, facts) in all { if let rubric { _ = ScoreEngine.evaluate(rubric, facts: facts, checklist: state.communities.first { $0.code == code }?.checklist ?? [:]) } }
        print("score_district_all_communities: \(ms(Date().timeIntervalSince(t))) ms (\(all.count) communities)")
        // The plan of one community: the store's details (services missing, short stories) and the planner.
        if let rubric, let c = state.community {
            t = Date()
            let details = try await database.planDetails(community: code, period: c.period)
            _ = Planner.plan(rubric, facts: try await database.scoreFacts(community: code), checklist: c.checklist, period: c.period,
                             today: Day.today(), details: details)
            print("plan_one_community: \(ms(Date().timeIntervalSince(t))) ms (\(state.counts.persons) persons)")
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print("peak_rss: \(usage.ru_maxrss / 1024) MB")
    }

    func ms(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1000) }

    func report(_ name: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return }
        func p(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        print("\(name)_p50: \(String(format: "%.3f", p(0.5))) ms")
        print("\(name)_p99: \(String(format: "%.3f", p(0.99))) ms")
        print("\(name)_max: \(String(format: "%.3f", sorted.last ?? 0)) ms (\(sorted.count) keys)")
    }
}
