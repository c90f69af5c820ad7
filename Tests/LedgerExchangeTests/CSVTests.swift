import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerExchange

struct CSVReaderTests {
    @Test func quotedFieldsDoubledQuotesAndLineBreaks() throws {
        let rows = try CSVReader.parse("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
        #expect(rows == [["a", "b", "c"], ["x,1", "say \"hi\"", "two\nlines"]])
    }

    @Test func lfOnlyAndMissingFinalNewline() throws {
        #expect(try CSVReader.parse("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try CSVReader.parse("a,b\n\n1,2\n\n") == [["a", "b"], ["1", "2"]])
    }

    @Test func unterminatedQuoteIsReportedWithItsRow() {
        #expect(throws: CSVReader.Failure(row: 2, message: "第2行：引号没有闭合，文件可能不完整")) {
            try CSVReader.parse("a,b\n\"open,2\n")
        }
    }

    @Test func strayQuoteIsReported() {
        #expect(throws: CSVReader.Failure.self) { try CSVReader.parse("a,b\nx\"y,2\n") }
    }

    /// The reader hands out byte ranges instead of copying byte by byte: it must read exactly what the plain
    /// state machine reads, records and errors alike.
    @Test func agreesWithTheReferenceStateMachineOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "张", ",", "\n", "\r\n", "\r", "\"", "\"\"", " ", "\u{3000}", "", "x,\"y\"", "\"\n\""]
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...25, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            switch (Result { try CSVReader.parse(text) }, Result { try ReferenceCSV.parse(text) }) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text.debugDescription)")
            case (.failure(let a), .failure(let b)): #expect(a as? CSVReader.Failure == b as? CSVReader.Failure, "\(text.debugDescription)")
            default: Issue.record("reader and reference differ for \(text.debugDescription)")
            }
        }
    }

    /// The structural pass reads shapes, the import reads fields: both must see the same records.
    @Test func shapesAgreeWithParsedRecordsOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "张", ",", "\n", "\r\n", "\"", "\"\"", " ", "\u{3000}", ""]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...25, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var parsed = CSVReader(text)
            var shaped = CSVReader(text)
            while true {
                let record = Result { try parsed.next() }
                let shape = Result { try shaped.nextShape(limit: 2) }
                switch (record, shape) {
                case (.success(let r?), .success(let s?)):
                    #expect(r.count == s.fields, "\(text.debugDescription)")
                    #expect(r.dropFirst(2).contains { !$0.trimmingSpaces().isEmpty } == s.textBeyondLimit, "\(text.debugDescription)")
                    #expect(parsed.recordNumber == shaped.recordNumber)
                    continue
                case (.success(nil), .success(nil)): break
                case (.failure(let a), .failure(let b)): #expect(a as? CSVReader.Failure == b as? CSVReader.Failure)
                default: Issue.record("records and shapes differ for \(text.debugDescription)")
                }
                break
            }
        }
    }
}

struct DecodingTests {
    /// The file's text and encoding, as an import decodes it.
    private func decode(_ bytes: [UInt8]) throws -> (text: String, encoding: TextEncoding) {
        var bytes = bytes
        let encoding = try TextDecoding.toUTF8(&bytes)
        return (String(decoding: bytes, as: UTF8.self), encoding)
    }

    @Test func detectsUTF8WithAndWithoutBOM() throws {
        #expect(try decode(Array("姓名".utf8)).encoding == .utf8)
        let bom = try decode([0xEF, 0xBB, 0xBF] + Array("姓名".utf8))
        #expect(bom.text == "姓名" && bom.encoding == .utf8BOM)
    }

    @Test func decodesGB18030() throws {
        // 姓名,张三 in GB18030 (GBK range): D0D5 C3FB 2C D5C5 C8FD
        let bytes: [UInt8] = [0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xD5, 0xC5, 0xC8, 0xFD]
        let decoded = try decode(bytes)
        #expect(decoded.text == "姓名,张三" && decoded.encoding == .gb18030)
    }

    @Test func invalidBytesGiveAChineseMessage() {
        #expect { try decode([0xFF, 0xFF, 0xFF, 0x80]) } throws: {
            ($0 as? TextDecoding.Failure)?.message.contains("编码无法识别") == true
        }
        #expect { try decode([0xEF, 0xBB, 0xBF, 0xC3]) } throws: {
            ($0 as? TextDecoding.Failure)?.message.contains("无效的UTF-8") == true
        }
    }
}

