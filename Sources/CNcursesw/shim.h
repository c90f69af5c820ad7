#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <errno.h>
#include <ncursesw/ncurses.h>

// Swift cannot import C globals such as stdscr or function-like macros; expose them as functions.
static inline WINDOW *cy_stdscr(void) { return stdscr; }
static inline int cy_key_f(int n) { return KEY_F(n); }
static inline int cy_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cy_lines(void) { return LINES; }
static inline int cy_cols(void) { return COLS; }
static inline int cy_color_pairs(void) { return COLOR_PAIRS; }
static inline int cy_errno(void) { return errno; }
static inline attr_t cy_a_bold(void) { return A_BOLD; }
static inline attr_t cy_a_reverse(void) { return A_REVERSE; }
static inline attr_t cy_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cy_a_dim(void) { return A_DIM; }
static inline attr_t cy_a_normal(void) { return A_NORMAL; }
static inline int cy_move(int y, int x) { return wmove(stdscr, y, x); }
static inline int cy_addstr(const char *s) { return waddnstr(stdscr, s, -1); }
static inline int cy_attrset(attr_t a, short pair) { return wattr_set(stdscr, a, pair, NULL); }
static inline int cy_getch(void) { return wgetch(stdscr); }
static inline void cy_timeout(int ms) { wtimeout(stdscr, ms); }
#include <unistd.h>
// Bracketed paste (xterm mode 2004): the terminal wraps a paste in ESC[200~ … ESC[201~. The start marker is made a
// key of its own, so the backend reads the paste's body in bulk instead of as a million keys.
static inline int cy_paste_key(void) { return KEY_MAX + 1; }
static inline void cy_bracketed_paste(int on) {
    const char *mode = on ? "\033[?2004h" : "\033[?2004l";
    fflush(stdout);
    (void)!write(STDOUT_FILENO, mode, 8);
    if (on) define_key("\033[200~", KEY_MAX + 1);
}
static inline int cy_unget_byte(int byte) { return ungetch(byte); }
static inline int cy_refresh(void) { return wrefresh(stdscr); }
static inline int cy_clear(void) { return wclear(stdscr); }
#endif
