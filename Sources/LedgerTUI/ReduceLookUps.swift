import LedgerCore
import TerminalUI

// The look-ups made while a form is typed (an ID number's persons, the service's person, the same-day services):
// asked as effects, so typing never waits for the store; their answers judge the draft again.

/// ID numbers the draft mentions that have not been looked up yet, and the service person to load.
func lookUps(_ state: AppState, _ form: FormState) -> [Effect] {
    guard let community = state.community else { return [] }
    var effects: [Effect] = []
    let values = form.draftValues
    for key in ["id_number", "person_id"] {
        guard let text = values[key], case .success(let parsed) = ResidentID.parse(text, today: state.today) else { continue }
        if state.knownPersons[parsed.id.value] == nil { effects.append(.lookUpIdNumber(parsed.id.value)) }
        if form.spec.kind == .service, key == "id_number", form.servicePerson?.person.idNumber != parsed.id.value {
            effects.append(.loadServicePerson(community: community.code, idNumber: parsed.id.value))
        }
    }
    return effects + sameDayLookUp(state, form)
}

/// The same-day rule's question for the service typed, when validation asked it and its answer is not known yet.
func sameDayLookUp(_ state: AppState, _ form: FormState) -> [Effect] {
    guard let key = form.sameDayKey, state.knownSameDayServices[key] == nil else { return [] }
    return [.lookUpSameDayServices(key)]
}

/// The same-day look-up answered: the draft is judged again, and a warning it now has (the service repeats one
/// saved for the person that day) is said at once, as a duplicate ID number is: the clerk is typing another field.
func sameDayServicesLookedUp(_ state: inout AppState, _ key: SameDayServiceKey, _ ids: [Int64]) -> [Effect] {
    state.knownSameDayServices[key] = ids
    guard case .form(var form) = state.screen else { return [] }
    let before = form.findings
    state.revalidate(&form)
    state.screen = .form(form)
    if let found = form.findings.first(where: { $0.severity == .warning && !before.contains($0) && form.acceptedWarnings[$0.code] == nil }) {
        state.show("\(form.spec.field(found.field)?.label ?? found.field)：\(found.message)")
    }
    return []
}
