import Foundation
import LedgerCore
import LedgerExchange
import Testing
@testable import LedgerWorkbook

struct RegisterLayoutTests {
    @Test(arguments: Register.allCases)
    func layoutHasEveryFieldOnceAndNoGroupNamedLikeAField(register: Register) {
        let layout = RegisterLayout.of(register)
        #expect(layout.keys.sorted() == register.fields.map(\.key).sorted())
        // The importer takes the first row naming the register's fields as the header.
        for group in layout.groups { #expect(register.field(forHeader: group.title) == nil, "\(group.title)") }
    }

    @Test(arguments: [("1900-01-01", 1), ("1900-02-28", 59), ("1900-03-01", 61), ("1970-01-01", 25_569), ("2024-03-15", 45_366)])
    func excelSerials(day: String, serial: Int) throws {
        #expect(ExcelDate.serial(of: try #require(Day.parse(day))) == serial)
    }

    let community = Community(code: "630102001", name: "八一路社区", street: "八一路街道", district: "城东区", labourForce: 3200,
                              period: Period(start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!),
                              leader: "马主任", phone: "0971-6123456")

    @Test func writtenRecordsReadBackAsTheSameFieldsThroughTheImporter() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records: [[String: String]] = [
            ["service_date": "2024-04-02", "id_number": "630102199003070116", "name": "张三", "service_type": "政策咨询",
             "method": "窗口", "content": "讲解首次创业补贴", "staff": "王芳", "remarks": "=1+1"],
            ["service_date": "2024-06-03", "id_number": "63010219880412022X", "name": "李四", "service_type": "融资服务",
             "method": "电话", "content": String(repeating: "介绍创业担保贷款。", count: 20), "result": "已办结", "staff": "王芳"],
        ]
        let writer = try RegisterWorkbookWriter(path: path, register: .service, community: community, preparer: "王芳",
                                                today: Day(year: 2024, month: 12, day: 31)!, mask: false)
        for record in records { try writer.append(record) }
        #expect(try writer.finish() == 2)

        let file = try RegisterFile.read(try Data(contentsOf: URL(fileURLWithPath: path)), register: .service)
        let read = Array(file.records)
        #expect(read.count == 2)
        for (raw, expected) in zip(read, records) {
            for field in Register.service.fields {
                #expect((raw.fields[field.key] ?? "") == (expected[field.key] ?? ""), "\(field.key)")
            }
        }
        #expect(read.first?.line == 5) // Excel's row number, under the title, 填报 line and two header rows
    }
}
