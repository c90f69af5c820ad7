import LedgerCore

/// Why a profile form cannot become a community yet (a Chinese message for the status line).
struct ProfileProblem: Error, Sendable {
    let message: String
}

extension AppState {
    /// The community the profile form describes as it stands: what saving stores and what the score preview shows.
    /// One definition for both, so the preview is the score the clerk gets by pressing F2.
    func profileDraft(_ form: FormState) -> Result<Community, ProfileProblem> {
        let level = Community.Level(rawValue: form.draftValues["level"] ?? "") ?? community?.level ?? .community
        var checklist = community?.checklist ?? [:]
        for item in rubric(for: level)?.items ?? [] where !item.allowedLevels.isEmpty {
            let chosen = form.draftValues[FormSpecs.checklistPrefix + item.id]
            if let level = item.allowedLevels.first(where: { FormSpecs.checklistChoice($0) == chosen }) {
                checklist[item.id] = level.points
            } else if chosen == nil {
                checklist[item.id] = nil
            } else {
                return .failure(ProfileProblem(message: "\(item.title)：请从列表中选择一档"))
            }
        }
        let validated = CommunityValidator.validate(form.applicableValues, today: today, checklist: checklist)
        guard let community = validated.value else {
            return .failure(ProfileProblem(message: "社区档案有误：\(validated.findings.errors.first?.message ?? "")"))
        }
        return .success(community)
    }
}