struct RegisterFileTests {
    @Test func headersMayBeChineseOrKeysInAnyOrder() throws {
        let text = "content,id_number,服务方式,序号,服务类型,备用列,服务日期,姓名\n讲解政策,630102199003070116,窗口,1,政策咨询,x,2024-04-01,张三\n"
        let file = try RegisterFile.read(Data(text.utf8), register: .service)
        #expect(Array(file.records) == [RawRecord(line: 2, fields: ["content": "讲解政策", "id_number": "630102199003070116", "method": "窗口",
                                                             "service_type": "政策咨询", "service_date": "2024-04-01", "name": "张三"])])
        #expect(file.ignoredColumns == ["备用列"])
    }

    @Test func missingRequiredColumnsAreListed() {
        #expect { try RegisterFile.read(Data("姓名\n张三\n".utf8), register: .survey) } throws: {
            ($0 as? RegisterFile.Failure)?.messages.first?.contains("缺少必填列：公民身份号码、文化程度") == true
        }
    }

    /// A clerk's own headers (名字, 身份证) are named as not understood, beside what is missing (a service's 姓名 is
    /// taken from the survey, so it is not required).
    @Test func columnsNotUnderstoodAreNamedBesideTheMissingOnes() {
        #expect { try RegisterFile.read(Data("名字,身份证,服务日期\n张三,630102199003070116,2024-04-01\n".utf8), register: .service) } throws: {
            ($0 as? RegisterFile.Failure)?.messages == [
                "缺少必填列：公民身份号码、服务类型、服务方式、服务内容（创业服务统计台账）",
                "未识别的列：名字、身份证（列名应与台账表头一致，可先导出一份台账作为模板）",
            ]
        }
    }

    /// The form's 服务对象 is two columns in a file: said when a file uses the form's label.
    @Test func theFormsServicePersonLabelIsExplained() {
        #expect { try RegisterFile.read(Data("服务日期,服务对象,服务类型,服务方式,服务内容\n2024-04-01,张三,政策咨询,窗口,讲解\n".utf8), register: .service) } throws: {
            ($0 as? RegisterFile.Failure)?.messages == [
                "缺少必填列：公民身份号码（创业服务统计台账）",
                "未识别的列：服务对象（列名应与台账表头一致，可先导出一份台账作为模板）",
                "“服务对象”在文件中写成两列：“姓名”和“公民身份号码”（与摸底台账中的一致）",
            ]
        }
    }

    @Test func extraCellsAreAnError() {
        #expect(throws: RegisterFile.Failure.self) {
            try RegisterFile.read(Data("姓名,公民身份号码\n张三,1,2\n".utf8), register: .service)
        }
    }

    @Test func writerProtectsNumbersAndRoundTrips() throws {
        let writer = CSVWriter(register: .service, mask: false)
        let fields = ["service_date": "2024-04-01", "id_number": "63010219880412022X", "name": "张三", "service_type": "政策咨询",
                      "method": "窗口", "content": "说明,\"补贴\"\n第二行", "staff": "王芳", "remarks": "=1+1"]
        let text = writer.header + writer.line(fields)
        #expect(text.hasPrefix("\u{FEFF}服务日期,公民身份号码,姓名"))
        #expect(text.contains("\t63010219880412022X"))
        let back = try RegisterFile.read(Data(text.utf8), register: .service)
        let trimmed = Array(back.records)[0].fields.mapValues { Normalize.optional($0) ?? "" }
        #expect(trimmed == fields)
    }

    /// The store keeps 行业门类 as the section's letter: the file says its name, as the workbook does, and an
    /// import reads the name back to the same letter.
    @Test func anIndustryIsWrittenByNameAndReadBack() throws {
        let writer = CSVWriter(register: .survey, mask: false)
        let line = writer.line(["name": "张三", "industry": "H"])
        #expect(line.split(separator: ",", omittingEmptySubsequences: false).contains("住宿和餐饮业"))
        #expect(!line.contains(",H,"))
        let back = try RegisterFile.read(Data((writer.header + line).utf8), register: .survey)
        #expect(Industry.parse(Array(back.records)[0].fields["industry"] ?? "") == .h)
        // A value that names no section is written as it is
        #expect(writer.line(["industry": "其他行业"]).contains("其他行业"))
    }

    @Test func maskHidesTheMiddleDigits() {
        let line = CSVWriter(register: .survey, mask: true).line(["id_number": "630102199003070116", "phone": "13912345678"])
        #expect(line.contains("630102********0116") && line.contains("139****5678"))
    }
}
