import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A whole file read into one byte array with room for one more byte (the line break a CSV reader may add), so
/// the bytes are not copied again on their way to the parser: a 10,000-row register is a few MB, and every copy
/// is fresh memory the kernel has to fault in.
public enum FileBytes {
    public struct Failure: Error, Sendable { public let message: String }

    /// The file's bytes; a file larger than `limit` is refused before it is read (and a pipe once past it).
    public static func read(_ path: String, limit: Int = .max) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw failure(path, errno) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw failure(path, EISDIR) }
        let size = Int(status.st_size)
        guard size <= limit else { throw tooLarge(path, limit) }
        var readError: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            while count < size {
                let n = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                if n > 0 { count += n } else if n == 0 { return } else if errno != EINTR { readError = errno; return }
            }
        }
        // Whatever lies past the size seen at open (a file still being written, a pipe).
        var more = [UInt8](repeating: 0, count: 4096)
        while readError == 0 {
            let n = Glibc.read(fd, &more, more.count)
            if n > 0 { bytes.append(contentsOf: more[..<n]) } else if n == 0 { break } else if errno != EINTR { readError = errno }
            if bytes.count > limit { throw tooLarge(path, limit) }
        }
        guard readError == 0 else { throw failure(path, readError) }
        return bytes
    }

    static func tooLarge(_ path: String, _ limit: Int) -> Failure {
        Failure(message: "文件 \(path) 过大（超过\(limit >> 20) MB），超出一次导入的上限；请分成几个文件导入")
    }

    static func failure(_ path: String, _ code: Int32) -> Failure {
        let reason: String
        switch code {
        case ENOENT: reason = "文件不存在"
        case EACCES, EPERM: reason = "没有读取权限"
        case EISDIR: reason = "这是一个目录，不是文件"
        default: reason = String(cString: strerror(code))
        }
        return Failure(message: "无法读取文件 \(path)：\(reason)")
    }
}
