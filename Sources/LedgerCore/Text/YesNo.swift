/// The spellings a yes/no field takes: 是/否, and y/n, Y/N, 1/0 for clerks who keep to the ASCII keys.
///
/// Nothing else goes in: a register cell reading 有, √ or 合格 may mean something else to whoever wrote it, so it
/// is refused with a message rather than guessed.
public enum YesNo {
    /// The answer, or nil when the text is none of the accepted spellings (full-width forms count as ASCII).
    public static func parse(_ raw: String) -> Bool? {
        switch Normalize.halfWidth(raw).trimmingSpaces() {
        case "是", "y", "Y", "1": true
        case "否", "n", "N", "0": false
        default: nil
        }
    }

    /// What to say when a yes/no field holds something else.
    public static func message(label: String, text: String) -> String {
        "\(label)“\(text)”应为“是”或“否”（也可输入 y/n 或 1/0）"
    }
}
