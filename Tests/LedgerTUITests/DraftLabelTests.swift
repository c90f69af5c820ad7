@testable import LedgerTUI
import Testing

/// A kept draft is named as lists name records: a service draft by its person's number, masked.
struct DraftLabelTests {
    @Test func aServiceDraftShowsTheNumberMasked() {
        let service = Draft(kind: .service, communityCode: "630102001", values: ["id_number": "630102200001010019"], focus: "content", slot: "s")
        #expect(service.label == "创业服务记录：630102********0019")
        let person = Draft(kind: .survey, communityCode: "630102001", values: ["name": "赵敏", "id_number": "630102200001010019"], focus: "phone", slot: "p")
        #expect(person.label == "创业摸底登记：赵敏")
        let partial = Draft(kind: .service, communityCode: "630102001", values: ["id_number": "1025"], focus: "content", slot: "t")
        #expect(partial.label == "创业服务记录：1025")
    }
}
