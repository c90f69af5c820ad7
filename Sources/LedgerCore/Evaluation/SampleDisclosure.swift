/// Who learns which records a spot check drew (随机抽样), and when. The one rule; both engines apply it to every
/// evaluation they return, so the app, `evaluate show`, `evaluate export` and `history` say the same.
///
/// A spot check finds what the registers say against what is true only if the community cannot prepare the
/// sampled records before the visit: a clerk who saw the list could correct exactly those records. So an operator
/// who may not check a stage's sample (a clerk, a street supervisor, an inspector, a name not registered; for the
/// city's sample, everyone but a city supervisor) learns, while that stage is not signed:
/// - that a sample was drawn, by whom and when, and how many persons and services in each stratum;
/// - how far the checking is (each place's result, the progress and the discrepancy rate);
/// - the records found 不属实, with the note: the community is told them in order to correct them, and a check
///   already recorded cannot be prepared for any more;
/// and not the other records, nor the seed (which reproduces the list). Once the stage is signed the whole list is
/// shown. (An unlocked 初评 is open again, and its checks may be recorded again: the rule holds again.)
public enum SampleDisclosure {
    /// Whether `check` is shown to an operator who may (`mayCheck`) or may not check the sample of a stage that
    /// is (`signed`) or is not signed.
    public static func reveals(_ check: SpotCheck, mayCheck: Bool, signed: Bool) -> Bool {
        mayCheck || signed || check.result == .untrue
    }

    /// What a withheld record's row says in place of the name.
    public static let withheldName = "（签署后公开）"
}

extension SpotCheckSample {
    /// The sample as the rule lets the operator see it.
    public func disclosed(mayCheck: Bool, signed: Bool) -> SpotCheckSample {
        guard !mayCheck && !signed else { return self }
        let checks = checks.map { c in
            SampleDisclosure.reveals(c, mayCheck: mayCheck, signed: signed) ? c
                : SpotCheck(position: c.position, personId: 0, name: SampleDisclosure.withheldName, idNumber: "", stratum: "",
                            result: c.result, note: nil, checkedBy: c.checkedBy, checkedAt: c.checkedAt, changesSinceCheck: 0,
                            service: nil, forService: c.forService, changesSinceDraw: 0, concealed: true)
        }
        return SpotCheckSample(seed: 0, requestedSize: requestedSize, strata: strata, drawnBy: drawnBy, drawnAt: drawnAt,
                               checks: checks, requestedServices: requestedServices, serviceStrata: serviceStrata, concealed: true)
    }

    /// 不属实 findings the community has not corrected since the check (no change of the record after it).
    public var uncorrectedChecks: [SpotCheck] { checks.filter { $0.result == .untrue && $0.changesSinceCheck == 0 } }
    public var uncorrected: Int { uncorrectedChecks.count }
    /// Records checked 属实 or 联系不上 and changed (a deletion too) since: signing keeps a conclusion about a record
    /// that is no longer the one checked (the community may have been unlocked in between). Checked again, they
    /// leave this list.
    public var changedAfterCheck: [SpotCheck] {
        checks.filter { $0.result != nil && $0.result != .untrue && $0.changesSinceCheck > 0 }
    }
}

extension [SpotCheck] {
    /// `第3号 张三、第5号 李四` (the first three, then `等`): the records a warning names.
    public var namedBriefly: String {
        let names = map { "第\($0.position)号 \($0.name)" }
        return names.count > 3 ? names.prefix(3).joined(separator: "、") + "等" : names.joined(separator: "、")
    }
}

extension SpotCheck {
    /// Changes after the draw the check does not explain: all of them, except a 不属实 record's corrections made
    /// after its check (which the finding asked for). What the supervisor's list marks `抽样后已修改N处`.
    public var changedAfterDraw: Int {
        max(0, changesSinceDraw - (result == .untrue ? changesSinceCheck : 0))
    }

    /// For 不属实, what became of the finding: `已更正2处`, and with no change since the check `待更正` while the
    /// stage is open, `签署时未更正` once signed (the community can no longer correct it). Nil for other results.
    public func correctionText(signed: Bool) -> String? {
        guard result == .untrue else { return nil }
        if recordDeleted { return "记录已删除" }
        if changesSinceCheck > 0 { return "已更正\(changesSinceCheck)处" }
        return signed ? "签署时未更正" : "待更正"
    }

    /// The same naming the community and what it changed, where there is room (the selected record's line,
    /// `evaluate show`, the workbook, the CSV): `社区已更正2处：备注、创业状态`, `待社区更正`, `签署时未更正`.
    public func correctionLongText(signed: Bool) -> String? {
        guard result == .untrue else { return nil }
        if recordDeleted { return "社区已删除该记录" }
        if changesSinceCheck > 0 {
            let fields = fieldsChangedSinceCheck.isEmpty ? "" : "：" + fieldsChangedSinceCheck.joined(separator: "、")
            return "社区已更正\(changesSinceCheck)处" + fields
        }
        return signed ? "签署时未更正" : "待社区更正"
    }

    /// `抽样后已修改1处`, or `抽样后记录已删除` once the record is deleted (a 不属实 one says it in its correction);
    /// nil when unchanged (or withheld).
    public var changedAfterDrawText: String? {
        if recordDeleted { return result == .untrue ? nil : "抽样后记录已删除" }
        return changedAfterDraw > 0 ? "抽样后已修改\(changedAfterDraw)处" : nil
    }
}

extension Evaluation {
    /// Whether the stage of this evaluation (the district's 初评, or a 市级考评) is signed.
    public var isSigned: Bool { signature != nil }

    /// The evaluation with its sample as `SampleDisclosure` lets an operator who may (`mayCheck`) or may not check
    /// it see it.
    public func disclosed(mayCheck: Bool) -> Evaluation {
        guard let sample, !mayCheck, !isSigned else { return self }
        var disclosed = Evaluation(id: id, communityCode: communityCode, period: period, rubricId: rubricId, rubricTitle: rubricTitle,
                                   items: items, submittedBy: submittedBy, submittedAt: submittedAt, checksum: checksum,
                                   currentChecksum: currentChecksum, changesSinceSubmission: changesSinceSubmission, adjustments: adjustments,
                                   sample: sample.disclosed(mayCheck: false, signed: false), signature: signature, stage: stage,
                                   recommendation: recommendation, changesByTable: changesByTable)
        disclosed.lastUnlock = lastUnlock
        disclosed.replaced = replaced
        return disclosed
    }
}

extension CityReview {
    /// Each stage disclosed by its own right: `district` whether the operator may check the 初评's sample, `city`
    /// the 市级考评's.
    public func disclosed(district: Bool, city: Bool) -> CityReview {
        CityReview(district: self.district.disclosed(mayCheck: district), city: self.city?.disclosed(mayCheck: city))
    }
}
