import LedgerCore

extension AppState {
    /// Validation context for the current community whose ID look-ups read the cache filled by effects.
    func validationContext(editingId: Int64? = nil) -> ValidationContext? {
        guard let community else { return nil }
        let known = knownPersons, sameDay = knownSameDayServices
        var context = ValidationContext(today: today, communityCode: community.code, period: community.period, editingId: editingId,
                                        personsWithIdNumber: { known[$0] ?? [] })
        // Not known yet: no twin for now; the look-up's answer validates the draft again.
        context.sameDayServices = { sameDay[SameDayServiceKey(person: $0, date: $1, type: $2)] ?? [] }
        return context
    }

    /// Validates a form's draft once and keeps what it found in the form: the findings, and what saving it now
    /// would add to the score figures. Nothing is validated again while the inputs stay the same, so a keystroke
    /// validates its draft once however many steps of `reduce` ask for it (render only reads).
    func revalidate(_ form: inout FormState) {
        let input = ValidationInput(values: form.applicableValues, community: community, knownPersons: knownPersons,
                                    knownSameDayServices: knownSameDayServices,
                                    acceptedWarnings: form.acceptedWarnings, servicePerson: form.servicePerson,
                                    original: form.editing?.originalFields, editingId: form.editing?.id,
                                    registered: facts[.registered])
        guard input != form.validatedInput else { return }
        form.validatedInput = input
        let raw = input.values
        let editingId = form.editing?.id
        switch form.spec.kind {
        case .survey:
            guard let context = validationContext(editingId: editingId) else { return }
            let validated = PersonValidator.validate(raw, context: context)
            form.findings = validated.findings
            form.contribution = surveyContribution(validated, form)
        case .service:
            guard var context = validationContext(editingId: editingId) else { return }
            // The person's survey record the form looked up (its answer is part of the input, so it validates again).
            let snapshot = form.servicePerson?.person
            context.surveyOfPerson = { id in snapshot.flatMap { $0.id == id ? SurveyFacts($0) : nil } }
            // The same-day rule's question as validation asks it, as soon as the person, date and type are known
            // (not once every required field is): its answer is looked up while the rest is typed.
            let asked = AskedSameDay()
            let answer = context.sameDayServices
            context.sameDayServices = { person, date, type in
                asked.key = SameDayServiceKey(person: person, date: date, type: type)
                return answer(person, date, type)
            }
            let validated = ServiceValidator.validate(raw, context: context, defaultStaff: operatorName)
            form.findings = Self.searchFoundNobody(validated.findings, typed: raw["id_number"])
            form.sameDayKey = asked.key
            form.contribution = serviceContribution(validated, form)
        case .activity:
            guard let context = validationContext(editingId: editingId) else { return }
            let validated = ActivityValidator.validate(raw, context: context)
            form.findings = validated.findings
            form.contribution = activityContribution(validated, form, context: context)
        case .profile:
            // A checklist answer must be one of its item's levels (`5` for 创建工作方案 is none of them).
            let unknownAnswers = form.spec.fields.compactMap { field -> Finding? in
                guard field.key.hasPrefix(FormSpecs.checklistPrefix), case .choice(let choice) = field.kind,
                      let value = raw[field.key], !choice.names.contains(value) else { return nil }
                return Finding(field: field.key, severity: .error, code: "checklist.level",
                               message: "“\(value)”不是此项的一档，请从列表中选择：\(choice.names.joined(separator: "、"))")
            }
            // Checked against the community as it is (the first-run profile has neither figure yet).
            let figures = LabourForceCheck.Figures(registered: facts[.registered], saved: community?.labourForce)
            form.findings = CommunityValidator.validate(raw, today: today, figures: figures).findings + unknownAnswers
            form.contribution = nil
        }
    }

