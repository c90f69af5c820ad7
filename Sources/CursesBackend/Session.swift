import CNcursesw
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TerminalUI

/// The signal that asked us to stop (SIGHUP, SIGTERM, SIGINT), or 0. Set from the signal handler.
let pendingSignal = Atomic<Int32>(0)

/// A curses session: starts the terminal in raw wide-character mode and always restores it.
public final class CursesSession {
    private var previous: Buffer?
    private let useColor: Bool
    private var pairs: [Int: Int16] = [:]
    private var stopped = false
    /// A character whose first bytes were read and whose rest has not come yet.
    private var utf8 = UTF8Assembler()
    /// Keys decoded but not yet returned (one byte can end an invalid sequence and be a key of its own).
    private var decoded: [InputEvent] = []
    /// Bytes curses has returned since the last escape byte, function key or paste: while none of these comes,
    /// nothing waits in curses' own queue.
    private var plainRun = 0
    /// The text of a burst read in bulk (`readBurst`), kept while its run goes on.
    private var burst = TextBurst(limit: 0)

    /// Bytes in a row after which the rest of a burst is read from the terminal directly. Past this many, curses'
    /// own queue is empty: it holds at most one key sequence being matched, or the bytes `ungetch` gave back, which
    /// its queue caps at about 137.
    private static let burstAfter = 256
    /// Text read at once is passed on key by key when shorter than this, as it was typed (keys typed one by one, or
    /// a few grouped by a remote link, behave as keys): only a paste is this long. Text beyond the focused field's
    /// limit in an unbroken run is dropped either way: the field could not take it.
    private static let burstPasteFrom = 32
    /// Bytes read at a time in a burst: few enough that what follows an escape byte fits back into curses' queue.
    private static let burstChunk = 100
    /// Keys a burst reads ahead at most (a paste of a million newlines stays in the terminal until they are taken).
    private static let burstKeys = 64

