/// Before a 自评 is submitted or a 初评 signed, every record of the community is judged again and its kept figures
/// (score contributions, problem counts) recomputed from its fields, as `check` does: the score then frozen or signed
/// rests on what the registers say, not on figures written around the app (a PostgreSQL login's SQL, an edited
/// file). When any had to be corrected, the step is refused once, so that the corrected score is looked at first;
/// the corrections are in the records' history (重算评分数据).
public enum FiguresRecounted {
    /// The refusal when `corrected` records' figures were corrected before `doing` (e.g. 提交自评).
    public static func refusal(corrected: Int, doing: String) -> String {
        "\(doing)前重新核对了各条记录：\(corrected)条记录的评分数据或问题计数与登记内容不符，已按登记内容更正"
            + "（评分数据的更正记入修改记录）。请重新查看得分后再\(doing)"
    }
}
