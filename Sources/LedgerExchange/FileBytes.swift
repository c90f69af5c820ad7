import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A whole file read into one byte array with room for one more byte (the line break a CSV reader may add), so
/// the bytes are not copied again on their way to the parser: a 10,000-row register is a few MB, and every copy
/// is fresh memory the kernel has to fault in.
public enum FileBytes {
    public struct Failure: Error, Sendable { public let message: String }

    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw failure(path, errno) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw failure(path, EISDIR) }
        let size = Int(status.st_size)
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
        }
        guard readError == 0 else { throw failure(path, readError) }
        return bytes
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
