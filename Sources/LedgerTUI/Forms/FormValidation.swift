import LedgerCore

extension AppState {
    /// Validation context for the current community whose ID look-ups read the cache filled by effects.
    func validationContext(editingId: Int64? = nil) -> ValidationContext? {
        guard let community else { return nil }
        let known = knownPersons
        return ValidationContext(today: today, communityCode: community.code, period: community.period, editingId: editingId,
                                 personsWithIdNumber: { known[$0] ?? [] })
    }

    /// Validates a form's draft and stores the findings in it.
    func revalidate(_ form: inout FormState) {
        let raw = form.applicableValues
        let editingId = form.editing?.id
        switch form.spec.kind {
        case .survey:
            guard let context = validationContext(editingId: editingId) else { return }
            form.findings = PersonValidator.validate(raw, context: context).findings
        case .service:
            guard let context = validationContext(editingId: editingId) else { return }
            form.findings = ServiceValidator.validate(raw, context: context, defaultStaff: operatorName).findings
        case .activity:
            guard let context = validationContext(editingId: editingId) else { return }
            form.findings = ActivityValidator.validate(raw, context: context).findings
        case .profile:
            // A checklist answer must be one of its item's levels (`5` for 创建工作方案 is none of them).
            let unknownAnswers = form.spec.fields.compactMap { field -> Finding? in
                guard field.key.hasPrefix(FormSpecs.checklistPrefix), case .choice(let choice) = field.kind,
                      let value = raw[field.key], !choice.names.contains(value) else { return nil }
                return Finding(field: field.key, severity: .error, code: "checklist.level",
                               message: "“\(value)”不是此项的一档，请从列表中选择：\(choice.names.joined(separator: "、"))")
            }
            form.findings = CommunityValidator.validate(raw, today: today).findings + unknownAnswers
        }
    }

    /// What the draft adds to the score figures if it were saved now (for a correction: new minus old); nil when
    /// it could not be saved. Constant work: one record's contribution, never a pass over the register.
    func draftContribution(_ form: FormState) -> ScoreFacts? {
        guard let context = validationContext(editingId: form.editing?.id), let community else { return nil }
        let raw = form.applicableValues
        let period = community.period
        let original = form.editing?.originalFields
        switch form.spec.kind {
        case .survey:
            let validated = PersonValidator.validate(raw, context: context)
            guard let person = validated.saveable else { return nil }
            let added = quality(validated.findings, accepted: form.acceptedWarnings)
            guard original != nil else { return Contribution.of(person, servicesInPeriod: 0, period: period) + added }
            // A correction: the person's services are unchanged; their old contribution comes out.
            guard let before = form.servicePerson else { return nil }
            return Contribution.of(person, servicesInPeriod: before.servicesInPeriod, period: period) + added
                - Contribution.of(before.person, servicesInPeriod: before.servicesInPeriod, period: period)
                - Contribution.quality(errors: 0, unacceptedWarnings: 0)
        case .service:
            let validated = ServiceValidator.validate(raw, context: context, defaultStaff: operatorName)
            guard let service = validated.saveable, let snapshot = form.servicePerson,
                  snapshot.person.idNumber == service.idNumber else { return nil }
            let wasCounted = original.flatMap { $0["service_date"] }.flatMap(Day.parse).map(period.contains) ?? false
            let counts = period.contains(service.serviceDate)
            let after = snapshot.servicesInPeriod - (wasCounted ? 1 : 0) + (counts ? 1 : 0)
            return Contribution.of(snapshot.person, servicesInPeriod: after, period: period)
                - Contribution.of(snapshot.person, servicesInPeriod: snapshot.servicesInPeriod, period: period)
                + quality(validated.findings, accepted: form.acceptedWarnings)
        case .activity:
            let validated = ActivityValidator.validate(raw, context: context)
            guard let activity = validated.saveable else { return nil }
            var delta = Contribution.of(activity, period: period) + quality(validated.findings, accepted: form.acceptedWarnings)
            if let original, let old = ActivityValidator.validate(original, context: context).value {
                delta -= Contribution.of(old, period: period)
            }
            return delta
        case .profile:
            return nil
        }
    }

    private func quality(_ findings: [Finding], accepted: [String: String]) -> ScoreFacts {
        Contribution.quality(errors: findings.errors.count, unacceptedWarnings: findings.warnings.filter { accepted[$0.code] == nil }.count)
    }

    /// The saved score, and the score as if the open form's draft were saved (nil when there is no draft effect).
    public func scoreCards() -> (saved: ScoreCard, preview: ScoreCard?)? {
        guard let rubric, let community else { return nil }
        let saved = ScoreEngine.evaluate(rubric, facts: facts, checklist: community.checklist)
        guard case .form(let form) = screen else { return (saved, nil) }
        if form.spec.kind == .profile { return (saved, profilePreview(form)) }
        guard let delta = draftContribution(form) else { return (saved, nil) }
        return (saved, ScoreEngine.evaluate(rubric, facts: facts + delta, checklist: community.checklist))
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
