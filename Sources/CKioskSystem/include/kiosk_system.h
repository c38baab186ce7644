#ifndef CAREKIOSK_KIOSK_SYSTEM_H
#define CAREKIOSK_KIOSK_SYSTEM_H

/* The few things CareKiosk needs from Linux that Swift cannot do safely or at all: a rename that
   never replaces, no core dumps, and signal handlers that stay within what POSIX allows inside a
   handler (write, tcsetattr, signal, raise and a sig_atomic_t flag). */

#include <termios.h>

/* Renames, failing with EEXIST instead of replacing a file (or a planted symlink) at `to`. On a
   file system that refuses the flag it fails with EINVAL; the caller then decides. */
int kiosk_rename_noreplace(const char *from, const char *to);

/* RLIMIT_CORE 0 and PR_SET_DUMPABLE 0: no core file, no ptrace or /proc/PID/mem by other processes
   of the same user. Returns 0 when both took effect. */
int kiosk_forbid_core_dumps(void);
int kiosk_is_dumpable(void);

/* SEGV, BUS, ILL, TRAP, ABRT, FPE: put the terminal back (when armed) and die of the same signal
   at once, without the runtime's backtracer waiting on a resident's screen. */
void kiosk_install_fatal_handlers(void);

/* SIGTERM, SIGHUP (and SIGINT unless `ignore_interrupt`): only remembered, for the UI loop to end
   cleanly; blocking reads are interrupted (no SA_RESTART). */
void kiosk_install_termination_handlers(int ignore_interrupt);
/* The signal that asked the program to end, or 0. */
int kiosk_termination_requested(void);

/* What a fatal signal writes to `fd` and the terminal modes it puts back. Copied; call with
   NULL to disarm (after a normal end). */
void kiosk_arm_terminal_restore(int fd, const char *bytes, int length, const struct termios *modes);

#endif
