#ifndef CAREKIOSK_WORD_BREAKS_H
#define CAREKIOSK_WORD_BREAKS_H

/* Where words begin in Chinese text, from ICU's dictionary-based word break iterator (libicuuc):
   so that a line breaks between 社保卡 and 上 and never inside 社保卡. A wrapper in C because ICU's
   C API is reached through version-renaming macros (ubrk_open is ubrk_open_72), which Swift does
   not import. */

#include <stdint.h>

/* Writes into `starts` the UTF-16 offsets, after 0, at which a word of `text` begins, at most
   `capacity` of them, and returns how many it wrote; -1 when ICU could not break the text. */
int32_t kiosk_word_starts(const uint16_t *text, int32_t length, int32_t *starts, int32_t capacity);

#endif
