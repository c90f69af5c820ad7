import Foundation
import LedgerCore

/// `chuangye stats --json`: the same figures for scripts, keys sorted for stable output.
enum StatsJSON {
    struct Document: Encodable {
        let operatorName: String?
        let from: String?
        let to: String?
        let days: [DayLine]
        let spotChecks: [Tally]
    }

    struct DayLine: Encodable {
        let day: String, operatorName: String
        let entered: Int, corrected: Int, fieldsChanged: Int, warningsAccepted: Int, imported: Int
        let errorsCaught: Int, formsSaved: Int, formsAbandoned: Int
        let secondsPerRecord: Int?
    }

    struct Tally: Encodable {
        let clerk: String, checked: Int, confirmed: Int, untrue: Int, unreachable: Int
        let discrepancyRate: String?
    }

    static func render(_ s: OperatorStatistics, filter: StatisticsFilter) throws -> String {
        let document = Document(
            operatorName: filter.operatorName, from: filter.from?.description, to: filter.to?.description,
            days: s.days.map {
                DayLine(day: $0.day, operatorName: $0.operatorName, entered: $0.entered, corrected: $0.corrected,
                        fieldsChanged: $0.fieldsChanged, warningsAccepted: $0.warningsAccepted, imported: $0.imported,
                        errorsCaught: $0.errorsCaught, formsSaved: $0.formsSaved, formsAbandoned: $0.formsAbandoned,
                        secondsPerRecord: $0.secondsPerRecord)
            },
            spotChecks: s.spotChecks.map {
                Tally(clerk: $0.clerk, checked: $0.checked, confirmed: $0.confirmed, untrue: $0.untrue, unreachable: $0.unreachable,
                      discrepancyRate: $0.discrepancyRate?.percentText)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
