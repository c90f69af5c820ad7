#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/ncurses.h>

// Swift cannot import C globals such as stdscr or function-like macros; expose them as functions.
static inline WINDOW *cy_stdscr(void) { return stdscr; }
static inline int cy_key_f(int n) { return KEY_F(n); }
static inline int cy_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cy_lines(void) { return LINES; }
static inline int cy_cols(void) { return COLS; }
#endif