    /// Starts curses. Call `setlocale(LC_ALL, "")` first (done here too) so UTF-8 input and output work.
    public init(colorAllowed: Bool) {
        setlocale(LC_ALL, "")
        // A blocked signal mask can be inherited (from a parent's worker thread): unblock what the app relies on,
        // or a closed terminal (SIGHUP) and resizes (SIGWINCH) would never arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGHUP, SIGTERM, SIGINT, SIGWINCH] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        initscr()
        raw()
        noecho()
        keypad(cy_stdscr(), true)
        set_escdelay(25)
        cy_timeout(250)
        cy_bracketed_paste(1)
        useColor = colorAllowed && has_colors()
        if useColor {
            start_color()
            use_default_colors()
        }
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig) { number in pendingSignal.store(number, ordering: .relaxed) }
        }
    }

    /// Restores the terminal. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        curs_set(1)
        cy_bracketed_paste(0)
        endwin()
    }

    deinit { stop() }

    /// The signal received since start, if any (the runtime saves and stops on it).
    public var receivedSignal: Int32? {
        let s = pendingSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    public var size: (width: Int, height: Int) { (Int(cy_cols()), Int(cy_lines())) }

    /// Reads the next key, waiting at most `timeoutMs` (negative: wait forever; 0: do not wait). A bracketed
    /// paste comes back whole as one event, cut to `pasteLimit` characters plus one (so that whoever inserts it
    /// sees that it was too long) while it is read. Characters are assembled from curses' bytes here
    /// (`UTF8Assembler`): one whose bytes are not all read yet waits for the next read instead of being lost.
    public func readKey(timeoutMs: Int32, pasteLimit: Int = 2_000) -> InputEvent? {
        if !decoded.isEmpty { return decoded.removeFirst() }
        cy_timeout(timeoutMs)
        while decoded.isEmpty {
            let code = cy_getch()
            if code == ERR {
                // No key, or no terminal: a terminal closed under a process that is not its session's (started
                // by `runuser`, `setsid`) gets no SIGHUP, and curses then answers at once, forever: the app spun.
                // A hung-up terminal stops the app as SIGHUP does (drafts saved).
                if Self.terminalHungUp() { pendingSignal.store(SIGHUP, ordering: .relaxed) }
                return nil
            }
            guard code > 0xFF else {
                let byte = UInt8(code)
                plainRun = byte == 0x1B ? 0 : plainRun + 1
                // In a form's field (the limit says one is focused), once curses' queue is surely empty, this byte
                // and whatever is ready after it are read as a burst.
                if plainRun > Self.burstAfter && pasteLimit > 0 {
                    readBurst(startingWith: byte, limit: pasteLimit)
                    continue
                }
                burst = TextBurst(limit: 0)
                decoded = utf8.feed(byte).compactMap(Self.event)
                continue
            }
            plainRun = 0
            burst = TextBurst(limit: 0)
            decoded = utf8.interrupt().compactMap(Self.event)
            if code == KEY_RESIZE {
                decoded.append(.resized(size.width, size.height))
            } else if code == cy_paste_key() {
                decoded.append(readPaste(limit: pasteLimit))
            } else if let key = KeyDecoding.functionKey(code) {
                decoded.append(.key(key))
            }
        }
        return decoded.removeFirst()
    }

    /// Whether the terminal on standard input has hung up (closed) or is not open: asked without waiting.
    private static func terminalHungUp() -> Bool {
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, 0) > 0 else { return false }
        return fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// A decoded character as a key (nil for the control characters that are none).
    private static func event(_ output: UTF8Assembler.Output) -> InputEvent? {
        switch output {
        case .scalar(let scalar): KeyDecoding.character(scalar.value).map(InputEvent.key)
        case .invalid: .key(.invalidInput)
        }
    }

    /// The body of a bracketed paste, read from the terminal in bulk up to its end marker. curses reads its input
    /// a byte at a time and has matched exactly the start marker, so nothing of the body sits in its queue.
    private func readPaste(limit: Int) -> InputEvent {
        var collector = PasteCollector(limit: limit == .max ? limit : limit + 1)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while !collector.finished {
            var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            // A paste arrives as one stream; a second of silence means its end marker was lost.
            let polled = poll(&ready, 1, 1_000)
            if polled < 0 && errno == EINTR { continue }
            guard polled > 0 else { break }
            let n = read(STDIN_FILENO, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            collector.feed(chunk[..<n])
        }
        // Keys typed right after the paste, read with it: back to curses, last byte first (it is a stack).
        for byte in collector.leftover.reversed() { _ = cy_unget_byte(Int32(byte)) }
        return .pasted(collector.text)
    }

    /// Reads `first` and the bytes ready after it from the terminal in bulk (a paste from a terminal without
    /// bracketed paste arrives faster than curses reads it): runs of printable characters as pastes (an unbroken run
    /// cut at the limit plus one, as a bracketed paste is), other characters as keys. Stops at an escape byte, which
    /// goes back to curses with what followed it, and after `burstKeys` keys (the rest stays in the terminal).
    private func readBurst(startingWith first: UInt8, limit: Int) {
        burst.limit = limit == .max ? limit : limit + 1
        _ = burst.feed([first], through: &utf8)
        var chunk = [UInt8](repeating: 0, count: Self.burstChunk)
        while decoded.count + burst.waiting < Self.burstKeys && Self.inputIsReady() {
            let n = read(STDIN_FILENO, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            if let escape = burst.feed(chunk[..<n], through: &utf8) {
                for byte in chunk[escape..<n].reversed() { _ = cy_unget_byte(Int32(byte)) }
                plainRun = 0
                break
            }
        }
        for piece in burst.take() {
            switch piece {
            case .text(let text) where text.unicodeScalars.count >= Self.burstPasteFrom: decoded.append(.pasted(text))
            case .text(let text): decoded += text.unicodeScalars.compactMap { Self.event(.scalar($0)) }
            case .other(let output): if let event = Self.event(output) { decoded.append(event) }
            }
        }
    }

    /// Whether a byte can be read from the terminal without waiting.
    private static func inputIsReady() -> Bool {
        var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, 0) > 0
    }

    /// Draws what changed since the last frame.
    public func flush(_ buffer: Buffer) {
        if previous?.width != buffer.width || previous?.height != buffer.height {
            cy_clear()
            previous = nil
        }
        // A changed row is rewritten whole: writing a narrow glyph over half of a wide one leaves ncurses'
        // own copy of the neighbouring cell wrong (seen in tmux: text under a closed dialog lost a character).
        for row in Set(buffer.changedSpans(since: previous).map(\.y)).sorted() {
            drawSpan(buffer, y: row, from: 0, to: buffer.width)
        }
        if let cursor = buffer.cursor {
            curs_set(1)
            cy_move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        cy_refresh()
        previous = buffer
    }

    private func drawSpan(_ buffer: Buffer, y: Int, from: Int, to: Int) {
        var x = from
        while x < to {
            let style = buffer[x, y].style
            var text = ""
            let start = x
            while x < to, buffer[x, y].style == style {
                if !buffer[x, y].isContinuation { text += buffer[x, y].glyph }
                x += 1
            }
            apply(style)
            cy_move(Int32(y), Int32(start))
            _ = text.withCString { cy_addstr($0) }
        }
        apply(.plain)
    }

    private func apply(_ style: Style) {
        var attrs = cy_a_normal()
        if style.bold { attrs |= cy_a_bold() }
        if style.reverse { attrs |= cy_a_reverse() }
        if style.underline { attrs |= cy_a_underline() }
        if style.dim { attrs |= cy_a_dim() }
        // Without colour, coloured text keeps its meaning through the attributes every style carries.
        if !useColor && (style.background != .normal) { attrs |= cy_a_reverse() }
        cy_attrset(attrs, useColor ? pair(style.foreground, style.background) : 0)
    }

    private func pair(_ fg: Color, _ bg: Color) -> Int16 {
        if fg == .normal && bg == .normal { return 0 }
        let key = fg.rawValue * 16 + bg.rawValue
        if let p = pairs[key] { return p }
        let p = Int16(pairs.count + 1)
        guard Int32(p) < cy_color_pairs() else { return 0 }
        init_pair(p, curses(fg), curses(bg))
        pairs[key] = p
        return p
    }

    private func curses(_ c: Color) -> Int16 {
        switch c {
        case .normal: -1
        case .black: Int16(COLOR_BLACK)
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        }
    }
}

/// What the terminal reported.
public enum InputEvent: Sendable, Equatable {
    case key(Key)
    case resized(Int, Int)
    /// A bracketed paste, already cut near the limit it was read with.
    case pasted(String)
}

/// Curses key codes to `Key`.
public enum KeyDecoding {
    public static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        default:
            if code >= cy_key_f(1) && code <= cy_key_f(12) { .function(Int(code - cy_key_f(0))) } else { nil }
        }
    }

    /// A character code: control characters become named keys.
    public static func character(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96) ?? "a"))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return .invalidInput }
            return .character(Character(scalar))
        }
    }
}
