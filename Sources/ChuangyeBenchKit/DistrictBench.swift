import ArgumentParser
import ChuangyeCLI
import Foundation
import LedgerCore
import LedgerStore
import LedgerTUI

/// The supervisor's district register, measured for `bench-ui` and `bench-district`: first page, page down, sorted
/// by 姓名 (pinyin), and search anywhere by name, pinyin initials and the last four ID digits. Each figure is the
/// slowest (`_max`) and the median (`_p50`) of several tries in one process; the first try of each is the first
/// read of its index pages by this process.
enum DistrictBench {
    static func run(_ database: any LedgerStorage) async throws {
        func timed(_ work: () async throws -> Void) async rethrows -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try await work()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        }
        // The app's page at 120×40 is 32 rows; 30 as before, so the figures compare with earlier notes.
        func request(_ sort: String?, after: RegisterRow?) -> DistrictPageRequest {
            DistrictPageRequest(scope: DistrictScope(), page: PageRequest(register: .survey, community: "", sortColumn: sort,
                                                                           after: after.map { ($0.sortKey, $0.id) }, limit: 30))
        }
        var first: [Double] = [], down: [Double] = [], sorted: [Double] = [], sortedDown: [Double] = []
        for _ in 0..<5 {
            var page: [RegisterRow] = []
            first.append(try await timed { page = try await database.districtPage(request(nil, after: nil)) })
            for _ in 0..<3 { down.append(try await timed { page = try await database.districtPage(request(nil, after: page.last)) }) }
            sorted.append(try await timed { page = try await database.districtPage(request("name", after: nil)) })
            for _ in 0..<3 { sortedDown.append(try await timed { page = try await database.districtPage(request("name", after: page.last)) }) }
        }
        // Real persons' last four digits (from pages far apart), so each search finds someone; as many results as
        // the app lists (`DistrictHits.listed`).
        let firstPage = try await database.districtPage(request(nil, after: nil))
        let namePage = try await database.districtPage(request("name", after: nil))
        let tails = (firstPage.prefix(1) + namePage.prefix(2)).map { String(($0.fields["id_number"] ?? "").suffix(4)) }
        var searches: [(kind: String, times: [Double])] = []
        for (kind, queries) in [("name", ["王", "张伟", "欧阳"]), ("initials", ["zh", "wf", "lj"]), ("last_four", tails)] {
            var times: [Double] = []
            for _ in 0..<3 {
                for query in queries {
                    times.append(try await timed {
                        _ = try await database.searchDistrict(query, scope: DistrictScope(), limit: DistrictHits.listed)
                    })
                }
            }
            searches.append((kind, times))
        }
        // The community browser's filters on the district register (issue 24: "as well as the existing ones"): not
        // targets of the issue, measured so a slow one is seen. Each first page, three tries.
        var filtered: [(name: String, times: [Double])] = []
        let filters: [(String, (inout PageRequest) -> Void)] = [
            ("status", { $0.status = "已创业" }), ("category", { $0.category = "高校毕业生" }),
            ("dates", { $0.dates = Period.parse("2024-03") }), ("deleted", { $0.deleted = true }),
            ("problems", { $0.problemsOnly = true }),
        ]
        for (name, filter) in filters {
            var times: [Double] = []
            for _ in 0..<3 {
                var q = request(nil, after: nil)
                filter(&q.page)
                times.append(try await timed { _ = try await database.districtPage(q) })
            }
            filtered.append((name, times))
        }
        let communities = try await database.districtAccess().communities.count
        report("district_first_page", first, note: " (\(communities) communities)")
        report("district_page_down", down)
        report("district_sorted_by_name_first_page", sorted)
        report("district_sorted_by_name_page_down", sortedDown)
        for (kind, times) in searches { report("district_search_\(kind)", times) }
        for (name, times) in filtered { report("district_filtered_\(name)_first_page", times) }
    }

    static func report(_ name: String, _ samples: [Double], note: String = "") {
        let ordered = samples.sorted()
        print("\(name)_max: \(format(ordered.last)) ms\(note)")
        print("\(name)_p50: \(format(ordered.isEmpty ? nil : ordered[ordered.count / 2])) ms")
    }

    static func format(_ value: Double?) -> String { String(format: "%.2f", value ?? 0) }
}

/// `chuangye-bench bench-district`: the district figures alone, in a fresh process, with its peak RSS (what
/// `scripts/bench district` runs).
struct DistrictBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-district", abstract: "全区台账性能测量（开发用）")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        Pinyin.warmUp() // as the app does before its first frame
        let database = try global.openDatabase()
        try await DistrictBench.run(database)
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print("district_peak_rss: \(usage.ru_maxrss / 1024) MB")
    }
}
