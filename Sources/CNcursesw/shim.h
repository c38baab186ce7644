#ifndef CAREKIOSK_CNCURSESW_SHIM_H
#define CAREKIOSK_CNCURSESW_SHIM_H

/* Wide-character ncurses: cchar_t, mvadd_wch, get_wch. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros Swift cannot call, wrapped as inline functions. */
static inline int kiosk_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int kiosk_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline attr_t kiosk_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t kiosk_a_bold(void) { return A_BOLD; }
static inline attr_t kiosk_a_normal(void) { return A_NORMAL; }
static inline int kiosk_colors(void) { return COLORS; }
static inline int kiosk_key_resize(void) { return KEY_RESIZE; }
static inline int kiosk_key_mouse(void) { return KEY_MOUSE; }
static inline int kiosk_key_enter(void) { return KEY_ENTER; }
static inline int kiosk_key_backspace(void) { return KEY_BACKSPACE; }
static inline int kiosk_key_up(void) { return KEY_UP; }
static inline int kiosk_key_down(void) { return KEY_DOWN; }
static inline int kiosk_key_f(int n) { return KEY_F(n); }
static inline int kiosk_key_a1(void) { return KEY_A1; }
static inline int kiosk_key_a3(void) { return KEY_A3; }
static inline int kiosk_key_b2(void) { return KEY_B2; }
static inline int kiosk_key_c1(void) { return KEY_C1; }
static inline int kiosk_key_c3(void) { return KEY_C3; }
static inline int kiosk_key_code_yes(void) { return KEY_CODE_YES; }
static inline mmask_t kiosk_button1_events(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline mmask_t kiosk_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t kiosk_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t kiosk_button1_released(void) { return BUTTON1_RELEASED; }

/* A terminfo string capability, or NULL when the terminal has none. */
static inline const char *kiosk_tigetstr(const char *name) {
    char *value = tigetstr((char *)name);
    return value == (char *)-1 ? NULL : value;
}

/* Draws one character (a grapheme's first scalar plus combining marks) with attributes and a colour pair. */
static inline int kiosk_put_char(WINDOW *w, int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cc;
    setcchar(&cc, wch, attrs, pair, NULL);
    return mvwadd_wch(w, y, x, &cc);
}

#endif
