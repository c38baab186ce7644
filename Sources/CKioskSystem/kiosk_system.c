#define _GNU_SOURCE
#include "kiosk_system.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

int kiosk_rename_noreplace(const char *from, const char *to) {
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
}

int kiosk_forbid_core_dumps(void) {
    struct rlimit none = {0, 0};
    int limited = setrlimit(RLIMIT_CORE, &none);
    int undumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    return limited == 0 && undumpable == 0 ? 0 : -1;
}

int kiosk_is_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }

/* Filled before the handlers can need it, read only inside them. */
static volatile sig_atomic_t restore_armed = 0;
static int restore_fd = -1;
static char restore_bytes[256];
static int restore_length = 0;
static struct termios restore_modes;
static volatile sig_atomic_t termination = 0;

void kiosk_arm_terminal_restore(int fd, const char *bytes, int length, const struct termios *modes) {
    restore_armed = 0;
    if (modes == NULL) return;
    if (length > (int)sizeof restore_bytes) length = sizeof restore_bytes;
    memcpy(restore_bytes, bytes, (size_t)length);
    restore_length = length;
    restore_modes = *modes;
    restore_fd = fd;
    restore_armed = 1;
}

static void on_fatal(int sig) {
    if (restore_armed) {
        restore_armed = 0;
        ssize_t ignored = write(restore_fd, restore_bytes, (size_t)restore_length);
        (void)ignored;
        tcsetattr(restore_fd, TCSANOW, &restore_modes);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void kiosk_install_fatal_handlers(void) {
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fatal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &action, NULL);
}

static void on_termination(int sig) { termination = sig; }

void kiosk_install_termination_handlers(int ignore_interrupt) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_termination;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: a waiting read returns at once */
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    if (!ignore_interrupt) sigaction(SIGINT, &action, NULL);
}

int kiosk_termination_requested(void) { return termination; }
