// eSpeak NG's C API (Debian: libespeak-ng-dev; voices in espeak-ng-data). Only KioskSpeech imports it.
#ifndef CAREKIOSK_CESPEAKNG_SHIM_H
#define CAREKIOSK_CESPEAKNG_SHIM_H
#include <espeak-ng/speak_lib.h>
#endif
