import CursesBackend
import TerminalUI

/// What the key loop needs of a terminal: keys in, frames out. The curses session is the real one; a test or the
/// bench plays a scripted clerk through the same loop.
public protocol AppTerminal: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// The next key, resize or paste, waiting at most `timeoutMs` (0: do not wait).
    func readKey(timeoutMs: Int32, pasteLimit: Int) -> InputEvent?
    /// Draws a frame.
    func flush(_ buffer: Buffer)
    /// The signal that asked the app to stop (SIGHUP, SIGTERM, SIGINT), if one came.
    var receivedSignal: Int32? { get }
}

extension CursesSession: AppTerminal {}
