import LedgerCore
import TerminalUI

/// The records behind a score item or a plan step, as the score detail and the plan list them: a title with what
/// Enter does, a header, and one line per record (its number of services in the period where the store gave it).
enum EvidenceList {
    static func draw(_ evidence: (title: String, register: Register, rows: [RegisterRow]), list: ListState, enterDoes: String,
                     servicesHeader: String, rows visibleRows: Int, in rect: Rect, into buffer: inout Buffer) {
        let x = rect.x + 1, width = rect.width - 2
        buffer.put("\(evidence.title)（共列出\(evidence.rows.count)条，\(enterDoes)）", x: x, y: rect.y, style: .title, maxWidth: width)
        if evidence.rows.isEmpty { buffer.put("（没有相关记录）", x: x, y: rect.y + 2, style: .muted); return }
        let showsServices = evidence.rows.contains { $0.servicesInPeriod != nil }
        let header = DisplayWidth.column("编号", 8) + DisplayWidth.column("姓名 / 名称", 14) + DisplayWidth.column("公民身份号码 / 类型", 20)
            + (showsServices ? DisplayWidth.column(servicesHeader, 10) : "") + "状态 / 日期"
        buffer.put(header, x: x, y: rect.y + 1, style: .hint, maxWidth: width)
        let lines = evidence.rows.map { row -> String in
            let name = row.fields["name"] ?? row.fields["title"] ?? ""
            let id = row.fields["id_number"].map(ResidentID.masked) ?? row.fields["kind"] ?? ""
            let services = showsServices ? DisplayWidth.column(row.servicesInPeriod.map { "\($0)次" } ?? "", 10) : ""
            return DisplayWidth.column(String(row.id), 8) + DisplayWidth.column(name, 14) + DisplayWidth.column(id, 20) + services
                + (row.fields["status"] ?? row.fields["date"] ?? "")
        }
        ListView.draw(lines, state: list, in: Rect(x: x, y: rect.y + 2, width: width, height: visibleRows), into: &buffer)
    }
}
