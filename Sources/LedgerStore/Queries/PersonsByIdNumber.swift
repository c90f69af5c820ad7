import Foundation
import GRDB
import LedgerCore

/// The persons of any community who carry an ID number: what the other-community warning and a service's person
/// look-up read, through the plain `person(id_number)` index (migration `v15-id-index`; DECISIONS.md says why the
/// Bloom filter that stood in for it was removed).
enum PersonsByIdNumber {
    /// Active persons with the ID number `?1` in any community but `?2` ("" for every community).
    static let probeSQL = """
        SELECT id, name, community_code, (SELECT name FROM community WHERE code = community_code)
        FROM person INDEXED BY person_by_id_number
        WHERE id_number = ?1 AND community_code <> ?2 AND deleted_at IS NULL
        """

    static func fetch(_ db: Database, idNumber: String, excludingCommunity: String = "") throws -> [ValidationContext.ExistingPerson] {
        try Row.fetchAll(db.cachedStatement(sql: probeSQL), arguments: [idNumber, excludingCommunity]).map {
            ValidationContext.ExistingPerson(id: $0[0], name: $0[1], communityCode: $0[2], communityName: $0[3])
        }
    }
}
