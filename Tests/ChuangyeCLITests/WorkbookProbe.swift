import Foundation
import Testing

/// Reads an exported workbook back with openpyxl and converts it with LibreOffice: two real clients, neither of
/// them ours. Both are installed by `.ci/run`; when one is missing the test fails (a skipped check proves nothing).
enum WorkbookProbe {
    struct Sheet {
        let json: [String: Any]
        var title: String { json["title"] as? String ?? "" }
        var merged: [String] { json["merged"] as? [String] ?? [] }
        var freeze: String? { json["freeze"] as? String }
        var printTitleRows: String? { json["print_title_rows"] as? String }
        var printTitleColumns: String? { json["print_title_cols"] as? String }
        /// Print scale in percent (nil: Excel's default, 100).
        var scale: Int? { json["scale"] as? Int }
        /// Zero-based columns a manual page break comes before.
        var columnBreaks: [Int] { json["col_breaks"] as? [Int] ?? [] }
        var orientation: String? { json["orientation"] as? String }
        var paper: Int? { json["paper"] as? Int }
        var fitWidth: Int? { json["fit_width"] as? Int }
        var fitHeight: Int? { json["fit_height"] as? Int }
        var fitToPage: Bool? { json["fit_to_page"] as? Bool }
        var footer: String? { json["footer"] as? String }
        var autofilter: String? { json["autofilter"] as? String }
        var widths: [String: Double] { json["widths"] as? [String: Double] ?? [:] }
        /// Rows of cells: (value, openpyxl data type `s`/`n`/`d`, number format, whether the text wraps).
        var rows: [[Cell]] {
            (json["rows"] as? [[[Any]]] ?? []).map {
                $0.map { Cell(value: $0[0], type: $0[1] as? String ?? "", format: $0[2] as? String ?? "", wraps: $0[3] as? Bool ?? false) }
            }
        }
        /// The text of a cell (`A1` style reference through row and column index, 0-based).
        func text(_ row: Int, _ column: Int) -> String? {
            let r = rows
            guard r.indices.contains(row), r[row].indices.contains(column) else { return nil }
            return r[row][column].text
        }
    }

    struct Cell {
        let value: Any
        let type: String
        let format: String
        /// The text wraps within the cell (it never runs over the next cells or the page's edge).
        let wraps: Bool
        var text: String? {
            switch value {
            case let s as String: s
            case let n as NSNumber: n.stringValue
            default: nil
            }
        }
    }

    static let script = """
    import json, sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if hasattr(v, 'date') and callable(v.date):
                    v = v.date().isoformat()
                elif hasattr(v, 'isoformat'):
                    v = v.isoformat()
                cells.append([v, c.data_type, c.number_format, bool(c.alignment.wrap_text)])
            rows.append(cells)
        ps = ws.page_setup
        pr = ws.sheet_properties.pageSetUpPr
        out.append({
            "title": ws.title,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "print_title_rows": ws.print_title_rows,
            "print_title_cols": ws.print_title_cols,
            "scale": int(ps.scale) if ps.scale is not None else None,
            "col_breaks": [b.id for b in ws.col_breaks.brk],
            "orientation": ps.orientation,
            "paper": int(ps.paperSize) if ps.paperSize is not None else None,
            # An absent fitToWidth / fitToHeight means Excel's default, 1.
            "fit_width": int(ps.fitToWidth) if ps.fitToWidth is not None else 1,
            "fit_height": int(ps.fitToHeight) if ps.fitToHeight is not None else 1,
            "fit_to_page": bool(pr.fitToPage) if pr is not None and pr.fitToPage is not None else None,
            "footer": ws.oddFooter.center.text,
            "autofilter": ws.auto_filter.ref,
            "widths": {k: float(d.width) for k, d in ws.column_dimensions.items() if d.width},
            "rows": rows,
        })
    print(json.dumps(out, ensure_ascii=False))
    """

    /// Every sheet of the workbook as openpyxl sees it.
    static func read(_ path: String) throws -> [Sheet] {
        let result = try run("/usr/bin/env", ["python3", "-c", script, path])
        #expect(result.status == 0, "openpyxl 读取失败（.ci/run 会安装 openpyxl）：\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return json.map(Sheet.init)
    }

    /// Converts the workbook to PDF with LibreOffice headless; returns the PDF's path.
    static func convertToPDF(_ path: String, in dir: URL) throws -> String {
        // A profile of its own, so concurrent conversions never share LibreOffice's user installation.
        let profile = dir.appendingPathComponent("lo-profile").path
        let result = try run("/usr/bin/env", ["soffice", "-env:UserInstallation=file://\(profile)", "--headless",
                                              "--convert-to", "pdf", "--outdir", dir.path, path])
        #expect(result.status == 0, "LibreOffice 转换失败：\(result.stderr)")
        let pdf = dir.appendingPathComponent(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".pdf").path
        #expect(FileManager.default.fileExists(atPath: pdf), "LibreOffice 没有生成PDF：\(result.stdout) \(result.stderr)")
        return pdf
    }

    /// Page count of a PDF, from poppler's pdfinfo.
    static func pages(_ pdf: String) throws -> Int? {
        let info = try run("/usr/bin/env", ["pdfinfo", pdf])
        let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        return line.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        process.environment = env
        // stderr goes to a file, so a large stdout and a chatty stderr can never block each other on full pipes.
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).err").path
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
