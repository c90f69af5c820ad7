import Foundation

/// A TCP relay between the app and the PostgreSQL server that a test can cut: `cut()` drops every connection
/// and refuses new ones (as a server that went down, or a network that fell), `restore()` lets them through
/// again. Only the app's connections go through it; the test's own go to the server directly.
final class FaultProxy: @unchecked Sendable {
    private(set) var port = 0
    private let target: (host: String, port: Int)
    private let listener: Int32
    private let lock = NSLock()
    private var relayed: [Int32] = []
    private var down = false
    private var stopped = false

    init(toHost host: String, port targetPort: Int) throws {
        target = (host, targetPort)
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, Foundation.listen(listener, 64) == 0 else { throw TmuxTerminal.Failure(description: "the proxy could not listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Drops every relayed connection and refuses new ones until `restore()`.
    func cut() {
        lock.withLock {
            down = true
            for fd in relayed { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    func restore() { lock.withLock { down = false } }

    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            down = true
            for fd in relayed { shutdown(fd, Int32(SHUT_RDWR)) }
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            if lock.withLock({ down }) {
                close(client)
                continue
            }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: target.port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(server)
                continue
            }
            lock.withLock { relayed += [client, server] }
            let finished = Countdown(2) { [self] in
                lock.withLock { relayed.removeAll { $0 == client || $0 == server } }
                close(client)
                close(server)
            }
            Thread.detachNewThread { [self] in pump(from: client, to: server); finished.done() }
            Thread.detachNewThread { [self] in pump(from: server, to: client); finished.done() }
        }
    }

    /// Copies bytes one way until either side closes, then shuts both down (the other direction ends too).
    private func pump(from source: Int32, to sink: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        loop: while true {
            let count = read(source, &buffer, buffer.count)
            if count <= 0 { break }
            var sent = 0
            while sent < count {
                // send with MSG_NOSIGNAL: a peer gone must end the copy, not the test process (SIGPIPE).
                let n = buffer.withUnsafeBytes { send(sink, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { break loop }
                sent += n
            }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(sink, Int32(SHUT_RDWR))
    }
}

/// Runs `action` once `done()` was called `count` times.
private final class Countdown: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int
    private let action: () -> Void

    init(_ count: Int, action: @escaping () -> Void) {
        left = count
        self.action = action
    }

    func done() {
        let last = lock.withLock { left -= 1; return left == 0 }
        if last { action() }
    }
}
