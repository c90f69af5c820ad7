/// A reason or a note a person writes for the record (改分理由, 抽查说明, 解锁理由, 删除理由, 确认警告的理由): one
/// bound for all of them, so that the app's dialogs take what the store keeps, and a command line (or a paste)
/// cannot store a page where a sentence is meant.
public enum WrittenReason {
    public static let longest = 200

    /// Why `text` is refused as `what` (`说明`, `改分理由`): nil within the bound, or when there is none.
    public static func refusal(_ text: String?, _ what: String) -> String? {
        guard let text, text.count > longest else { return nil }
        return "\(what)最多\(longest)个字，现有\(text.count)个字：请精简后再记录"
    }
}
