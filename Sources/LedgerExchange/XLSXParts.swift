import Foundation
import ZIPFoundation

/// The parts of a workbook's zip, inflated within limits: the size a zip declares for an entry can lie, so bytes
/// are counted as they come out of the inflater and the part is refused as soon as it passes its limit.
struct Parts {
    let archive: Archive

    /// A regular file entry; a symlink entry would be read whole at its declared size, so it does not count.
    func entry(_ path: String) throws -> Entry? {
        guard let entry = archive[path] else { return nil }
        guard entry.type == .file else {
            throw XLSXReader.Failure(message: "Excel文件中的“\(path)”不是普通文件，文件可能已损坏")
        }
        return entry
    }

    /// A whole part, or nil when the workbook has none; refused past `limit` bytes.
    func inflate(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let entry = try entry(path) else { return nil }
        var content: [UInt8] = []
        content.reserveCapacity(min(Int(clamping: entry.uncompressedSize), limit))
        try extract(entry, path: path) { chunk in
            guard content.count + chunk.count <= limit else {
                throw XLSXReader.Failure(message: "Excel文件中的“\(path)”解压后超过\(XLSXLimits.megabytes(limit))，超出可读取的范围；请分成几个文件导入或另存为CSV")
            }
            content.append(contentsOf: chunk)
        }
        return content
    }

    /// Hands a worksheet to `consume` in pieces cut just after an element that ends a row, so that no more than
    /// one piece (and the unfinished row after it) is held at once; the last call has `last` true.
    ///
    /// A cut is made after `</row>` (any prefix). That text inside a CDATA section would cut it in two, which the
    /// scanner then reports as damage; Excel and WPS never write CDATA in a sheet.
    func stream(_ entry: Entry, limits: XLSXLimits, consume: ([UInt8], _ last: Bool) throws -> Void) throws {
        var pending: [UInt8] = []
        var total = 0
        try extract(entry, path: entry.path, bufferSize: 64 << 10) { chunk in
            total += chunk.count
            guard total <= limits.sheetBytes else {
                throw XLSXReader.Failure(message: "Excel工作表解压后超过\(XLSXLimits.megabytes(limits.sheetBytes))，超出可读取的范围；请分成几个文件导入或另存为CSV")
            }
            // Rows ending in earlier bytes were already cut off, so only the new bytes (and the few before them
            // that may start the marker) need a look.
            let searchFrom = max(0, pending.count - 8)
            pending.append(contentsOf: chunk)
            if let cut = Self.lastRowEnd(in: pending, from: searchFrom) {
                let piece = Array(pending[..<cut])
                pending.removeSubrange(..<cut)
                try consume(piece, false)
            } else if pending.count > limits.pieceBytes {
                throw XLSXReader.Failure(message: "Excel工作表中有一行超过\(XLSXLimits.megabytes(limits.pieceBytes))，超出可读取的范围，文件可能已损坏")
            }
        }
        try consume(pending, true)
    }

    /// The index just after the last `row>` that closes an end tag (`</row>` or `</x:row>`), searching from `start`.
    static func lastRowEnd(in bytes: [UInt8], from start: Int) -> Int? {
        let marker: [UInt8] = Array("row>".utf8)
        var i = bytes.count - marker.count
        while i >= start && i >= 1 {
            if bytes[i] == marker[0] && bytes[i + 1] == marker[1] && bytes[i + 2] == marker[2] && bytes[i + 3] == marker[3]
                && (bytes[i - 1] == UInt8(ascii: "/") || bytes[i - 1] == UInt8(ascii: ":")) {
                return i + marker.count
            }
            i -= 1
        }
        return nil
    }

    private func extract(_ entry: Entry, path: String, bufferSize: Int = defaultReadChunkSize,
                         _ consumer: (Data) throws -> Void) throws {
        do {
            _ = try archive.extract(entry, bufferSize: bufferSize, consumer: consumer)
        } catch let failure as XLSXReader.Failure {
            throw failure
        } catch {
            throw XLSXReader.Failure(message: "Excel文件中的“\(path)”无法解压，文件可能已损坏")
        }
    }
}
