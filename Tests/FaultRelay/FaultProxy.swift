import Foundation

/// A TCP relay between the app and the PostgreSQL server that a test can cut: `cut()` drops every connection
/// and refuses new ones (as a server that went down, or a network that fell), `restore()` lets them through
/// again; `drop(afterSending:)` drops them just after a given statement reached the server, before its answer
/// came back. Only the app's connections go through it; the test's own go to the server directly.
public final class FaultProxy: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var port = 0
    private let target: (host: String, port: Int)
    private let listener: Int32
    private let lock = NSLock()
    private var relayed: [Int32] = []
    private var down = false
    private var stopped = false
    /// Armed by `drop(afterSending:refusingNew:)`: the bytes to look for in what the app sends.
    private var dropAfter: (marker: [UInt8], refusingNew: Bool)?

    public init(toHost host: String, port targetPort: Int) throws {
        target = (host, targetPort)
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, Foundation.listen(listener, 64) == 0 else { throw Failure(description: "the proxy could not listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Once the app has sent a message containing `statement` (its text as sent, e.g. `COMMIT`), the message is
    /// delivered to the server and then every relayed connection is dropped before an answer can come back: the
    /// server acts on it, the app never hears. `refusingNew`: new connections are refused too, until `restore()`.
    public func drop(afterSending statement: String, refusingNew: Bool) {
        lock.withLock { dropAfter = (Array(statement.utf8) + [0], refusingNew) }
    }

    /// Drops every relayed connection and refuses new ones until `restore()`.
    public func cut() {
        lock.withLock {
            down = true
            for fd in relayed { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    public func restore() { lock.withLock { down = false } }

    public func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            down = true
            for fd in relayed { shutdown(fd, Int32(SHUT_RDWR)) }
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func dropIfArmed(sent: ArraySlice<UInt8>) {
        lock.withLock {
            guard let armed = dropAfter, Self.contains(sent, armed.marker) else { return }
            dropAfter = nil
            if armed.refusingNew { down = true }
            for fd in relayed { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ marker: [UInt8]) -> Bool {
        guard bytes.count >= marker.count else { return false }
        return bytes.indices.dropLast(marker.count - 1).contains { bytes[$0..<$0 + marker.count].elementsEqual(marker) }
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
            Thread.detachNewThread { [self] in pump(from: client, to: server, watching: true); finished.done() }
            Thread.detachNewThread { [self] in pump(from: server, to: client); finished.done() }
        }
    }

    /// Copies bytes one way until either side closes, then shuts both down (the other direction ends too).
    /// `watching`: the app's direction, where an armed `drop(afterSending:)` looks for its statement.
    private func pump(from source: Int32, to sink: Int32, watching: Bool = false) {
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
            if watching { dropIfArmed(sent: buffer[0..<count]) }
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