    /// 服务对象 takes a name, initials or digits to search by: text that found nobody and is no whole ID number
    /// (`钱多多`, `9999`) is said to have found nobody, not to be an ID number of the wrong length.
    static func searchFoundNobody(_ findings: [Finding], typed: String?) -> [Finding] {
        guard let typed, !typed.isEmpty else { return findings }
        let wholeNumber = typed.count >= 15 && typed.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "X") }
        guard !wholeNumber else { return findings }
        return findings.map { finding in
            guard finding.field == "id_number", finding.code == "id.format" else { return finding }
            return Finding(field: "id_number", severity: .error, code: "service.unknown_person",
                           message: "本社区摸底台账中没有找到“\(typed)”：请输入已登记人员的姓名、拼音首字母或身份证号码（末四位即可）；新人员请先登记摸底信息")
        }
    }

    // What a draft adds to the score figures if it were saved now (for a correction: new minus old); nil when it
    // could not be saved. Constant work: one record's contribution, never a pass over the register.

    private func surveyContribution(_ validated: Validated<Person>, _ form: FormState) -> ScoreFacts? {
        guard let period = community?.period, let person = validated.saveable else { return nil }
        let added = quality(validated.findings, accepted: form.acceptedWarnings)
        guard form.editing != nil else { return Contribution.of(person, servicesInPeriod: 0, period: period) + added }
        // A correction: the person's services are unchanged; their old contribution comes out.
        guard let before = form.servicePerson else { return nil }
        return Contribution.of(person, servicesInPeriod: before.servicesInPeriod, period: period) + added
            - Contribution.of(before.person, servicesInPeriod: before.servicesInPeriod, period: period)
            - Contribution.quality(errors: 0, unacceptedWarnings: 0)
    }

    private func serviceContribution(_ validated: Validated<Service>, _ form: FormState) -> ScoreFacts? {
        guard let period = community?.period, let service = validated.saveable, let snapshot = form.servicePerson,
              snapshot.person.idNumber == service.idNumber else { return nil }
        let wasCounted = form.editing?.originalFields["service_date"].flatMap(Day.parse).map(period.contains) ?? false
        let counts = period.contains(service.serviceDate)
        let after = snapshot.servicesInPeriod - (wasCounted ? 1 : 0) + (counts ? 1 : 0)
        return Contribution.of(snapshot.person, servicesInPeriod: after, period: period)
            - Contribution.of(snapshot.person, servicesInPeriod: snapshot.servicesInPeriod, period: period)
            + quality(validated.findings, accepted: form.acceptedWarnings)
    }

    private func activityContribution(_ validated: Validated<Activity>, _ form: FormState, context: ValidationContext) -> ScoreFacts? {
        guard let period = community?.period, let activity = validated.saveable else { return nil }
        var delta = Contribution.of(activity, period: period) + quality(validated.findings, accepted: form.acceptedWarnings)
        // A correction: the saved activity's contribution comes out (its fields, read as saved).
        if let original = form.editing?.originalFields, let old = ActivityValidator.validate(original, context: context).value {
            delta -= Contribution.of(old, period: period)
        }
        return delta
    }

    private func quality(_ findings: [Finding], accepted: [String: String]) -> ScoreFacts {
        Contribution.quality(errors: findings.errors.count, unacceptedWarnings: findings.warnings.filter { accepted[$0.code] == nil }.count)
    }

    /// Computes the saved score and the preview of the open form's draft into `scoreCards`: once per action, at
    /// the end of `reduce`, and each only when what it is computed from changed (typing changes the preview only).
    mutating func refreshScoreCards() {
        if case .form(var form) = screen {
            revalidate(&form)
            screen = .form(form)
        }
        guard let rubric, let community else {
            scoreCards = nil
            scoreInput = nil
            return
        }
        let savedInput = ScoreInput(rubric: rubric.id, facts: facts, checklist: community.checklist)
        var previewInput: PreviewInput?
        if case .form(let form) = screen {
            previewInput = form.spec.kind == .profile ? .profile(form.draftValues) : .record(form.contribution)
        }
        if savedInput == scoreInput?.saved, previewInput == scoreInput?.preview, scoreCards != nil { return }
        let saved = savedInput == scoreInput?.saved ? scoreCards?.saved : nil
        scoreInput = (savedInput, previewInput)
        let savedCard = saved ?? ScoreEngine.evaluate(rubric, facts: facts, checklist: community.checklist)
        var preview: ScoreCard?
        if case .form(let form) = screen {
            if form.spec.kind == .profile {
                preview = profilePreview(form)
            } else if let delta = form.contribution {
                preview = ScoreEngine.evaluate(rubric, facts: facts + delta, checklist: community.checklist)
            }
        }
        scoreCards = (savedCard, preview)
    }

    /// The score with the profile form's labour force and checklist answers (a changed period needs the records
    /// recounted, which happens on save). Nil while the form does not describe this community validly.
    private func profilePreview(_ form: FormState) -> ScoreCard? {
        var committed = form
        committed.commitEditor()
        guard let community, case .success(let draft) = profileDraft(committed), draft.code == community.code,
              let rubric = rubric(for: draft.level) else { return nil }
        var previewFacts = facts
        previewFacts[.labourForce] = draft.labourForce
        return ScoreEngine.evaluate(rubric, facts: previewFacts, checklist: draft.checklist)
    }
}

/// What a form's validation reads: the same input gives the same findings and contribution.
struct ValidationInput: Hashable, Sendable {
    let values: [String: String]
    let community: Community?
    let knownPersons: [String: [ValidationContext.ExistingPerson]]
    let knownSameDayServices: [SameDayServiceKey: [Int64]]
    let acceptedWarnings: [String: String]
    let servicePerson: PersonSnapshot?
    let original: [String: String]?
    let editingId: Int64?
    /// The persons registered (the profile's labour force is checked against them).
    let registered: Int
}

/// What the saved score is computed from: it is computed again only when this changes.
struct ScoreInput: Hashable, Sendable {
    let rubric: String
    let facts: ScoreFacts
    let checklist: [String: Points]
}

/// What the preview adds to it: a record's contribution, or the profile form's values.
enum PreviewInput: Hashable, Sendable {
    case record(ScoreFacts?)
    case profile([String: String])
}

/// Where a validation run notes the same-day question it asked (the run is synchronous and its own).
private final class AskedSameDay {
    var key: SameDayServiceKey?
}
