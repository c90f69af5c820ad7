import LedgerCore
import LedgerStore

/// How `history` names what the evaluation's entries recorded as ids: a sampled record by its person's name and
/// service (`褚明（服务 2026-03-03 开业指导）`), not the person's record number; and a draw's seed, withheld like
/// the list it reproduces (SampleDisclosure). Read from the evaluations as the store discloses them to this
/// operator, so the history says no more than the evaluation screen.
struct SampledNames {
    /// Evaluation id → its sample as disclosed.
    var samples: [String: SpotCheckSample] = [:]

    static func of(_ community: String, in database: any LedgerStorage) async throws -> SampledNames {
        guard let store = database as? any EvaluationStore else { return SampledNames() }
        var names = SampledNames()
        let district = try await store.evaluation(community: community)
        if let district, let sample = district.sample { names.samples[String(district.id)] = sample }
        if let city = try await store.cityReview(community: community)?.city, let sample = city.sample {
            names.samples[String(city.id)] = sample
        }
        return names
    }

    /// The value an entry of `evaluation` shows for `field` instead of the stored one; nil: the stored one.
    func value(_ field: String, _ stored: String?, evaluation: String) -> String? {
        let sample = samples[evaluation]
        if field == "seed", sample?.concealed == true { return stored.map { _ in "（签署后公开）" } }
        let parts = field.split(separator: ".")
        guard parts.count == 3, parts[0] == "spot_check", parts[2] == "person", let stored else { return nil }
        guard let position = Int(parts[1]), let check = sample?.checks.first(where: { $0.position == position }) else {
            // An earlier submission's list (set aside by a new one): the person's record in the survey register.
            return "摸底台账第\(stored)号"
        }
        if check.concealed { return SampleDisclosure.withheldName }
        return check.name + (check.service.map { "（\($0.text)）" } ?? "")
    }
}
