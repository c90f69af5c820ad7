import Foundation
import Testing
@testable import LedgerExchange

struct XMLScannerTests {
    func events(_ text: String) throws -> [XMLScanner.Event] {
        var scanner = XMLScanner(Array(text.utf8))
        var events: [XMLScanner.Event] = []
        while let event = try scanner.next() { events.append(event) }
        return events
    }

    func isMalformed(_ text: String) -> Bool {
        do { _ = try events(text); return false } catch { return error is XMLScanner.Malformed }
    }

    @Test func elementsAttributesAndTextInOrder() throws {
        let parsed = try events("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- written by a spreadsheet --><x:sheet xmlns:x="urn:x" r:id='rId7'><x:c r="B2" t="s"/><v>12</v></x:sheet>
            """)
        #expect(parsed == [.text("\n"), .start("sheet", [.init(name: "xmlns:x", value: "urn:x"), .init(name: "r:id", value: "rId7")]),
                           .start("c", [.init(name: "r", value: "B2"), .init(name: "t", value: "s")]), .end("c"),
                           .start("v", []), .text("12"), .end("v"), .end("sheet")])
    }

    @Test func entitiesCDATAAndLineBreaksDecode() throws {
        let parsed = try events("<t a=\"&quot;1&quot; &amp; 2\">&lt;张&gt; &#20108;&#x4E09; &apos;\r\n<![CDATA[<b>&amp;</b>]]>\r末</t>")
        #expect(parsed == [.start("t", [.init(name: "a", value: "\"1\" & 2")]), .text("<张> 二三 '\n"), .text("<b>&amp;</b>"), .text("\n末"), .end("t")])
    }

    @Test func aDoctypeWithAnInternalSubsetIsSkipped() throws {
        #expect(try events("<!DOCTYPE r [<!ENTITY e \"x\">]><r/>") == [.start("r", []), .end("r")])
    }

    @Test func damageIsReportedNotGuessed() {
        #expect(isMalformed("<a><b></a></b>"))          // tags closed out of order
        #expect(isMalformed("<a><b></b>"))              // never closed
        #expect(isMalformed("<a>x</a></a>"))            // closed twice
        #expect(isMalformed("<a x=1/>"))                // unquoted attribute
        #expect(isMalformed("<a x=\"1/>"))              // unterminated attribute
        #expect(isMalformed("<a>&nbsp;</a>"))           // entity XML does not define
        #expect(isMalformed("<a>&#0;</a>"))             // no such character
        #expect(isMalformed("<a>&#xD800;</a>"))         // a surrogate is not a character
        #expect(isMalformed("<a>&amp</a>"))             // entity without its semicolon
        #expect(isMalformed("<a><![CDATA[open</a>"))    // unterminated CDATA
        #expect(isMalformed("<a><!-- open</a>"))        // unterminated comment
        #expect(isMalformed("<a"))                      // cut off inside a tag
        #expect(isMalformed("<a></"))
        #expect(isMalformed("<>"))
        var invalid = Array("<a>".utf8)
        invalid += [0xE5, 0xBC]                          // a UTF-8 sequence cut short
        invalid += Array("</a>".utf8)
        var scanner = XMLScanner(invalid)
        #expect(throws: XMLScanner.Malformed.self) { while try scanner.next() != nil {} }
    }

    /// Every prefix of a document is either read whole or refused, never a crash (the reader indexes bytes by hand).
    @Test func everyCutOfADocumentIsHandled() throws {
        let document = Array("<?xml version=\"1.0\"?><s><si><t xml:space=\"preserve\">甲 &amp; 乙</t></si><!--c--><si><t><![CDATA[丙]]></t></si></s>".utf8)
        var refused = 0
        for cut in 0..<document.count {
            var scanner = XMLScanner(Array(document[..<cut]))
            do { while try scanner.next() != nil {} } catch { refused += 1 }
        }
        #expect(refused > document.count / 2)
        var whole = XMLScanner(document)
        var texts: [String] = []
        while let event = try whole.next() { if case .text(let t) = event { texts.append(t) } }
        #expect(texts == ["甲 & 乙", "丙"])
    }
}
