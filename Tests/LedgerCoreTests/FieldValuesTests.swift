import Testing
@testable import LedgerCore

struct FieldValuesTests {
    @Test func everyKeyOfEveryRegisterIsFoundAtItsPosition() {
        for register in Register.allCases {
            for (position, field) in register.fields.enumerated() {
                #expect(register.keyIndex.position(of: field.key) == position, "\(register) \(field.key)")
                // A key built at run time, not the literal of the field list, is found too.
                #expect(register.keyIndex.position(of: String(field.key.reversed().reversed())) == position)
            }
        }
    }

    @Test func otherTextIsNoKey() {
        let keys = Set(Register.allCases.flatMap { $0.fields.map(\.key) })
        for text in ["", "nam", "name ", "Name", "姓名", "id_numbe", "id_numberx", "subsidy_first", "x"] + keys.map { $0 + "_" } {
            for register in Register.allCases where !register.fields.contains(where: { $0.key == text }) {
                #expect(register.keyIndex.position(of: text) == nil, "\(register) \(text)")
            }
        }
    }

    @Test func keyedFieldsKeepTheirValues() {
        let raw = ["name": "张三", "id_number": "630102199001011234", "remarks": "备注", "loan_amount": "5万"]
        let values = FieldValues(raw, register: .survey)
        #expect(values.dictionary == raw)
        #expect(values["name"] == "张三" && values["phone"] == nil)
        #expect(RawRecord(line: 2, values: values) == RawRecord(line: 2, fields: raw))
        #expect(RawRecord(line: 2, fields: raw).values(for: .survey) == values)
    }
}
