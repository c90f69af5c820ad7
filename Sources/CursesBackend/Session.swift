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
            if code == ERR { return nil }
            guard code > 0xFF else {
                decoded = utf8.feed(UInt8(code)).compactMap(Self.event)
                continue
            }
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
