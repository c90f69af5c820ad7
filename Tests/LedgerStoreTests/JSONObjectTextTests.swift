import Foundation
import LedgerStore
import Testing

/// The hand-written JSON objects read back as the same dictionaries by a real JSON parser, whatever the text holds.
struct JSONObjectTextTests {
    @Test func textObjectsRoundTripThroughAJSONParser() throws {
        let object = ["name": "张\"三\\", "remarks": "第一行\n第二行\t\r\u{1}结束", "empty": "", "phone": "13912345678"]
        let text = JSONObjectText.encode(object)
        #expect(text.hasPrefix(#"{"empty":"","name":"张\"三\\","phone""#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(parsed == object)
        #expect(JSONObjectText.encode([String: String]()) == "{}")
    }

    @Test func numberObjectsAreInKeyOrder() throws {
        #expect(JSONObjectText.encode(["b": 2, "a": -1, "c": 0]) == #"{"a":-1,"b":2,"c":0}"#)
    }
}
