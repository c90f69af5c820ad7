/// Where a community's evaluation of its current period stands, as the overview, the home screen and the 评分表
/// say it: one definition, so a figure labelled 自评 is always the submitted one and 初评 only once a supervisor
/// has begun it.
public enum EvaluationStatus: String, Sendable, Hashable, CaseIterable {
    case notSubmitted = "未提交"
    case submitted = "已提交"
    case sampled = "已抽样"
    case signed = "已签署·已锁定"

    /// The status of the period's latest submission (nil: none). Signed means locked: the district's signature is
    /// its lock and goes with an unlock, which returns the 初评 to the supervisor.
    public init(_ evaluation: Evaluation?) {
        guard let e = evaluation else { self = .notSubmitted; return }
        if e.signature != nil { self = .signed } else if e.sample != nil { self = .sampled } else { self = .submitted }
    }

    /// A word for a narrow column (`已锁定` for the signed lock).
    public var short: String { self == .signed ? "已锁定" : rawValue }
}

extension Evaluation {
    /// The 初评 has begun: the supervisor changed an item's points, drew the sample or signed. Until then the
    /// submission has no 初评 of its own to show (its 初评 points would only repeat the 自评).
    public var reviewBegun: Bool { !adjustments.isEmpty || sample != nil || signature != nil }

    /// The 初评 total once begun; nil before.
    public var reviewTotal: Points? { reviewBegun ? evaluatedTotal : nil }

    public var status: EvaluationStatus { EvaluationStatus(self) }

    /// `已提交自评 12`, `已提交自评 12，初评 56（王督导已签署·已锁定）`: what was submitted and signed, for the home
    /// screen beside the live score.
    public var standingText: String {
        var parts = ["已提交自评 \(selfTotal)"]
        if let review = reviewTotal {
            parts.append(signature.map { "初评 \(review)（\($0.by)已签署·已锁定）" } ?? "初评 \(review)（未签署）")
        }
        return parts.joined(separator: "，")
    }
}
