import Foundation
import LedgerCore
import LedgerStore

/// The `--json` form of an evaluation (`show`, `draw`) and the `.json` export: stable keys for scripts.
enum EvaluationJSON {
    struct Item: Encodable {
        let id, title, source, measured, threshold: String
        let max, selfPoints, evaluatedPoints, difference: Double
        let reason, adjustedBy, adjustedAt: String?
    }
    struct Stratum: Encodable {
        let name: String
        let population, drawn: Int
    }
    struct Person: Encodable {
        let position: Int
        let personId: Int64
        let name, idNumber, stratum: String
        let result, note, checkedBy, checkedAt: String?
        let changesSinceCheck: Int
        /// Changes of the record after the draw (SpotCheck.changesSinceDraw).
        let changesSinceDraw: Int
        /// Of those, the ones its check does not explain (a 不属实 record's corrections after its check do): what
        /// show, the CSV and the app mark `抽样后已修改N处` (SpotCheck.changedAfterDraw).
        let changedAfterDraw: Int
        /// What became of a 不属实 finding, as show and the exports word it (`社区已更正1处`, `待社区更正`,
        /// `签署时未更正`, `社区已删除该记录`); null for other results.
        let correction: String?
        /// The sampled record is deleted now.
        let recordDeleted: Bool
        /// Withheld from this operator until the stage is signed (SampleDisclosure): no name, number or note.
        let withheld: Bool
        let service: Service?
        /// `person` (drawn as a person, with one of their services) or `service` (a service drawn on its own).
        let drawnFor: String
    }
    /// The service drawn with the person (null: none in the period).
    struct Service: Encodable {
        let serviceId: Int64
        /// As the register has them now.
        let date, type: String
        /// As the sample listed them: drawn, or last checked (null: drawn before they were kept). They differ from
        /// `date`/`type` where the community corrected the service since.
        let sampledDate, sampledType: String?
        /// Deleted from the register since the draw.
        let deleted: Bool
    }
    struct Sample: Encodable {
        /// Null while the list is withheld from this operator (the seed reproduces it).
        let seed: UInt64?
        let requestedSize, checked, confirmed, untrue, unreachable: Int
        let discrepancyRate: Double?
        let drawnBy, drawnAt: String
        let strata: [Stratum]
        let requestedServices: Int
        let serviceStrata: [Stratum]
        let persons: [Person]
    }
    /// The 市级考评: the city's points per item (beside the 初评's), its draw and its signature.
    struct City: Encodable {
        struct CityItem: Encodable {
            let id: String
            let districtPoints, cityPoints, difference: Double
            let reason, adjustedBy, adjustedAt: String?
        }
        let startedBy, startedAt: String
        let cityTotal: Double
        let items: [CityItem]
        let sample: Sample?
        let signed: Signed?
        let lastUnlock: Unlocked?
    }
    struct Signed: Encodable {
        let by, at: String
    }
    /// The submission of the period this one replaced.
    struct Replaced: Encodable {
        let id: Int64
        let submittedBy, submittedAt: String
        let selfTotal: Double
        let evaluatedTotal: Double?
        let sampleSize, untrue: Int?
        let wasUnlocked: Bool

        init(_ r: ReplacedSubmission) {
            (id, submittedBy, submittedAt, selfTotal) = (r.id, r.submittedBy, r.submittedAt, r.selfTotal.asDouble)
            evaluatedTotal = r.evaluatedTotal?.asDouble
            (sampleSize, untrue) = (r.sampleSize, r.untrue)
            wasUnlocked = r.wasUnlocked
        }
    }
    /// The stage's latest unlock: who lifted whose signature, when and why.
    struct Unlocked: Encodable {
        let by, at, reason: String
        let lifted: Signed?

        init(_ u: Unlocking) {
            (by, at, reason) = (u.by, u.at, u.reason)
            lifted = u.lifted.map { Signed(by: $0.by, at: $0.at) }
        }
    }
    struct Document: Encodable {
        let community, name, period, rubric: String
        let submittedBy, submittedAt, checksum, currentChecksum: String
        let changesSinceSubmission: Int
        let outdated: Bool
        let selfTotal, evaluatedTotal, max: Double
        let items: [Item]
        let sample: Sample?
        let signed: Signed?
        let lastUnlock: Unlocked?
        let replaced: Replaced?
        let recommended: Signed?
        let city: City?
    }

