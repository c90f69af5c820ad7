import LedgerCore
import LedgerStore

/// What a report over the communities an operator reads calls them (`export overview`, `plan --candidates`):
/// `--street` or `--district` as given; otherwise by the operator's reach, since on a district's server a login
/// reads only its own (a clerk's communities, a street supervisor's streets) and `全部社区` would claim more.
enum ReadScope {
    /// `八一路街道`, `城东区`, `全部社区`, or nil when the communities read are only the clerk's own (then counted
    /// only: `1个社区`).
    static func name(street: String?, district: String?, read communities: [Community], database: any LedgerStorage) async throws -> String? {
        if let street { return street }
        if let district { return district }
        let account = try await database.operators().first { $0.name == database.operatorName }
        switch account?.role {
        case .streetSupervisor?:
            return account?.streets.joined(separator: "、")
        case .clerk?:
            // On SQLite a clerk reads every community (it changes only its own): then they are all.
            let own = Set(account?.communities ?? [])
            return communities.allSatisfy { own.contains($0.code) } ? nil : allCommunities
        case .supervisor?, .inspector?, .city?, nil:
            return allCommunities
        }
    }

    static let allCommunities = "全部社区"
}
