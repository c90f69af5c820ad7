import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Person fields show whom they name, and 创业典型 finds its person like a service does (issue 17.9).
struct PersonFieldTests {
    let number = "630102199003070116"

    @Test func aChosenServicePersonShowsTheNameBesideTheNumber() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("2")] + type("zs"))
        _ = reduce(&state, .personsFound(query: "zs", [PersonHit(id: 1, name: "张三", idNumber: number, status: "有创业意愿")]))
        press(&state, [.tab])
        _ = reduce(&state, .idNumberLookedUp(number, [.init(id: 1, name: "张三", communityCode: "630102001")]))
        let lines = render(state).trimmedLines
        #expect(lines.contains { $0.contains("*服务对象 ✓ \(number)  张三") }, "\(lines)")
    }

    @Test func aRoleModelsPersonIsSearchedByNameInitialsOrDigits() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("3"), .tab] + type("创业典型") + [.tab] + type("返乡创业") + [.tab])
        #expect(state.form?.focus == "person_id")
        #expect(press(&state, type("z")).contains(.searchPersons(community: "630102001", query: "z")))
        _ = reduce(&state, .personsFound(query: "z", [PersonHit(id: 1, name: "张三", idNumber: number, status: "已创业")]))
        press(&state, [.tab])
        #expect(state.form?.values["person_id"] == number)
        _ = reduce(&state, .idNumberLookedUp(number, [.init(id: 1, name: "张三", communityCode: "630102001")]))
        #expect(render(state).trimmedLines.contains { $0.contains("关联人员身份证号 ✓ \(number)  张三") })
    }

    /// A number typed in full needs no search result: it is kept as an ID number field kept it, a 15-digit one upgraded.
    @Test func aFullNumberTypedIntoAPersonFieldIsNormalised() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("3"), .tab] + type("创业典型") + [.tab] + type("返乡创业") + [.tab] + type("630102900307011") + [.tab])
        #expect(state.form?.values["person_id"] == number)
    }
}

extension PersonFieldTests {
    /// Digits typed to find a person are a query while matches are listed, not a short ID number to complain about.
    @Test func typingASearchShowsMatchesNotAnIdNumberError() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("2")] + type("0116"))
        _ = reduce(&state, .personsFound(query: "0116", [PersonHit(id: 1, name: "张三", idNumber: number, status: "有创业意愿")]))
        let text = render(state).trimmedLines.joined(separator: "\n")
        #expect(text.contains("张三  630102********0116"))
        #expect(!text.contains("应为18位"))
    }
}