    static func sample(_ s: SpotCheckSample, mask: Bool, signed: Bool) -> Sample {
        Sample(seed: s.concealed ? nil : s.seed, requestedSize: s.requestedSize, checked: s.checkedCount, confirmed: s.count(.confirmed),
               untrue: s.count(.untrue), unreachable: s.count(.unreachable),
               discrepancyRate: s.discrepancyRate.map { Double($0.numerator) / Double($0.denominator) },
               drawnBy: s.drawnBy, drawnAt: s.drawnAt,
               strata: s.strata.map { Stratum(name: $0.name, population: $0.population, drawn: $0.drawn) },
               requestedServices: s.requestedServices,
               serviceStrata: s.serviceStrata.map { Stratum(name: $0.name, population: $0.population, drawn: $0.drawn) },
               persons: s.checks.map { c in
                   Person(position: c.position, personId: c.personId, name: c.name,
                          idNumber: mask ? SensitiveNumbers.masked(c.idNumber) : c.idNumber, stratum: c.stratum,
                          result: c.result?.rawValue, note: c.note, checkedBy: c.checkedBy, checkedAt: c.checkedAt,
                          changesSinceCheck: c.changesSinceCheck, changesSinceDraw: c.changesSinceDraw, changedAfterDraw: c.changedAfterDraw,
                          correction: c.correctionLongText(signed: signed), recordDeleted: c.recordDeleted, withheld: c.concealed,
                          service: c.service.map { Service(serviceId: $0.id, date: $0.date, type: $0.type, sampledDate: $0.seenDate, sampledType: $0.seenType,
                                                                   deleted: $0.deleted) },
                          drawnFor: c.forService ? "service" : "person")
               })
    }

    static func city(_ review: CityReview?, mask: Bool) -> City? {
        guard let review, let city = review.city else { return nil }
        let items = review.district.items.map { item in
            let a = review.cityAdjustment(item)
            return City.CityItem(id: item.id, districtPoints: review.districtPoints(item).asDouble, cityPoints: review.cityPoints(item).asDouble,
                                 difference: (review.cityPoints(item) - review.districtPoints(item)).asDouble,
                                 reason: a?.reason, adjustedBy: a?.by, adjustedAt: a?.at)
        }
        return City(startedBy: city.submittedBy, startedAt: city.submittedAt, cityTotal: review.cityTotal.asDouble, items: items,
                    sample: city.sample.map { Self.sample($0, mask: mask, signed: city.isSigned) }, signed: city.signature.map { Signed(by: $0.by, at: $0.at) },
                    lastUnlock: city.lastUnlock.map(Unlocked.init))
    }

    static func document(_ e: Evaluation, city review: CityReview? = nil, community: Community, mask: Bool) -> Document {
        let items = e.items.map { item in
            let a = e.adjustments[item.id]
            let evaluated = e.evaluatedPoints(item)
            return Item(id: item.id, title: item.title, source: item.source.rawValue, measured: item.measured, threshold: item.threshold,
                        max: item.max.asDouble, selfPoints: item.points.asDouble, evaluatedPoints: evaluated.asDouble,
                        difference: (evaluated - item.points).asDouble, reason: a?.reason, adjustedBy: a?.by, adjustedAt: a?.at)
        }
        let sample = e.sample.map { Self.sample($0, mask: mask, signed: e.isSigned) }
        return Document(community: community.code, name: community.name, period: e.period.description, rubric: e.rubricId,
                        submittedBy: e.submittedBy, submittedAt: e.submittedAt, checksum: e.checksum, currentChecksum: e.currentChecksum,
                        changesSinceSubmission: e.changesSinceSubmission, outdated: e.isOutdated,
                        selfTotal: e.selfTotal.asDouble, evaluatedTotal: e.evaluatedTotal.asDouble, max: e.maxTotal.asDouble,
                        items: items, sample: sample, signed: e.signature.map { Signed(by: $0.by, at: $0.at) }, lastUnlock: e.lastUnlock.map(Unlocked.init), replaced: e.replaced.map(Replaced.init),
                        recommended: e.recommendation.map { Signed(by: $0.by, at: $0.at) }, city: Self.city(review, mask: mask))
    }

    static func render(_ e: Evaluation, city review: CityReview? = nil, community: Community, mask: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] // stable output for scripts and diffs
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(document(e, city: review, community: community, mask: mask)), as: UTF8.self)
    }
}
