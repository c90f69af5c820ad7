import ArgumentParser
import ChuangyeCLI
import Foundation
import LedgerCore
import LedgerStore

/// The district figures on a shared database (issue 21): the score of one community, the supervisor's overview of
/// every community, and saves by `--clerks` clerks at once (one save a second each, each on its own connection).
/// Run against an existing district (`scripts/bench-postgres` builds one); it adds services to it.
struct PostgresBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-pg", abstract: "区县共享数据库的评分、总览和并发保存测量（开发用）")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "同时保存的窗口人员数")
    var clerks = 20

    @Option(name: .long, help: "并发保存持续的秒数")
    var seconds = 30

    func run() async throws {
        let store = try global.openDatabase()
        let communities = try await store.communities().filter { $0.level == .community }
        guard !communities.isEmpty else { throw ValidationError("数据库中没有社区") }
        let rubric = try Rubrics.all().first { $0.id == Rubrics.defaultId(for: .community) }!

        var score: [Double] = []
        for community in communities.prefix(20) {
            score.append(try await Self.timed {
                _ = ScoreEngine.evaluate(rubric, facts: try await store.scoreFacts(community: community.code), checklist: community.checklist)
            })
        }
        KeystrokeProbe.report("pg_score_one_community", score, counted: "samples")
        var overview: [Double] = []
        for _ in 0..<10 {
            overview.append(try await Self.timed {
                let all = try await store.communities()
                let facts = try await store.scoreFactsByCommunity()
                _ = try await store.countsByCommunity()
                for c in all where c.level == .community { _ = ScoreEngine.evaluate(rubric, facts: facts[c.code] ?? ScoreFacts(), checklist: c.checklist) }
            })
        }
        KeystrokeProbe.report("pg_overview_\(communities.count)_communities", overview, counted: "samples")

        // Each clerk's session has a connection of its own, as each clerk's app does.
        let sessions = try (0..<clerks).map { _ in try global.openDatabase() }
        let seconds = self.seconds
        let saves = try await withThrowingTaskGroup(of: [Double].self) { group in
            for (clerk, session) in sessions.enumerated() {
                let community = communities[clerk % communities.count]
                group.addTask { try await Self.clerkSaves(session, community: community, seconds: seconds, seed: clerk) }
            }
            var all: [Double] = []
            for try await latencies in group { all += latencies }
            return all
        }
        KeystrokeProbe.report("pg_save_\(clerks)_clerks", saves, counted: "saves")
    }

    /// One clerk on a connection of their own: a service a second for persons of their community, each save timed.
    static func clerkSaves(_ store: any LedgerStorage, community: Community, seconds: Int, seed: Int) async throws -> [Double] {
        let persons = try await store.page(PageRequest(register: .survey, community: community.code, limit: 50))
        guard !persons.isEmpty else { return [] }
        let clock = ContinuousClock()
        let end = clock.now + .seconds(seconds)
        var latencies: [Double] = []
        var next = clock.now + .milliseconds(37 * seed % 1000)
        var n = seed
        while next < end {
            try await clock.sleep(until: next)
            next += .seconds(1)
            n += 1
            let person = persons[n % persons.count]
            let day = community.period.start.adding(days: n % 300)
            let entry = RecordEntry(.service, ["service_date": day.description, "id_number": person.fields["id_number"] ?? "",
                                               "service_type": "政策咨询", "method": "窗口", "content": "并发测量第\(n)次服务"])
            latencies.append(try await timed {
                let result = try await store.save(entry, community: community.code, editing: nil, acceptedWarnings: [:], action: .entry)
                if result.saved == nil { throw ValidationError("保存被拒绝：\(result.findings.map(\.message))") }
            })
        }
        return latencies
    }

    static func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
