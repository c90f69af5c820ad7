#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file the program writes (exports, rejected rows, backups) is written through this: into a temporary file
/// of mode 0600 in the target's directory, synced, then linked into place. So a file appears whole or not at all,
/// is never readable by others, and nothing already there is replaced, unless the user confirmed an overwrite, and
/// then only an ordinary file of theirs (OutputTarget.swift has the rule).
public final class NewFile {
    public let path: String
    /// Where the content is written until `commit`: same directory, so the final link or rename cannot cross devices.
    public let temporaryPath: String
    /// The file the user confirmed to replace; nil when the file is created new.
    private let replacing: FileIdentity?
    private var descriptor: Int32
    private var finished = false

    /// Checks `target` and creates the temporary file. Throws `OutputRefused` with a Chinese message.
    public init(_ target: OutputTarget) throws {
        replacing = try target.check()
        path = target.path
        let directory = target.directory
        let base = String(target.fileName.prefix(64))
        var attempt = 0
        while true {
            let candidate = directory + "/." + base + "." + String(UInt32.random(in: 0...UInt32.max), radix: 36) + ".partial"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                // The mode argument is masked by the umask; 0600 must hold whatever the umask is.
                _ = fchmod(fd, target.mode)
                descriptor = fd
                temporaryPath = candidate
                return
            }
            let code = errno
            attempt += 1
            if code != EEXIST || attempt > 20 {
                throw OutputRefused("无法在 \(directory) 中创建\(target.what)：\(SystemError.reason(code))")
            }
        }
    }

    deinit { if !finished { discard() } }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    private func write(_ buffer: UnsafeRawBufferPointer) throws {
        guard var base = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            let n = systemWrite(descriptor, base, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputRefused("写入 \(path) 失败：\(SystemError.reason(errno))")
            }
            base += n
            left -= n
        }
    }

    /// Syncs the content and puts the file in place. A new file is hard-linked, which fails rather than replace
    /// anything that appeared meanwhile; a confirmed overwrite renames over the very file that was checked.
    /// `durable: false` skips the syncs, for a note that only matters while this process runs.
    public func commit(durable: Bool = true) throws {
        precondition(!finished, "NewFile committed twice")
        defer { discard() }
        guard !durable || fsync(descriptor) == 0 else { throw OutputRefused("写入 \(path) 失败：\(SystemError.reason(errno))") }
        if let replacing {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, FileIdentity(info) == replacing else {
                throw OutputRefused("\(path) 在写入期间被其他程序改动，未覆盖；请重试")
            }
            guard rename(temporaryPath, path) == 0 else { throw OutputRefused("无法写入 \(path)：\(SystemError.reason(errno))") }
        } else if link(temporaryPath, path) != 0 {
            let code = errno
            if code == EEXIST { throw OutputRefused("\(path) 已存在（刚被其他程序创建），未覆盖；请换一个文件名") }
            // Some file systems (FAT on a USB stick) have no hard links: rename after one more look, which leaves
            // a moment in which a file appearing there would be replaced.
            guard code == EPERM || code == EOPNOTSUPP || code == EMLINK else {
                throw OutputRefused("无法写入 \(path)：\(SystemError.reason(code))")
            }
            var info = stat()
            guard lstat(path, &info) != 0, errno == ENOENT else { throw OutputRefused("\(path) 已存在（刚被其他程序创建），未覆盖；请换一个文件名") }
            guard rename(temporaryPath, path) == 0 else { throw OutputRefused("无法写入 \(path)：\(SystemError.reason(errno))") }
        }
        if durable { syncDirectory() }
    }

    /// Removes the temporary file; the target is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
    }

    /// The new directory entry survives a power cut only once the directory itself is synced.
    private func syncDirectory() {
        let directory = open(OutputTarget.directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return }
        _ = fsync(directory)
        close(directory)
    }
}

/// `write(2)`, named apart from `NewFile.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

/// A refused or failed output, with the Chinese message for the user.
public struct OutputRefused: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
