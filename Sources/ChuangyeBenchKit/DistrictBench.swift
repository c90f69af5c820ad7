import Foundation
import LedgerCore
import LedgerStore

/// The supervisor's district register, measured for `bench-ui`: first page, page down, sorted by name, and search
/// anywhere (name, initials, the last four ID digits), each the slowest of several tries.
enum DistrictBench {
    static func run(_ database: any LedgerStorage) async throws {
        func timed(_ work: () async throws -> Void) async rethrows -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try await work()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        }
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
        // Last four digits of a real person's number, so the search finds someone.
        let tail = try await database.districtPage(request(nil, after: nil)).first.map { String(($0.fields["id_number"] ?? "").suffix(4)) } ?? "0000"
        var search: [Double] = []
        for query in ["王", "张伟", "zh", "wf", tail, "6301"] {
            search.append(try await timed { _ = try await database.searchDistrict(query, scope: DistrictScope(), limit: 30) })
        }
        let communities = try await database.districtAccess().communities.count
        print("district_first_page_max: \(format(first.max())) ms (\(communities) communities)")
        print("district_page_down_max: \(format(down.max())) ms")
        print("district_sorted_by_name_first_page_max: \(format(sorted.max())) ms")
        print("district_sorted_by_name_page_down_max: \(format(sortedDown.max())) ms")
        print("district_search_max: \(format(search.max())) ms")
    }

    static func format(_ value: Double?) -> String { String(format: "%.2f", value ?? 0) }
}
