#include "word_breaks.h"

#include <unicode/ubrk.h>

int32_t kiosk_word_starts(const uint16_t *text, int32_t length, int32_t *starts, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    /* ICU keeps the "zh" rules and dictionary loaded after the first open, and each open after
       that is a clone of them: a few microseconds. */
    UBreakIterator *words = ubrk_open(UBRK_WORD, "zh", (const UChar *)text, length, &status);
    if (U_FAILURE(status) || words == NULL) {
        if (words != NULL) ubrk_close(words);
        return -1;
    }
    int32_t count = 0;
    ubrk_first(words);
    for (int32_t at = ubrk_next(words); at != UBRK_DONE && at < length && count < capacity; at = ubrk_next(words)) {
        starts[count++] = at;
    }
    ubrk_close(words);
    return count;
}
